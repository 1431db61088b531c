// Runs the what-if matrix: cells alike are simulated once (matrix-symmetry.ts), cells whose
// signature is already known are not simulated at all (the cache), and the rest run in this
// thread, on worker threads when that wins, or on queue workers. Results come back by cell
// index, so the matrix is the same whichever way it ran.
import { createHash } from 'node:crypto';
import type { Lab } from '../../shared/lab.js';
import { enumerateMatrix, scopingOf, assembleMatrix, type MatrixCell, type MatrixCellResult, type MatrixDepth, type MatrixResult } from '../core/drills/matrix.js';
import { MatrixPlanner, translateResult, type CellSignature } from '../core/drills/matrix-symmetry.js';
import { MatrixCellRunner, type MatrixJob } from './matrix-cell-runner.js';
import { CellFeed, MatrixThreads, ThreadsDidNotStart, defaultThreads, matrixWorkerScript } from './matrix-threads.js';

export { defaultThreads, matrixWorkerScript } from './matrix-threads.js';

export interface MatrixProgress {
  done: number;
  total: number;
  /** Cells that lost a VM so far. */
  lost: number;
  /** The scenario of the cell finished last, e.g. "fail switch switch2". */
  current: string;
  /** Time left, estimated from the cells simulated so far; null before the first. */
  etaMs: number | null;
}

/** Simulates the given cells of a matrix somewhere (threads, a queue); false when cancelled. */
export type CellExecutor = (job: MatrixJob, cells: MatrixCell[], onResult: (r: MatrixCellResult) => void, signal?: AbortSignal) => Promise<boolean>;

export interface MatrixPoolOptions {
  depth?: MatrixDepth;
  seed?: number;
  /** The compiled worker script; the one next to the thread module by default. */
  workerScript?: URL;
  /**
   * Threads that simulate, this one included: 1 runs in this thread, N starts N − 1 worker threads
   * beside it. Default: one per core once the work is large enough to win.
   */
  threads?: number;
  /** Worker threads kept from run to run (the service's); without it, they are started for this run. */
  threadPool?: MatrixThreads;
  /** Runs the cells elsewhere instead (the queue). */
  executor?: CellExecutor;
  /** Outcomes already simulated, by cell signature: a matching cell is not simulated again. */
  cache?: MatrixCellCache;
  /** False simulates every cell, as the reference the reduction is checked and measured against. */
  reduce?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: MatrixProgress) => void;
  /** The matrix's cells, before the first one runs. */
  onStart?: (cells: MatrixCell[], seed: number) => void;
  /** Cells as they finish (each once), for a heatmap that fills while the matrix runs. */
  onCells?: (results: MatrixCellResult[]) => void;
}

export type MatrixRun =
  | { ok: true; result: MatrixResult; threads: number; simulated: number }
  | { ok: false; cancelled: true; done: number; total: number };

/** Simulated outcomes by cell signature, kept between runs so an edit re-runs only the cells it changed. */
export class MatrixCellCache {
  private readonly entries = new Map<string, { result: MatrixCellResult; signature: CellSignature }>();

  constructor(private readonly capacity = 200_000) {}

  get(signature: CellSignature) {
    return this.entries.get(signature.key);
  }

  set(signature: CellSignature, result: MatrixCellResult): void {
    this.entries.delete(signature.key);
    this.entries.set(signature.key, { result, signature });
    // Oldest first out: Map keeps insertion order.
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

// A cold thread costs about this much before it runs at full speed (module load, the lab, a cold JIT);
// a warm one little.
const COLD_THREAD_MS = 400;
const WARM_THREAD_MS = 10;
// Cells run here first for this long; what they took tells whether threads would win.
const PROBE_MS = 100;
// Fewer cells than this never pay for a thread, however slow the first ones were (a cold JIT).
const FEWEST_CELLS_FOR_THREADS = 64;
// Cheap cases a cold thread runs first, to warm its JIT before the costly ones.
const WARM_UP_CASES = 12;

export async function runMatrixInPool(lab: Lab, options: MatrixPoolOptions = {}): Promise<MatrixRun> {
  const depth = options.depth ?? 1;
  const seed = options.seed ?? lab.settings.seed;
  const job: MatrixJob = { lab, depth, seed };
  const script = options.workerScript ?? matrixWorkerScript();
  // Threads asked for by number start now, so their start-up overlaps the planning, and take the
  // costliest cells while the rest are still being grouped. By default, threads stream so when the
  // lab's whole-lab cases alone are long enough to pay for them.
  const asked = options.threads;
  let pool: MatrixThreads | null = null;
  let ownPool = false;
  const key = jobKey(job);
  /** Starts the worker threads beside this one: `count` threads in all. */
  const startThreads = (count: number) => {
    const workers = count - 1;
    ownPool = !(options.threadPool && options.threadPool.size >= workers);
    pool = ownPool ? new MatrixThreads(script!, workers) : options.threadPool!;
    const cold = !pool.warm;
    pool.prepare(job, key, workers);
    return cold;
  };
  let coldPool = false;
  if (!options.executor && script && asked !== undefined && asked > 1) coldPool = startThreads(asked);
  try {
    const cells = enumerateMatrix(lab, depth);
    options.onStart?.(cells, seed);
    if (!options.executor && script && asked === undefined && defaultThreads() > 1) {
      const warm = options.threadPool?.warm ?? false;
      if (wholeLabMs(lab, cells) > (warm ? WARM_STREAM_MS : COLD_STREAM_MS)) coldPool = startThreads(defaultThreads());
    }
    const planner = options.reduce === false ? null : new MatrixPlanner(lab, cells, seed, scopingOf(lab));

    const results: MatrixCellResult[] = new Array(cells.length);
    // Outcomes of the cells simulated (or found in the cache), and the members still waiting for one.
    const outcomeOf = new Map<number, MatrixCellResult>();
    const waiting = new Map<number, number[]>();
    let done = 0;
    let lost = 0;
    let simulated = 0;
    let finished: MatrixCellResult[] = [];
    const started = performance.now();
    const toSimulate: MatrixCell[] = [];
    const deliver = (rep: number, members: number[], result: MatrixCellResult) => {
      for (const m of members) {
        const r = planner && m !== rep ? translateResult(result, planner.signatures[rep], planner.signatures[m], m) : { ...result, index: m };
        results[m] = r;
        finished.push(r);
        if (r.status === 'lost') lost++;
      }
      done += members.length;
    };
    const flush = () => {
      if (finished.length === 0) return;
      const some = finished;
      finished = [];
      options.onCells?.(some);
    };
    const progress = (current: string) => {
      const elapsed = performance.now() - started;
      const etaMs = simulated === 0 ? null : Math.round((elapsed / simulated) * (toSimulate.length - simulated));
      options.onProgress?.({ done, total: cells.length, lost, current, etaMs });
    };
    /** Groups cell `i`: a member of a class already simulated gets its outcome now; a new class is to simulate. */
    const place = (i: number): MatrixCell | null => {
      if (!planner) {
        waiting.set(i, [i]);
        return cells[i];
      }
      const rep = planner.sign(i);
      if (rep !== i) {
        const outcome = outcomeOf.get(rep);
        if (outcome) deliver(rep, [i], outcome);
        else waiting.get(rep)!.push(i);
        return null;
      }
      const hit = options.cache?.get(planner.signatures[i]);
      if (hit) {
        const outcome = translateResult(hit.result, hit.signature, planner.signatures[i], i);
        outcomeOf.set(i, outcome);
        deliver(i, [i], outcome);
        return null;
      }
      waiting.set(i, [i]);
      return cells[i];
    };
    const onResult = (r: MatrixCellResult) => {
      // A queue may hand back a case twice (a worker died after answering): the first answer stands.
      if (outcomeOf.has(r.index) || !waiting.has(r.index)) return;
      simulated++;
      if (planner) options.cache?.set(planner.signatures[r.index], r);
      outcomeOf.set(r.index, r);
      deliver(r.index, waiting.get(r.index)!, r);
      waiting.delete(r.index);
      flush();
      progress(cells[r.index].scenario);
    };

    let threads = 1;
    let completed: boolean;
    if (pool) {
      const outcome = await streamToThreads(job, key, pool as MatrixThreads, cells, place, toSimulate, onResult, () => (flush(), progress('')), coldPool, options);
      completed = outcome.completed;
      threads = outcome.threads;
    } else {
      cells.forEach((_, i) => {
        const cell = place(i);
        if (cell) toSimulate.push(cell);
      });
      flush();
      if (done > 0) progress('');
      if (options.executor) completed = await options.executor(job, toSimulate, onResult, options.signal);
      else {
        const outcome = await simulateLocally(job, toSimulate, onResult, options);
        completed = outcome.completed;
        threads = outcome.threads;
      }
    }
    if (!completed || options.signal?.aborted) return { ok: false, cancelled: true, done, total: cells.length };
    return { ok: true, result: assembleMatrix(lab, depth, seed, cells, results), threads, simulated };
  } finally {
    if (ownPool) (pool as MatrixThreads | null)?.close();
  }
}

// By default threads take a matrix whose whole-lab cases alone would take this long in one thread:
// cold threads cost their start-up and a cold JIT, warm ones (the service's) little.
const COLD_STREAM_MS = 1500;
const WARM_STREAM_MS = 150;

/**
 * What the matrix's whole-lab cases would take in one thread, roughly: measured, a whole-lab case of
 * the generated 256-VM lab takes about 100 ms, growing with the VMs to the power 1.7.
 */
function wholeLabMs(lab: Lab, cells: MatrixCell[]): number {
  const count = cells.reduce((n, c) => n + (c.scope ? 0 : 1), 0);
  return count * 100 * (lab.vms.length / 256) ** 1.7;
}

// Planning between deliveries of the threads' answers: this long, then the event loop turns.
const PLAN_SLICE_MS = 10;
// This thread runs cells for at most this long before it lets the service answer its clients (a cancel among them).
const ANSWER_EVERY_MS = 15;

/**
 * Plans and runs at once: a few cheap cells first (a cold thread warms its JIT on them), then the
 * whole-lab cells, the costliest, then the rest in slices, each slice's new classes handed to the
 * threads costliest first while the next slice is planned.
 */
async function streamToThreads(
  job: MatrixJob,
  key: string,
  pool: MatrixThreads,
  cells: MatrixCell[],
  place: (i: number) => MatrixCell | null,
  toSimulate: MatrixCell[],
  onResult: (r: MatrixCellResult) => void,
  afterSlice: () => void,
  cold: boolean,
  options: MatrixPoolOptions,
): Promise<{ completed: boolean; threads: number }> {
  const weights = weightsOf(job.lab, cells);
  const weightOf = (c: MatrixCell) => weights.get(c)!;
  const feed = new CellFeed();
  const hand = (some: MatrixCell[]) => {
    some.sort((a, b) => weightOf(b) - weightOf(a));
    toSimulate.push(...some);
    feed.push(some);
  };
  const placeAll = (indices: Iterable<number>) => {
    const some: MatrixCell[] = [];
    for (const i of indices) {
      const cell = place(i);
      if (cell) some.push(cell);
    }
    return some;
  };
  const first = cold ? Math.min(cells.length, WARM_UP_CASES * pool.size) : 0;
  hand(placeAll(Array.from({ length: first }, (_, i) => i)));
  hand(placeAll(cells.flatMap((c, i) => (i >= first && !c.scope ? [i] : []))));
  const runner = new MatrixCellRunner(job);
  const running = pool.run(job, key, feed, onResult, options.signal, weightOf, HEAVIEST_WHILE_PLANNING);
  // Planning must not outlive a run that failed: its error is read once planning is done.
  running.catch(() => undefined);
  let next = first;
  while (next < cells.length) {
    if (options.signal?.aborted) break;
    const began = performance.now();
    const some: MatrixCell[] = [];
    for (; next < cells.length && performance.now() - began < PLAN_SLICE_MS; next++) {
      if (!cells[next].scope && next >= first) continue;
      const cell = place(next);
      if (cell) some.push(cell);
    }
    hand(some);
    // This thread is one of the threads: between slices of planning it runs a few cheap cells.
    runCheapHere(runner, feed, onResult, weightOf, PLAN_SLICE_MS, HEAVIEST_WHILE_PLANNING);
    afterSlice();
    await new Promise((resolve) => setImmediate(resolve));
  }
  feed.close();
  afterSlice();
  return finishOnThreads(running, runner, feed, onResult, weightOf, pool.size + 1, options.signal);
}

// While it plans, this thread runs only cells estimated at no more than about 20 ms (a host-scoped
// case, a small lab's whole-lab one); once planning is done, cells of up to about 75 ms (a 300-VM
// lab's whole-lab case) too, so the threads finish together. Costlier cases are left to the worker
// threads, so a service that runs a matrix keeps answering its other clients.
const HEAVIEST_WHILE_PLANNING = 4000;
const HEAVIEST_HERE = 16000;
// Cells this thread takes from the feed at once.
const CELLS_HERE = 4;

/** Runs the feed's cheapest cells here for up to `forMs`; how many ran. */
function runCheapHere(
  runner: MatrixCellRunner,
  feed: CellFeed,
  onResult: (r: MatrixCellResult) => void,
  weightOf: (c: MatrixCell) => number,
  forMs: number,
  heaviest = HEAVIEST_HERE,
): number {
  const began = performance.now();
  let ran = 0;
  while (performance.now() - began < forMs) {
    const some = feed.takeFromEnd(CELLS_HERE, heaviest, weightOf);
    if (some.length === 0) break;
    for (const cell of some) onResult(runner.run(cell));
    ran += some.length;
  }
  return ran;
}

/**
 * Once every cell is in the feed: this thread runs the cheap ones left while the worker threads run
 * the rest, then waits for them. Threads that cannot start leave the matrix to this thread: slower,
 * same result.
 */
async function finishOnThreads(
  running: Promise<boolean>,
  runner: MatrixCellRunner,
  feed: CellFeed,
  onResult: (r: MatrixCellResult) => void,
  weightOf: (c: MatrixCell) => number,
  threads: number,
  signal: AbortSignal | undefined,
): Promise<{ completed: boolean; threads: number }> {
  let failed = false;
  running.catch(() => (failed = true));
  while (!signal?.aborted && !failed && runCheapHere(runner, feed, onResult, weightOf, ANSWER_EVERY_MS) > 0) await new Promise((resolve) => setImmediate(resolve));
  try {
    return { completed: await running, threads };
  } catch (error) {
    if (!(error instanceof ThreadsDidNotStart)) throw error;
    return { completed: (await runHere(runner, feed.all(), onResult, signal, Infinity)) !== null, threads: 1 };
  }
}

/**
 * What a cell costs, relative to others: the VMs it simulates to the power 1.7 (flooding and ARP
 * grow faster than the lab; measured on the generated labs, a whole-lab case of 1,000 VMs costs
 * some 350 VM events on two hosts of 16 VMs each).
 */
function weightsOf(lab: Lab, cells: MatrixCell[]): Map<MatrixCell, number> {
  const vmsOn = new Map<string, number>();
  for (const vm of lab.vms) vmsOn.set(vm.host, (vmsOn.get(vm.host) ?? 0) + 1);
  const simulated = (cell: MatrixCell) => (cell.scope ? cell.scope.reduce((n, h) => n + (vmsOn.get(h) ?? 0), 0) : lab.vms.length);
  return new Map(cells.map((cell) => [cell, Math.max(1, simulated(cell)) ** 1.7]));
}

/** One key per lab, depth and seed: threads holding that lab are not sent it again. */
function jobKey(job: MatrixJob): string {
  return createHash('sha256').update(JSON.stringify(job)).digest('base64');
}

async function simulateLocally(
  job: MatrixJob,
  cells: MatrixCell[],
  onResult: (r: MatrixCellResult) => void,
  options: MatrixPoolOptions,
): Promise<{ completed: boolean; threads: number }> {
  const script = options.workerScript ?? matrixWorkerScript();
  const wanted = Math.max(1, Math.min(options.threads ?? defaultThreads(), cells.length));
  const runner = new MatrixCellRunner(job);
  const adaptive = options.threads === undefined;
  const here = async (some: MatrixCell[], forMs = Infinity) => runHere(runner, some, onResult, options.signal, forMs);
  if (wanted === 1 || !script || (adaptive && cells.length < FEWEST_CELLS_FOR_THREADS)) return { completed: (await here(cells)) !== null, threads: 1 };

  let start = 0;
  const weights = weightsOf(job.lab, cells);
  if (adaptive) {
    // Run here for a moment: small matrices finish in that time, large ones tell what threads would save.
    const probeStart = performance.now();
    const probed = await here(cells, PROBE_MS);
    if (probed === null) return { completed: false, threads: 1 };
    start = probed;
    if (start >= cells.length) return { completed: true, threads: 1 };
    const weightOf = (some: MatrixCell[]) => some.reduce((n, c) => n + weights.get(c)!, 0);
    const leftMs = ((performance.now() - probeStart) / Math.max(1, weightOf(cells.slice(0, start)))) * weightOf(cells.slice(start));
    const startUpMs = options.threadPool?.warm ? WARM_THREAD_MS : COLD_THREAD_MS;
    // Threads must win with room to spare: the estimate is from the first, cheapest cells.
    if (leftMs / wanted + 2 * startUpMs >= leftMs) {
      return { completed: (await here(cells.slice(start))) !== null, threads: 1 };
    }
  }
  // The costliest first, so no thread is left with a long case at the end while the others idle; but a
  // cold thread runs a few cheap cases before them, since a whole-lab case run by a cold JIT costs
  // several times what it costs warm.
  const sorted = cells.slice(start).sort((a, b) => weights.get(b)! - weights.get(a)!);
  const cold = !(options.threadPool?.warm ?? false);
  const warmUp = cold ? sorted.splice(Math.max(0, sorted.length - WARM_UP_CASES * wanted)).reverse() : [];
  const rest = [...warmUp, ...sorted];
  // This thread is one of them: it runs the cheapest cells beside wanted − 1 worker threads.
  const workers = wanted - 1;
  const pool = options.threadPool && options.threadPool.size >= workers ? options.threadPool : new MatrixThreads(script, workers);
  const feed = CellFeed.of(rest);
  const weightOf = (c: MatrixCell) => weights.get(c)!;
  try {
    return await finishOnThreads(pool.run(job, jobKey(job), feed, onResult, options.signal, weightOf, HEAVIEST_WHILE_PLANNING), runner, feed, onResult, weightOf, wanted, options.signal);
  } finally {
    if (pool !== options.threadPool) pool.close();
  }
}

/**
 * Runs cells in this thread for up to `forMs`, yielding now and then so progress is delivered and a
 * cancel is heard. How many cells ran; null when cancelled.
 */
async function runHere(
  runner: MatrixCellRunner,
  cells: MatrixCell[],
  onResult: (r: MatrixCellResult) => void,
  signal: AbortSignal | undefined,
  forMs: number,
): Promise<number | null> {
  const began = performance.now();
  let last = began;
  let ran = 0;
  for (const cell of cells) {
    if (performance.now() - last > ANSWER_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      last = performance.now();
    }
    if (signal?.aborted) return null;
    if (performance.now() - began >= forMs) break;
    onResult(runner.run(cell));
    ran++;
  }
  return ran;
}
