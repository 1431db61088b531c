// The worker pool runs compiled JS: this test compiles the main code first (into its own folder
// under node_modules/.cache, so it never races other tests reading dist/), then compares thread counts.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type * as PoolModule from '../../../src-main/service/matrix-pool.js';
import type * as ThreadsModule from '../../../src-main/service/matrix-threads.js';
import { labFrom, fieldReportInput } from '../../unit/lint/lab-fixtures.js';
import { generatedLab } from '../../bench/matrix.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = join(root, 'node_modules/.cache/lab-planner-matrix-pool-test');
const compiledPool = join(outDir, 'src-main/service/matrix-pool.js');
let pool: typeof PoolModule;

beforeAll(() => {
  // tsc emits even when someone else's file has a type error; the compiled pool is what matters.
  rmSync(outDir, { recursive: true, force: true });
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.main.json'), '--outDir', outDir], { stdio: 'ignore' });
  if (!existsSync(compiledPool)) throw new Error(`npx tsc -p tsconfig.main.json --outDir ${outDir} did not produce the matrix pool`);
}, 120_000);

// These run several depth-2 matrices one after another: on a loaded machine that takes a while.
const SEVERAL_MATRICES_MS = 120_000;

const loadPool = async () => (pool ??= (await import(pathToFileURL(compiledPool).href)) as typeof PoolModule);

describe('the matrix on worker threads', () => {
  it('gives the same matrix on one thread and on two', async () => {
    const { runMatrixInPool } = await loadPool();
    for (const lab of [labFrom(fieldReportInput()), generatedLab(3, 4)]) {
      const one = await runMatrixInPool(lab, { depth: 2, threads: 1 });
      const two = await runMatrixInPool(lab, { depth: 2, threads: 2 });
      expect(two.ok && two.threads).toBe(2);
      expect(two.ok && two.result).toEqual(one.ok && one.result);
    }
  }, SEVERAL_MATRICES_MS);

  it('answers from the cache on threads too: a second run of an unchanged lab simulates nothing', async () => {
    const { runMatrixInPool, MatrixCellCache } = await loadPool();
    const lab = generatedLab(3, 4);
    const cache = new MatrixCellCache();
    const one = await runMatrixInPool(lab, { depth: 1, threads: 1, reduce: false });
    const first = await runMatrixInPool(lab, { depth: 1, threads: 2, cache });
    const again = await runMatrixInPool(lab, { depth: 1, threads: 2, cache });
    expect(first.ok && first.simulated).toBeGreaterThan(0);
    expect(again.ok && again.simulated).toBe(0);
    expect(first.ok && first.result).toEqual(one.ok && one.result);
    expect(again.ok && again.result).toEqual(one.ok && one.result);
  }, SEVERAL_MATRICES_MS);

  it('streams progress up to the last case', async () => {
    const { runMatrixInPool } = await loadPool();
    const seen: number[] = [];
    const run = await runMatrixInPool(labFrom(fieldReportInput()), { depth: 1, threads: 2, onProgress: (p) => seen.push(p.done) });
    expect(run.ok).toBe(true);
    expect(seen[seen.length - 1]).toBe(45);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('stops the workers when cancelled part way', async () => {
    const { runMatrixInPool } = await loadPool();
    const controller = new AbortController();
    const run = await runMatrixInPool(generatedLab(4, 4), {
      depth: 2,
      threads: 2,
      signal: controller.signal,
      onProgress: (p) => p.done >= 5 && controller.abort(),
    });
    expect(run).toMatchObject({ ok: false, cancelled: true });
    expect(!run.ok && run.done).toBeLessThan(!run.ok ? run.total : 0);
  });

  it('keeps the field report in this thread by default: its cases are over before a thread would start', async () => {
    const { runMatrixInPool } = await loadPool();
    const run = await runMatrixInPool(labFrom(fieldReportInput()), { depth: 1 });
    expect(run.ok && run.threads).toBe(1);
  });

  it('gives the full matrix from fewer simulated cases on threads kept from run to run', async () => {
    const { runMatrixInPool } = await loadPool();
    const { MatrixThreads, matrixWorkerScript } = (await import(pathToFileURL(join(outDir, 'src-main/service/matrix-threads.js')).href)) as typeof ThreadsModule;
    const lab = generatedLab(4, 4);
    const full = await runMatrixInPool(lab, { depth: 2, threads: 1, reduce: false });
    const threads = new MatrixThreads(matrixWorkerScript()!, 2);
    try {
      const first = await runMatrixInPool(lab, { depth: 2, threads: 2, threadPool: threads });
      expect(threads.warm).toBe(true);
      const second = await runMatrixInPool(lab, { depth: 1, threads: 2, threadPool: threads });
      const depth1 = await runMatrixInPool(lab, { depth: 1, threads: 1, reduce: false });
      expect(first.ok && first.result).toEqual(full.ok && full.result);
      expect(first.ok && full.ok && first.simulated).toBeLessThan(full.ok ? full.simulated : 0);
      expect(second.ok && second.result).toEqual(depth1.ok && depth1.result);
    } finally {
      threads.close();
    }
  }, SEVERAL_MATRICES_MS);
});
