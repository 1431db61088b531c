// The what-if matrix beyond one machine: cells (after the symmetry reduction) go to a BullMQ queue
// in Redis, `lab-planner worker` processes run them with the same cell runner as the threads, and
// the results are gathered by cell index. The lab goes into Redis once per matrix, not per cell.
// BullMQ gives the guarantees: a worker that dies mid-cell leaves its job stalled and another
// worker takes it; a job that fails three times is failed for good and reported as such.
import { createHash } from 'node:crypto';
import { Queue, QueueEvents, Worker, Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { MatrixCell, MatrixCellResult } from '../core/drills/matrix.js';
import { MatrixCellRunner, type MatrixJob } from './matrix-cell-runner.js';
import type { CellExecutor } from './matrix-pool.js';

export const MATRIX_QUEUE = 'lab-planner-matrix';
/** What a job of this version of Lab Planner holds; a worker refuses other versions' jobs. */
const JOB_FORMAT = 'lab-planner/matrix-cell@1';
const ATTEMPTS = 3;
const LAB_KEY = (key: string) => `lab-planner:matrix-lab:${key}`;

export interface RedisAddress {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: Record<string, never>;
}

interface CellJobData {
  format: string;
  lab: string;
  cell: MatrixCell;
}

/** redis://HOST:PORT[/DB] (rediss:// for TLS, user and password allowed), or a sentence saying what is wrong. */
export function parseRedisUrl(text: string): { ok: true; address: RedisAddress } | { ok: false; message: string } {
  const refuse = (why: string) => ({ ok: false as const, message: `--queue ${why}: give a Redis address like redis://127.0.0.1:6379/0, not "${text}"` });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('is not an address');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return refuse(`speaks ${url.protocol.replace(/:$/, '')}, not redis`);
  if (!url.hostname) return refuse('names no host');
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) return refuse('names a database that is not a number');
  return {
    ok: true,
    address: {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : 6379,
      db: db === '' ? 0 : Number(db),
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  };
}

/** Checks that Redis answers, so a wrong address is one clear sentence instead of endless retries. */
export async function reachRedis(address: RedisAddress): Promise<string | null> {
  const redis = new Redis({ ...address, lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // The socket's own error (ECONNREFUSED, ENOTFOUND) says more than the "connection is closed" that follows it.
  let cause: Error | null = null;
  redis.on('error', (error: Error) => (cause ??= error));
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    const why = cause ?? (error instanceof Error ? error : new Error(String(error)));
    return `cannot reach Redis at ${address.host}:${address.port}: ${why.message}`;
  } finally {
    redis.disconnect();
  }
}

export interface QueueExecutorOptions {
  /** How long the lab stays in Redis for workers to fetch; a matrix must finish within it. */
  labTtlSeconds?: number;
}

/** Puts the cells on the queue and gathers their results; false when cancelled. */
export function queueExecutor(address: RedisAddress, options: QueueExecutorOptions = {}): CellExecutor {
  return async (job, cells, onResult, signal) => {
    if (cells.length === 0) return true;
    const connection = { ...address };
    const queue = new Queue<CellJobData>(MATRIX_QUEUE, { connection });
    const events = new QueueEvents(MATRIX_QUEUE, { connection });
    const redis = new Redis({ ...address, maxRetriesPerRequest: 3 });
    const labKey = createHash('sha256').update(JSON.stringify(job)).digest('hex').slice(0, 32);
    const runTag = `${labKey.slice(0, 12)}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const pending = new Map(cells.map((cell) => [`${runTag}-${cell.index}`, cell]));
    let settle: (completed: boolean) => void = () => undefined;
    const finished = new Promise<boolean>((resolve) => (settle = resolve));
    const take = (jobId: string, result: MatrixCellResult) => {
      if (!pending.delete(jobId)) return;
      onResult(result);
      if (pending.size === 0) settle(true);
    };
    const failedForGood = (jobId: string, reason: string) => {
      const cell = pending.get(jobId);
      if (cell) take(jobId, { index: cell.index, status: 'error', lost: [], okMaxDowntimeMs: 0, problems: [`the queue workers failed on this case ${ATTEMPTS} times: ${reason}`] });
    };
    const check = async (jobId: string) => {
      const found = await Job.fromId<CellJobData, MatrixCellResult>(queue, jobId);
      if (!found) return;
      const state = await found.getState();
      if (state === 'completed') take(jobId, readResult(found.returnvalue));
      else if (state === 'failed') failedForGood(jobId, found.failedReason);
    };
    events.on('completed', ({ jobId, returnvalue }) => take(jobId, readResult(returnvalue)));
    // A failed attempt that will be retried moves the job back to waiting; only the last one counts.
    events.on('failed', ({ jobId }) => void check(jobId).catch(() => undefined));
    const onAbort = () => settle(false);
    signal?.addEventListener('abort', onAbort);
    // Events can be missed while a connection drops; jobs nobody has heard of for a while are looked up.
    let lastHeard = Date.now();
    const sweep = setInterval(() => {
      if (Date.now() - lastHeard < 3000) return;
      lastHeard = Date.now();
      for (const jobId of [...pending.keys()].slice(0, 500)) void check(jobId).catch(() => undefined);
    }, 1000);
    events.on('completed', () => (lastHeard = Date.now()));
    try {
      await events.waitUntilReady();
      await redis.set(LAB_KEY(labKey), JSON.stringify(job), 'EX', options.labTtlSeconds ?? 86_400);
      if (signal?.aborted) return false;
      const format = JOB_FORMAT;
      for (let i = 0; i < cells.length; i += 1000) {
        await queue.addBulk(
          cells.slice(i, i + 1000).map((cell) => ({
            name: 'cell',
            data: { format, lab: labKey, cell },
            opts: { jobId: `${runTag}-${cell.index}`, attempts: ATTEMPTS, removeOnComplete: { age: 3600 }, removeOnFail: { age: 86_400 } },
          })),
        );
      }
      const completed = await finished;
      if (!completed) await Promise.all([...pending.keys()].map((jobId) => queue.remove(jobId).catch(() => 0)));
      return completed;
    } finally {
      clearInterval(sweep);
      signal?.removeEventListener('abort', onAbort);
      await Promise.allSettled([events.close(), queue.close()]);
      redis.disconnect();
    }
  };
}

function readResult(value: unknown): MatrixCellResult {
  return (typeof value === 'string' ? JSON.parse(value) : value) as MatrixCellResult;
}

export interface QueueWorkerOptions {
  /** A job whose worker is silent this long is taken to have died, and goes to another worker. */
  stallSeconds?: number;
  signal?: AbortSignal;
  /** Each case done, for the worker's log. */
  onCell?: (cell: MatrixCell, result: MatrixCellResult) => void;
}

/** Runs queued cells until `signal` aborts; the labs are fetched from Redis once each. */
export async function runQueueWorker(address: RedisAddress, options: QueueWorkerOptions = {}): Promise<void> {
  const redis = new Redis({ ...address, maxRetriesPerRequest: 3 });
  const runners = new Map<string, MatrixCellRunner>();
  const runnerFor = async (labKey: string) => {
    let runner = runners.get(labKey);
    if (!runner) {
      const text = await redis.get(LAB_KEY(labKey));
      if (text === null) throw new Error('the lab of this matrix is no longer in Redis (its time there ran out, or Redis was emptied); run the matrix again');
      runner = new MatrixCellRunner(JSON.parse(text) as MatrixJob);
      // A few labs at a time: a worker serves one matrix after another.
      if (runners.size >= 4) runners.delete(runners.keys().next().value!);
      runners.set(labKey, runner);
    }
    return runner;
  };
  const stallMs = (options.stallSeconds ?? 30) * 1000;
  const worker = new Worker<CellJobData, MatrixCellResult>(
    MATRIX_QUEUE,
    async (job) => {
      if (job.data.format !== JOB_FORMAT) throw new Error(`this worker runs ${JOB_FORMAT} cases, not ${job.data.format}; start a worker of the same Lab Planner version`);
      const result = (await runnerFor(job.data.lab)).run(job.data.cell);
      options.onCell?.(job.data.cell, result);
      return result;
    },
    { connection: { ...address }, concurrency: 1, lockDuration: stallMs, stalledInterval: stallMs, maxStalledCount: 2 },
  );
  worker.on('error', () => undefined);
  await worker.waitUntilReady();
  await new Promise<void>((resolve) => {
    if (options.signal?.aborted) return resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await worker.close();
  redis.disconnect();
}
