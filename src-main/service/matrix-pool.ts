// Runs the what-if matrix on worker threads: cells are handed out in small batches, results come
// back by cell index, so the matrix is the same whatever the thread count. This same module is the
// worker's code (compiled JS under dist/); where no compiled copy exists it runs in this thread.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, dirname, relative } from 'node:path';
import type { Lab } from '../../shared/lab.js';
import {
  enumerateMatrix,
  runMatrixCell,
  scopingOf,
  assembleMatrix,
  type MatrixCell,
  type MatrixCellResult,
  type MatrixDepth,
  type MatrixResult,
} from '../core/drills/matrix.js';

export interface MatrixProgress {
  done: number;
  total: number;
  /** Cells that lost a VM so far. */
  lost: number;
  /** The scenario of the cell finished last, e.g. "fail switch switch2". */
  current: string;
}

export interface MatrixPoolOptions {
  depth?: MatrixDepth;
  seed?: number;
  /** The compiled worker script; the one next to this module by default. */
  workerScript?: URL;
  /** Worker threads; 1 runs in this thread (yielding between batches). Default: one per core, or this thread for small matrices. */
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (p: MatrixProgress) => void;
}

export type MatrixRun =
  | { ok: true; result: MatrixResult; threads: number }
  | { ok: false; cancelled: true; done: number; total: number };

const WORKER_ROLE = 'lab-planner/matrix-worker';
const SMALL_MATRIX_CELLS = 200;

type ToWorker = { run: number[] };
type FromWorker = { result: MatrixCellResult } | { idle: true };

/** The compiled worker script, or null when only TypeScript sources are at hand (tests, tsx). */
export function matrixWorkerScript(): URL | null {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return new URL(import.meta.url);
  const root = join(dirname(here), '..', '..');
  const compiled = join(root, 'dist', relative(root, here).replace(/\.ts$/, '.js'));
  return existsSync(compiled) ? pathToFileURL(compiled) : null;
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

export async function runMatrixInPool(lab: Lab, options: MatrixPoolOptions = {}): Promise<MatrixRun> {
  const depth = options.depth ?? 1;
  const seed = options.seed ?? lab.settings.seed;
  const cells = enumerateMatrix(lab, depth);
  const script = options.workerScript ?? matrixWorkerScript();
  // Starting a worker costs about as much as a hundred small cells, so small matrices stay here.
  const wanted = options.threads ?? (cells.length < SMALL_MATRIX_CELLS ? 1 : defaultThreads());
  const threads = Math.max(1, Math.min(wanted, cells.length, script ? Infinity : 1));
  let done = 0;
  const progress = (p: MatrixProgress) => {
    done = p.done;
    options.onProgress?.(p);
  };
  const tracked = { ...options, onProgress: progress };
  let used = threads;
  let results: MatrixCellResult[] | null;
  if (threads === 1) results = await runHere(lab, cells, seed, tracked);
  else {
    try {
      results = await runOnWorkers(lab, depth, seed, cells, threads, script!, tracked);
    } catch (error) {
      // Workers that cannot start (e.g. the compiled script is packed where threads cannot load it)
      // leave the matrix to this thread: slower, same result.
      if (!(error instanceof WorkersDidNotStart)) throw error;
      used = 1;
      results = await runHere(lab, cells, seed, tracked);
    }
  }
  if (results === null) return { ok: false, cancelled: true, done, total: cells.length };
  return { ok: true, result: assembleMatrix(lab, depth, seed, cells, results), threads: used };
}

class WorkersDidNotStart extends Error {}

function batchSize(total: number, threads: number): number {
  return Math.max(1, Math.min(32, Math.ceil(total / (threads * 8))));
}

async function runHere(lab: Lab, cells: MatrixCell[], seed: number, options: MatrixPoolOptions): Promise<MatrixCellResult[] | null> {
  const results: MatrixCellResult[] = [];
  let lost = 0;
  const size = batchSize(cells.length, 1);
  const scoping = scopingOf(lab);
  for (let i = 0; i < cells.length; i += size) {
    // Yield between batches so progress is delivered and a cancel is heard.
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) return null;
    for (const cell of cells.slice(i, i + size)) {
      const result = runMatrixCell(lab, cell, seed, scoping);
      if (result.status === 'lost') lost++;
      results.push(result);
    }
    options.onProgress?.({ done: results.length, total: cells.length, lost, current: cells[results.length - 1].scenario });
  }
  return results;
}

function runOnWorkers(
  lab: Lab,
  depth: MatrixDepth,
  seed: number,
  cells: MatrixCell[],
  threads: number,
  script: URL,
  options: MatrixPoolOptions,
): Promise<MatrixCellResult[] | null> {
  return new Promise((resolve, reject) => {
    const results: MatrixCellResult[] = [];
    const size = batchSize(cells.length, threads);
    let next = 0;
    let lost = 0;
    let finished = false;
    const workers: Worker[] = [];
    const stop = (outcome: () => void) => {
      if (finished) return;
      finished = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      outcome();
    };
    const onAbort = () => stop(() => resolve(null));
    const feed = (worker: Worker) => {
      if (next >= cells.length) return;
      const run = cells.slice(next, next + size).map((c) => c.index);
      next += run.length;
      worker.postMessage({ run } satisfies ToWorker);
    };
    if (options.signal?.aborted) return resolve(null);
    options.signal?.addEventListener('abort', onAbort);
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(script, { workerData: { role: WORKER_ROLE, lab, depth, seed } });
      workers.push(worker);
      worker.on('message', (message: FromWorker) => {
        if ('idle' in message) return feed(worker);
        results.push(message.result);
        if (message.result.status === 'lost') lost++;
        options.onProgress?.({ done: results.length, total: cells.length, lost, current: cells[message.result.index].scenario });
        if (results.length === cells.length) stop(() => resolve(results));
      });
      const failed = (error: Error) => stop(() => reject(results.length === 0 ? new WorkersDidNotStart(error.message) : error));
      worker.on('error', failed);
      worker.on('exit', (code) => {
        if (!finished && code !== 0) failed(new Error(`a matrix worker stopped with exit code ${code}`));
      });
      feed(worker);
    }
  });
}

function serveAsWorker(): void {
  const { lab, depth, seed } = workerData as { lab: Lab; depth: MatrixDepth; seed: number };
  const cells = enumerateMatrix(lab, depth);
  const scoping = scopingOf(lab);
  parentPort!.on('message', (message: ToWorker) => {
    for (const index of message.run) parentPort!.postMessage({ result: runMatrixCell(lab, cells[index], seed, scoping) } satisfies FromWorker);
    parentPort!.postMessage({ idle: true } satisfies FromWorker);
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) serveAsWorker();
