// The what-if matrix on a Redis queue: `lab-planner matrix --queue` with `lab-planner worker`
// processes gives the local run's JSON byte for byte, even when a worker is killed mid-run; a case
// that fails three times is reported; Ctrl+C stops the run. Needs a Redis server: .ci/run starts
// one and sets LAB_PLANNER_TEST_REDIS_URL.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { generatedLab } from '../../bench/matrix.js';
import { parseRedisUrl, queueExecutor } from '../../../src-main/service/matrix-queue.js';
import { runMatrixInPool } from '../../../src-main/service/matrix-pool.js';

const redisUrl = process.env.LAB_PLANNER_TEST_REDIS_URL;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(root, 'bin/lab-planner.js');
const workers: ChildProcess[] = [];
let dir: string;

function startWorker(): ChildProcess {
  const worker = spawn(process.execPath, [cli, 'worker', '--queue', redisUrl!, '--stall-seconds', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
  workers.push(worker);
  return worker;
}

/** Resolves once the worker says it is taking cases. */
const ready = (worker: ChildProcess) =>
  new Promise<void>((resolve) => worker.stderr!.on('data', (chunk: Buffer) => chunk.toString().includes('taking what-if cases') && resolve()));

interface MatrixProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function runMatrix(args: string[]): MatrixProcess {
  const child = spawn(process.execPath, [cli, 'matrix', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  return { child, exited };
}

describe.skipIf(!redisUrl)('the matrix on a Redis queue (skipped: LAB_PLANNER_TEST_REDIS_URL is not set; .ci/run sets it)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lab-planner-queue-'));
    writeFileSync(join(dir, 'cluster.lab.json'), JSON.stringify(generatedLab(4, 4)));
    const redis = new Redis(redisUrl!);
    await redis.flushdb();
    redis.disconnect();
  });

  afterEach(() => {
    for (const w of workers.splice(0)) w.kill('SIGKILL');
  });

  afterAll(() => {
    for (const w of workers.splice(0)) w.kill('SIGKILL');
  });

  it('gives the local JSON byte for byte with two workers, one of them killed mid-run', async () => {
    const lab = join(dir, 'cluster.lab.json');
    const local = spawnSync(process.execPath, [cli, 'matrix', lab, '--depth', '2', '--json', '--threads', '1'], { encoding: 'utf8' });
    const first = startWorker();
    await ready(first);
    const queued = runMatrix([lab, '--depth', '2', '--json', '--queue', redisUrl!]);
    // Freeze the first worker once it has done a few cases and holds another: however fast this
    // machine is, the run cannot finish without it now.
    const redis = new Redis(redisUrl!);
    try {
      for (let waited = 0; (await redis.zcard('bull:lab-planner-matrix:completed')) < 3; waited += 10) {
        if (waited > 60_000) throw new Error('the first worker did no cases within a minute');
        await new Promise((r) => setTimeout(r, 10));
      }
      first.kill('SIGSTOP');
      await new Promise((r) => setTimeout(r, 300));
      expect(await redis.llen('bull:lab-planner-matrix:active')).toBe(1); // the case it held when it stopped
    } finally {
      redis.disconnect();
    }
    expect(queued.child.exitCode).toBeNull(); // still gathering when the worker dies
    // Whatever the dead worker held is retried by the second.
    first.kill('SIGKILL');
    const second = startWorker();
    await ready(second);
    const run = await queued.exited;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(local.status);
    expect(run.stdout.length).toBeGreaterThan(10_000);
    expect(run.stdout === local.stdout).toBe(true);
  }, 120_000);

  it('reports a case that fails three times instead of retrying it for ever', async () => {
    const worker = startWorker();
    await ready(worker);
    const lab = generatedLab(2, 1);
    const parsed = parseRedisUrl(redisUrl!);
    if (!parsed.ok) throw new Error(parsed.message);
    // The lab leaves Redis before the workers fetch it: every attempt fails the same way.
    const executor = queueExecutor(parsed.address, { labTtlSeconds: 1 });
    const slow: typeof executor = async (job, cells, onResult, signal) => {
      worker.kill('SIGSTOP');
      setTimeout(() => worker.kill('SIGCONT'), 2500);
      return executor(job, cells, onResult, signal);
    };
    const run = await runMatrixInPool(lab, { depth: 1, executor: slow });
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    const errors = run.result.results.filter((r) => r.status === 'error');
    expect(errors.length).toBe(run.result.results.length - run.result.results.filter((r) => r.status === 'client-isolated').length);
    expect(errors[0].problems[0]).toMatch(/^the queue workers failed on this case 3 times: the lab of this matrix is no longer in Redis/);
  }, 60_000);

  it('stops on Ctrl+C and removes its cases from the queue', async () => {
    const lab = join(dir, 'cluster.lab.json');
    const queued = runMatrix([lab, '--depth', '2', '--queue', redisUrl!]);
    await new Promise((r) => setTimeout(r, 1500));
    queued.child.kill('SIGINT');
    const run = await queued.exited;
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/matrix cancelled after \d+ of \d+ cases/);
    const redis = new Redis(redisUrl!);
    const waiting = await redis.llen('bull:lab-planner-matrix:wait');
    redis.disconnect();
    expect(waiting).toBe(0);
  }, 60_000);
});
