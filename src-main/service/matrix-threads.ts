// Worker threads for the what-if matrix, kept between runs: each thread is sent the lab once per
// matrix and then batches of cells, two in hand so it never waits on this thread, and answers a
// batch's results by cell index in a few messages (one per batch, or more often for slow cases so
// progress keeps flowing). This same module is the threads' code (compiled JS under dist/); where
// no compiled copy exists there are no threads.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, dirname, relative } from 'node:path';
import type { MatrixCell, MatrixCellResult } from '../core/drills/matrix.js';
import { MatrixCellRunner, type MatrixJob } from './matrix-cell-runner.js';

const WORKER_ROLE = 'lab-planner/matrix-worker';

type ToWorker = { load: MatrixJob; key: string } | { run: MatrixCell[] };
type FromWorker = { results: MatrixCellResult[]; batchDone: boolean };

// A thread holds finished cases back at most this long, so a batch of slow cases still streams.
const ANSWER_EVERY_MS = 50;

/** Raised when no thread could start: the caller runs the cells in its own thread instead. */
export class ThreadsDidNotStart extends Error {}

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

interface Thread {
  worker: Worker;
  /** The matrix whose lab this thread holds. */
  key: string | null;
  started: boolean;
}

export class MatrixThreads {
  private threads: Thread[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly script: URL,
    readonly size: number,
  ) {}

  /** Threads already running (and holding a lab): a run on them pays no start-up. */
  get warm(): boolean {
    return this.threads.some((t) => t.started);
  }

  /** Runs the cells on the threads; false when cancelled. One run at a time, in call order. */
  run(job: MatrixJob, key: string, cells: MatrixCell[], onResult: (r: MatrixCellResult) => void, signal?: AbortSignal): Promise<boolean> {
    const next = this.queue.then(() => this.runNow(job, key, cells, onResult, signal));
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    for (const t of this.threads) void t.worker.terminate();
    this.threads = [];
  }

  private spawn(): Thread {
    const worker = new Worker(this.script, { workerData: { role: WORKER_ROLE } });
    worker.unref();
    const thread: Thread = { worker, key: null, started: false };
    worker.once('online', () => (thread.started = true));
    worker.on('exit', () => (this.threads = this.threads.filter((t) => t !== thread)));
    // A run reports its threads' errors; one that fails after its run ended (the second of two that
    // cannot start) only leaves the set.
    worker.on('error', () => void worker.terminate());
    return thread;
  }

  private runNow(job: MatrixJob, key: string, cells: MatrixCell[], onResult: (r: MatrixCellResult) => void, signal?: AbortSignal): Promise<boolean> {
    while (this.threads.length < Math.min(this.size, cells.length)) this.threads.push(this.spawn());
    const threads = this.threads.slice(0, Math.min(this.size, cells.length));
    return new Promise((resolve, reject) => {
      let next = 0;
      let done = 0;
      let finished = false;
      const size = Math.max(1, Math.min(16, Math.ceil(cells.length / (threads.length * 8))));
      const listeners: (() => void)[] = [];
      const stop = (outcome: () => void, drop = false) => {
        if (finished) return;
        finished = true;
        signal?.removeEventListener('abort', onAbort);
        for (const off of listeners) off();
        for (const t of threads) t.worker.unref();
        // Threads interrupted mid-batch would answer into the next run: they are stopped instead.
        if (drop) for (const t of threads) void t.worker.terminate();
        outcome();
      };
      const onAbort = () => stop(() => resolve(false), true);
      if (signal?.aborted) return resolve(false);
      signal?.addEventListener('abort', onAbort);
      const feed = (t: Thread) => {
        if (next >= cells.length) return;
        const run = cells.slice(next, next + size);
        next += run.length;
        t.worker.postMessage({ run } satisfies ToWorker);
      };
      for (const t of threads) {
        t.worker.ref();
        const onMessage = (message: FromWorker) => {
          if (message.batchDone) feed(t);
          for (const result of message.results) {
            if (finished) return;
            done++;
            onResult(result);
          }
          if (done === cells.length) stop(() => resolve(true));
        };
        const onError = (error: Error) => stop(() => reject(done === 0 ? new ThreadsDidNotStart(error.message) : error), true);
        const onExit = (code: number) => onError(new Error(`a matrix thread stopped with exit code ${code}`));
        t.worker.on('message', onMessage);
        t.worker.on('error', onError);
        t.worker.on('exit', onExit);
        listeners.push(() => {
          t.worker.off('message', onMessage);
          t.worker.off('error', onError);
          t.worker.off('exit', onExit);
        });
        if (t.key !== key) {
          t.worker.postMessage({ load: job, key } satisfies ToWorker);
          t.key = key;
        }
        feed(t);
        feed(t);
      }
    });
  }
}

function serveAsWorker(): void {
  let runner: MatrixCellRunner | null = null;
  parentPort!.on('message', (message: ToWorker) => {
    if ('load' in message) {
      runner = new MatrixCellRunner(message.load);
      return;
    }
    let results: MatrixCellResult[] = [];
    let since = performance.now();
    message.run.forEach((cell, i) => {
      results.push(runner!.run(cell));
      const batchDone = i === message.run.length - 1;
      if (!batchDone && performance.now() - since < ANSWER_EVERY_MS) return;
      parentPort!.postMessage({ results, batchDone } satisfies FromWorker);
      results = [];
      since = performance.now();
    });
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) serveAsWorker();
