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

const YOUNG_GENERATION_MB = 64;

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

/**
 * Cells handed to the threads as they become known (the planner signs the costliest first and the
 * rest while threads already run); closed once no more will come.
 */
export class CellFeed {
  private readonly cells: MatrixCell[] = [];
  private taken = 0;
  private listeners: (() => void)[] = [];
  closed = false;

  /** A feed of a known list, closed at once. */
  static of(cells: MatrixCell[]): CellFeed {
    const feed = new CellFeed();
    feed.push(cells);
    feed.close();
    return feed;
  }

  /** Cells for the threads: those pushed, less those the calling thread took to run itself. */
  get total(): number {
    return this.cells.length;
  }

  /** Every cell for the threads so far. */
  all(): MatrixCell[] {
    return [...this.cells];
  }

  get waiting(): number {
    return this.cells.length - this.taken;
  }

  push(cells: MatrixCell[]): void {
    if (this.closed) throw new Error('cells pushed after the feed was closed');
    if (cells.length === 0) return;
    this.cells.push(...cells);
    this.notify();
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  /** Up to `most` cells not yet handed out, while their weight stays within `budget` (at least one). */
  take(most: number, budget: number, weightOf: (cell: MatrixCell) => number): MatrixCell[] {
    const run: MatrixCell[] = [];
    let weight = 0;
    while (this.taken < this.cells.length && run.length < most) {
      const w = weightOf(this.cells[this.taken]);
      if (run.length > 0 && weight + w > budget) break;
      weight += w;
      run.push(this.cells[this.taken++]);
    }
    return run;
  }

  /**
   * The cheapest cells waiting (from the end, where each push's cheapest are), up to `most` and
   * while each weighs at most `heaviest`: the calling thread runs them itself, so they are no longer
   * the threads' to run.
   */
  takeFromEnd(most: number, heaviest: number, weightOf: (cell: MatrixCell) => number): MatrixCell[] {
    const run: MatrixCell[] = [];
    while (run.length < most && this.cells.length > this.taken && weightOf(this.cells[this.cells.length - 1]) <= heaviest) run.push(this.cells.pop()!);
    if (run.length > 0) this.notify();
    return run;
  }

  weightWaiting(weightOf: (cell: MatrixCell) => number): number {
    let n = 0;
    for (let i = this.taken; i < this.cells.length; i++) n += weightOf(this.cells[i]);
    return n;
  }

  onChange(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
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

  /**
   * Starts up to `count` threads now and sends them the lab, so their start-up overlaps the
   * planning of the matrix; a run that follows with the same key finds them ready.
   */
  prepare(job: MatrixJob, key: string, count = this.size): void {
    while (this.threads.length < Math.min(this.size, count)) this.threads.push(this.spawn());
    for (const t of this.threads.slice(0, count)) {
      if (t.key === key) continue;
      t.worker.postMessage({ load: job, key } satisfies ToWorker);
      t.key = key;
    }
  }

  /**
   * Runs the cells on the threads; false when cancelled. One run at a time, in call order. A batch
   * weighing `heavyBatch` or more is one a thread is handed with no second behind it.
   */
  run(
    job: MatrixJob,
    key: string,
    cells: MatrixCell[] | CellFeed,
    onResult: (r: MatrixCellResult) => void,
    signal?: AbortSignal,
    weightOf: (cell: MatrixCell) => number = () => 1,
    heavyBatch = Infinity,
  ): Promise<boolean> {
    const feed = Array.isArray(cells) ? CellFeed.of(cells) : cells;
    const next = this.queue.then(() => this.runNow(job, key, feed, onResult, signal, weightOf, heavyBatch));
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    for (const t of this.threads) void t.worker.terminate();
    this.threads = [];
  }

  private spawn(): Thread {
    // A case allocates many short-lived frames and events: a young generation larger than the
    // default is scavenged less often (measured: a whole-lab case of a 256-VM lab a fifth faster
    // warm, a third faster on a cold thread).
    const worker = new Worker(this.script, { workerData: { role: WORKER_ROLE }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    worker.unref();
    const thread: Thread = { worker, key: null, started: false };
    worker.once('online', () => (thread.started = true));
    worker.on('exit', () => (this.threads = this.threads.filter((t) => t !== thread)));
    // A run reports its threads' errors; one that fails after its run ended (the second of two that
    // cannot start) only leaves the set.
    worker.on('error', () => void worker.terminate());
    return thread;
  }

  private runNow(
    job: MatrixJob,
    key: string,
    feed: CellFeed,
    onResult: (r: MatrixCellResult) => void,
    signal: AbortSignal | undefined,
    weightOf: (cell: MatrixCell) => number,
    heavyBatch: number,
  ): Promise<boolean> {
    const count = feed.closed ? Math.min(this.size, feed.total) : this.size;
    if (count === 0) return Promise.resolve(!signal?.aborted);
    while (this.threads.length < count) this.threads.push(this.spawn());
    const threads = this.threads.slice(0, count);
    return new Promise((resolve, reject) => {
      let done = 0;
      let finished = false;
      // The weights of the batches each thread holds, oldest first.
      const inHand = new Map<Thread, number[]>(threads.map((t) => [t, []]));
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
      // Batches of about an eighth of a thread's share of the work waiting, by weight: a batch of the
      // costliest cases holds one, so no thread is handed all of them while the others run cheap ones.
      // A thread holds a second batch so it never waits for this thread, unless the one it holds is
      // long: then the next is better left for whichever thread is free first.
      const feedThread = (t: Thread) => {
        const held = inHand.get(t)!;
        while ((held.length === 0 || (held.length === 1 && held[0] < heavyBatch)) && feed.waiting > 0) {
          const share = threads.length * 8;
          const most = Math.max(1, Math.min(16, Math.ceil(feed.waiting / share)));
          const run = feed.take(most, feed.weightWaiting(weightOf) / share, weightOf);
          held.push(run.reduce((n, c) => n + weightOf(c), 0));
          t.worker.postMessage({ run } satisfies ToWorker);
        }
      };
      const settleIfDone = () => {
        if (feed.closed && done === feed.total) stop(() => resolve(true));
      };
      listeners.push(
        feed.onChange(() => {
          if (finished) return;
          for (const t of threads) feedThread(t);
          settleIfDone();
        }),
      );
      for (const t of threads) {
        t.worker.ref();
        const onMessage = (message: FromWorker) => {
          if (message.batchDone) {
            inHand.get(t)!.shift();
            feedThread(t);
          }
          for (const result of message.results) {
            if (finished) return;
            done++;
            onResult(result);
          }
          settleIfDone();
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
        feedThread(t);
      }
      settleIfDone();
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
