import { describe, it, expect } from 'vitest';
import { RunRegistry, RunCancelled, runDrillsInTurn, type RunDrillsFn } from '../../../src-main/service/runs.js';
import { labSchema } from '../../../shared/lab.js';
import type { DrillResult } from '../../../shared/drill.js';

const lab = labSchema.parse({ meta: { title: 'Two drills' } });
const fakeRunner: RunDrillsFn = (_lab, options) => {
  const name = options?.drills?.[0] ?? '?';
  const result = { name, passed: name !== 'fails' } as DrillResult;
  return { format: 'lab-planner/drill-results', lab: 'Two drills', seed: options?.seed ?? 1, passed: result.passed, drills: [result] };
};

describe('drill runs off the request path', () => {
  it('runs the drills one at a time and reports the same as one run', async () => {
    const progress: string[] = [];
    const report = await runDrillsInTurn(fakeRunner, lab, ['ok', 'fails'], {
      seed: 7,
      signal: new AbortController().signal,
      onProgress: (done, total, current) => progress.push(`${done}/${total} ${current}`),
    });
    expect(report).toMatchObject({ lab: 'Two drills', seed: 7, passed: false });
    expect(report.drills.map((d) => d.name)).toEqual(['ok', 'fails']);
    expect(progress).toEqual(['0/2 ok', '1/2 fails', '2/2 ']);
  });

  it('stops between drills when cancelled', async () => {
    const runs = new RunRegistry();
    const signal = runs.start('r1')!;
    let ran = 0;
    const counting: RunDrillsFn = (l, o) => {
      ran++;
      runs.cancel('r1');
      return fakeRunner(l, o);
    };
    await expect(runDrillsInTurn(counting, lab, ['a', 'b', 'c'], { signal, onProgress: () => undefined })).rejects.toBeInstanceOf(RunCancelled);
    expect(ran).toBe(1);
  });

  it('keeps run ids unique while they run', () => {
    const runs = new RunRegistry();
    expect(runs.start('x')).not.toBeNull();
    expect(runs.start('x')).toBeNull();
    runs.finish('x');
    expect(runs.start('x')).not.toBeNull();
    expect(runs.cancel('unknown')).toBe(false);
  });
});
