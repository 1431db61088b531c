// The HTML report as `lab-planner report` builds it (checks, every drill, the matrix), run in turns
// so progress streams and a cancel is heard.
import type { Lab } from '../../shared/lab.js';
import type { DesignCheck } from '../../shared/checks.js';
import { enumerateMatrix, type MatrixDepth } from '../core/drills/matrix.js';
import { buildReport } from '../core/report/index.js';
import { RunCancelled, runDrillsInTurn, type RunDrillsFn } from './runs.js';
import type { CoreMatrixFn } from './matrix-view.js';

export interface ReportParts {
  runDrills: RunDrillsFn;
  designChecks?: (lab: Lab) => DesignCheck[];
  matrix?: CoreMatrixFn;
  appVersion: string;
  generatedAt: string;
}

export interface ReportRun {
  depth: MatrixDepth;
  includeMatrix: boolean;
  signal: AbortSignal;
  /** Drills then matrix cases, counted together. */
  onProgress: (done: number, total: number, current: string) => void;
}

export interface LabReport {
  html: string;
  checks: number;
  drills: number;
  matrixCells: number;
}

/** Null when cancelled. Drills and the matrix need a client to ping from; without one they are left out. */
export async function buildLabReport(lab: Lab, parts: ReportParts, run: ReportRun): Promise<LabReport | null> {
  const checks = parts.designChecks?.(lab) ?? [];
  const drillNames = lab.clients.length ? lab.drills.map((d) => d.name) : [];
  const withMatrix = run.includeMatrix && lab.clients.length > 0 && parts.matrix !== undefined;
  const total = drillNames.length + (withMatrix ? enumerateMatrix(lab, run.depth).length : 0);
  let drills = null;
  if (drillNames.length) {
    try {
      drills = await runDrillsInTurn(parts.runDrills, lab, drillNames, { signal: run.signal, onProgress: (done, _t, current) => run.onProgress(done, total, current) });
    } catch (error) {
      if (error instanceof RunCancelled) return null;
      throw error;
    }
  }
  let matrix = null;
  if (withMatrix) {
    matrix = await parts.matrix!(lab, {
      depth: run.depth,
      signal: run.signal,
      onProgress: (done, _t, current) => run.onProgress(drillNames.length + done, total, current),
    });
    if (matrix === null) return null;
  }
  if (run.signal.aborted) return null;
  const html = buildReport({ lab, checks, drills, matrix, generatedAt: parts.generatedAt, appVersion: parts.appVersion });
  return { html, checks: checks.length, drills: drills?.drills.length ?? 0, matrixCells: matrix?.cells.length ?? 0 };
}
