// The what-if matrix as the window uses it: cells with ids, elements and drills (shared/api.ts
// matrixViewSchema), and one cell found again by its id to run its drill in full.
import type { Lab } from '../../shared/lab.js';
import type { Drill } from '../../shared/drill.js';
import type { MatrixCellDetail, MatrixView } from '../../shared/api.js';
import {
  enumerateMatrix,
  type MatrixCell,
  type MatrixCellResult,
  type MatrixDepth,
  type MatrixResult,
} from '../core/drills/matrix.js';
import { runMatrixInPool } from './matrix-pool.js';

/** Runs the whole matrix; null when the run was cancelled through `signal`. */
export type CoreMatrixFn = (
  lab: Lab,
  options: { depth: MatrixDepth; seed?: number; signal: AbortSignal; onProgress: (done: number, total: number, current: string) => void },
) => Promise<MatrixResult | null>;

/** The real matrix: worker threads for large labs, this thread for small ones. */
export const matrixInPool: CoreMatrixFn = async (lab, options) => {
  const run = await runMatrixInPool(lab, {
    depth: options.depth,
    seed: options.seed,
    signal: options.signal,
    onProgress: (p) => options.onProgress(p.done, p.total, p.current),
  });
  return run.ok ? run.result : null;
};

export function toMatrixView(result: MatrixResult): MatrixView {
  return {
    depth: result.depth,
    seed: result.seed,
    client: result.client,
    vms: result.vms,
    cells: result.results.map((r) => cellDetail(result.cells[r.index], r)),
    groups: result.groups.map((g) => ({
      summary: g.sentence,
      cells: g.cells,
      event: g.kind,
      status: g.status,
      code: g.code,
      vms: g.vms,
      maxDowntimeMs: g.maxDowntimeMs,
    })),
    lostAny: result.lostAny,
  };
}

export function cellDetail(cell: MatrixCell, result: MatrixCellResult): MatrixCellDetail {
  return {
    scenario: cell.scenario,
    kind: cell.category,
    lostVms: result.lost.map((l) => ({ vm: l.vm, downtimeMs: l.downtimeMs, code: l.code })),
    id: cell.id,
    index: cell.index,
    event: cell.kind,
    label: columnLabel(cell),
    vm: cell.vm,
    elements: cell.elements,
    status: result.status,
    pingedVms: cell.drill.vms ?? [],
    okMaxDowntimeMs: result.okMaxDowntimeMs,
    problems: result.problems,
    drill: cell.drill,
  };
}

/** "Guest1: live-migrate to HostB" → "live-migrate to HostB": the same event for every VM row. */
function columnLabel(cell: MatrixCell): string {
  const prefix = cell.vm === null ? '' : `${cell.vm}: `;
  return prefix && cell.scenario.startsWith(prefix) ? cell.scenario.slice(prefix.length) : cell.scenario;
}

/** The cell with that id in this lab's matrix; pair cells ("fail2:…") live in the depth-2 matrix. */
export function findMatrixCell(lab: Lab, cellId: string): MatrixCell | null {
  const depth: MatrixDepth = cellId.startsWith('fail2:') ? 2 : 1;
  return enumerateMatrix(lab, depth).find((c) => c.id === cellId) ?? null;
}

/** The cell's drill under a name no drill of the lab has yet, ready to insert into `drills`. */
export function drillToAdd(lab: Lab, cell: MatrixCell): Drill {
  const taken = new Set(lab.drills.map((d) => d.name));
  const base = `what-if: ${cell.scenario}`.slice(0, 190);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
  return { ...structuredClone(cell.drill), name, description: `From the what-if matrix: ${cell.scenario}.` };
}
