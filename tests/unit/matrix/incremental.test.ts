// The matrix after an edit: cases whose inputs did not change come from the cache, not the simulator.
import { describe, it, expect } from 'vitest';
import { runMatrixInPool, MatrixCellCache } from '../../../src-main/service/matrix-pool.js';
import { labFrom } from '../lint/lab-fixtures.js';
import { generatedLabInput } from '../../bench/matrix.js';

const run = async (lab: ReturnType<typeof labFrom>, cache?: MatrixCellCache) => {
  const r = await runMatrixInPool(lab, { depth: 1, threads: 1, cache });
  if (!r.ok) throw new Error('the matrix was cancelled');
  return r;
};

describe('the what-if matrix as the engineer edits', () => {
  it('re-runs only the cases an edit changed, and gives the matrix a run from scratch would', async () => {
    const cache = new MatrixCellCache();
    const before = generatedLabInput(4, 4);
    const first = await run(labFrom(before), cache);
    expect(first.simulated).toBeGreaterThan(0);

    const unchanged = await run(labFrom(before), cache);
    expect(unchanged.simulated).toBe(0);
    expect(unchanged.result).toEqual(first.result);

    // Host4's team gets another driver: only the cases that simulate Host4 change.
    const edited = generatedLabInput(4, 4);
    edited.hosts[3].teams![0].driverProfile = 'broadcom-basp-2009-12-15';
    const again = await run(labFrom(edited), cache);
    const fresh = await run(labFrom(edited));
    expect(again.result).toEqual(fresh.result);
    expect(again.simulated).toBeGreaterThan(0);
    expect(again.simulated).toBeLessThan(fresh.simulated);
  });

  it('streams every cell once, cached or simulated', async () => {
    const cache = new MatrixCellCache();
    const lab = labFrom(generatedLabInput(3, 2));
    await run(lab, cache);
    const seen: number[] = [];
    const r = await runMatrixInPool(lab, { depth: 1, threads: 1, cache, onCells: (cells) => seen.push(...cells.map((c) => c.index)) });
    expect(r.ok && seen.sort((a, b) => a - b)).toEqual(r.ok && r.result.cells.map((c) => c.index));
  });
});
