// The worker pool runs compiled JS: this test compiles the main code first (into its own folder
// under node_modules/.cache, so it never races other tests reading dist/), then compares thread counts.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type * as PoolModule from '../../../src-main/service/matrix-pool.js';
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
  });

  it('streams progress up to the last case', async () => {
    const { runMatrixInPool } = await loadPool();
    const seen: number[] = [];
    const run = await runMatrixInPool(labFrom(fieldReportInput()), { depth: 1, threads: 2, onProgress: (p) => seen.push(p.done) });
    expect(run.ok).toBe(true);
    expect(seen[seen.length - 1]).toBe(27);
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
});
