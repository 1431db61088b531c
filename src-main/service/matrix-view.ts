// The what-if matrix as the window uses it: the compact form of shared/api.ts matrixWireSchema
// (each kind of case once, each cell a tuple, no drills), and one cell found again by its id to
// run its drill in full.
import type { Lab } from '../../shared/lab.js';
import type { Drill } from '../../shared/drill.js';
import type { EventPayload, MatrixCase, MatrixCellDetail, MatrixHeader, MatrixView, MatrixWire, MatrixWireCells } from '../../shared/api.js';
import { expandMatrixView, runsOfRows } from '../../shared/matrix-view.js';
import {
  enumerateMatrix,
  matrixClient,
  runningVms,
  type MatrixCell,
  type MatrixCellResult,
  type MatrixDepth,
  type MatrixResult,
} from '../core/drills/matrix.js';
import { runMatrixInPool, MatrixCellCache, type MatrixProgress } from './matrix-pool.js';
import { MatrixThreads, defaultThreads, matrixWorkerScript } from './matrix-threads.js';

/** Runs the whole matrix; null when the run was cancelled through `signal`. */
export type CoreMatrixFn = (
  lab: Lab,
  options: {
    depth: MatrixDepth;
    seed?: number;
    signal: AbortSignal;
    onProgress: (done: number, total: number, current: string) => void;
    /** The cells of the matrix, before the first one runs. */
    onStart?: (cells: MatrixCell[], seed: number) => void;
    /** Cells as they finish, each once. */
    onCells?: (results: MatrixCellResult[], progress: MatrixProgress) => void;
  },
) => Promise<MatrixResult | null>;

/** The real matrix: cases alike once, cached cases not again, worker threads kept between runs. */
export function matrixInPool(shared: { cache?: MatrixCellCache; threads?: () => MatrixThreads | undefined } = {}): CoreMatrixFn {
  return async (lab, options) => {
    let last: MatrixProgress = { done: 0, total: 0, lost: 0, current: '', etaMs: null };
    const run = await runMatrixInPool(lab, {
      depth: options.depth,
      seed: options.seed,
      signal: options.signal,
      cache: shared.cache,
      threadPool: shared.threads?.(),
      onStart: options.onStart,
      onProgress: (p) => {
        last = p;
        options.onProgress(p.done, p.total, p.current);
      },
      onCells: (results) => options.onCells?.(results, last),
    });
    return run.ok ? run.result : null;
  };
}

/** The service's matrix: one cache of simulated cases and one set of threads for every run it makes. */
export function serviceMatrix(): CoreMatrixFn {
  const cache = new MatrixCellCache();
  let threads: MatrixThreads | undefined;
  return matrixInPool({
    cache,
    threads: () => {
      // The service's own thread simulates too, beside one worker thread per other core.
      const script = matrixWorkerScript();
      return script && defaultThreads() > 1 ? (threads ??= new MatrixThreads(script, defaultThreads() - 1)) : undefined;
    },
  });
}

/** Writes cells in the compact form: the cases and rows they refer to are worked out once per matrix. */
export class MatrixWireWriter {
  readonly header: MatrixHeader;
  private readonly caseOf: Int32Array;
  private readonly rowOf: Map<string, number>;

  constructor(private readonly cells: MatrixCell[], meta: { depth: MatrixDepth; seed: number; client: string; vms: string[] }) {
    this.rowOf = new Map(meta.vms.map((vm, i) => [vm, i]));
    const cases: MatrixCase[] = [];
    const caseIndex = new Map<string, number>();
    this.caseOf = new Int32Array(cells.length);
    for (const cell of cells) {
      const c = caseOfCell(cell, this.rowOf);
      const key = JSON.stringify(c);
      let n = caseIndex.get(key);
      if (n === undefined) {
        n = cases.length;
        caseIndex.set(key, n);
        cases.push(c);
      }
      this.caseOf[cell.index] = n;
    }
    this.header = { ...meta, cases, total: cells.length };
  }

  write(results: MatrixCellResult[]): MatrixWireCells {
    const out: MatrixWireCells = { cells: [], losses: [], problems: [] };
    for (const r of results) {
      const cell = this.cells[r.index];
      out.cells.push([r.index, this.caseOf[r.index], cell.vm === null ? -1 : this.rowOf.get(cell.vm)!, r.status, r.okMaxDowntimeMs]);
      for (const l of r.lost) out.losses.push({ cell: r.index, vm: this.rowOf.get(l.vm)!, downtimeMs: l.downtimeMs, code: l.code });
      if (r.problems.length) out.problems.push({ cell: r.index, problems: r.problems });
    }
    return out;
  }
}

function caseOfCell(cell: MatrixCell, rowOf: Map<string, number>): MatrixCase {
  const prefix = cell.vm === null ? '' : `vm:${cell.vm}/`;
  return {
    key: cell.id.slice(prefix.length),
    event: cell.kind,
    kind: cell.category,
    label: columnLabel(cell),
    // A VM event's own VM comes first in its elements and is named by its row.
    elements: cell.vm === null ? cell.elements : cell.elements.slice(1),
    ...(cell.vm === null ? { pingedRuns: runsOfRows((cell.drill.vms ?? []).map((vm) => rowOf.get(vm)!)) } : {}),
  };
}

export function toMatrixWire(result: MatrixResult): MatrixWire {
  const writer = new MatrixWireWriter(result.cells, { depth: result.depth, seed: result.seed, client: result.client, vms: result.vms });
  return {
    ...writer.header,
    ...writer.write(result.results),
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

/** The matrix with every cell written out, as the window reads it. */
export function toMatrixView(result: MatrixResult): MatrixView {
  return expandMatrixView(toMatrixWire(result));
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

type StreamPayload = Omit<EventPayload<'matrix.cells'>, 'runId' | 'docId'>;

const STREAM_EVERY_MS = 100;

/** The `matrix.cells` events of one run: the header first, then finished cells at most every 100 ms, and at the latest 100 ms after they finish. */
export class MatrixStream {
  private writer: MatrixWireWriter | null = null;
  private pending: MatrixCellResult[] = [];
  private lastSent = 0;
  private done = 0;
  private lost = 0;
  private etaMs: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly lab: Lab,
    private readonly depth: MatrixDepth,
    private readonly send: (payload: StreamPayload) => void,
  ) {}

  start(cells: MatrixCell[], seed: number): void {
    this.writer = new MatrixWireWriter(cells, { depth: this.depth, seed, client: matrixClient(this.lab) ?? '', vms: runningVms(this.lab) });
    this.lastSent = performance.now();
    this.send({ header: this.writer.header, cells: [], losses: [], problems: [], done: 0, total: cells.length, lost: 0, etaMs: null });
  }

  add(results: MatrixCellResult[], etaMs: number | null): void {
    this.pending.push(...results);
    this.done += results.length;
    this.lost += results.filter((r) => r.status === 'lost').length;
    this.etaMs = etaMs;
    const wait = STREAM_EVERY_MS - (performance.now() - this.lastSent);
    if (wait <= 0) this.flush();
    // Cells that finish just before a long pause (threads starting, a slow case) are not held back.
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  /** No more events: the run ended or was cancelled. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.writer = null;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.writer || this.pending.length === 0) return;
    const pieces = this.writer.write(this.pending);
    this.pending = [];
    this.lastSent = performance.now();
    this.send({ ...pieces, done: this.done, total: this.writer.header.total, lost: this.lost, etaMs: this.etaMs });
  }
}
