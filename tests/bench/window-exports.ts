// Benchmark of the window's what-if view: the matrix.run answer's size, opening one cell, and a capture export, on the generated 16-host, 256-VM lab.
import { performance } from 'node:perf_hooks';
import { generatedLab, fieldReportLab } from './matrix.js';
import { runMatrixInPool } from '../../src-main/service/matrix-pool.js';
import { toMatrixWire, findMatrixCell } from '../../src-main/service/matrix-view.js';
import { runCell, captureDrill } from '../../src-main/service/drill-exports.js';
import { defaultCapturePoints } from '../../src-main/service/capture-points.js';
import type { Lab } from '../../shared/lab.js';

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: Math.round(performance.now() - start) };
}

async function figuresFor(name: string, lab: Lab, figures: Record<string, number | string | boolean>): Promise<void> {
  const run = await runMatrixInPool(lab, { depth: 1 });
  if (!run.ok) throw new Error('the matrix was cancelled');
  // What matrix.run answers: the compact form the window expands.
  const view = timed(() => JSON.stringify(toMatrixWire(run.result)));
  figures[`window.${name}.matrixView.cells`] = run.result.cells.length;
  figures[`window.${name}.matrixView.jsonKiB`] = Math.round(view.value.length / 1024);
  figures[`window.${name}.matrixView.convertAndSerializeMs`] = view.ms;
  const cellId = run.result.cells.find((c) => c.kind === 'migrate-restart')?.id ?? run.result.cells[0].id;
  const cell = timed(() => runCell(lab, findMatrixCell(lab, cellId)!, lab.settings.seed));
  figures[`window.${name}.runCell.ms`] = cell.ms;
  const drill = lab.drills[0] ?? findMatrixCell(lab, cellId)!.drill;
  const capture = timed(() => captureDrill(lab, drill, defaultCapturePoints(lab), lab.settings.seed));
  figures[`window.${name}.captureDefaultPoints.ms`] = capture.ms;
  figures[`window.${name}.captureDefaultPoints.files`] = capture.value.files.length;
  figures[`window.${name}.captureDefaultPoints.KiB`] = Math.round(capture.value.files.reduce((n, f) => n + f.bytes.length, 0) / 1024);
}

export async function bench(): Promise<Record<string, number | string | boolean>> {
  const figures: Record<string, number | string | boolean> = {};
  await figuresFor('fieldReport', fieldReportLab(), figures);
  await figuresFor('generated16x256', generatedLab(), figures);
  return figures;
}
