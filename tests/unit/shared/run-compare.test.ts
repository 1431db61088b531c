// Comparing two recorded drill runs: what the engineer reads in the run history's comparison.
import { describe, it, expect } from 'vitest';
import { compareRuns, runComparisonLines } from '../../../shared/run-compare.js';
import { runDrills } from '../../../src-main/core/drills/runner.js';
import type { DrillReport } from '../../../shared/drill.js';
import { example } from '../core/helpers.js';

const labels = { from: 'run #1', to: 'run #2' };

function withGuest1Static(): DrillReport {
  const lab = structuredClone(example('field-report'));
  const guest1 = lab.vms.find((v) => v.name === 'Guest1')!;
  guest1.macMode = 'static';
  guest1.staticMac = '00-15-5D-99-00-01';
  return runDrills(lab, { drills: ['migrate-then-restart', 'live-migrate'] });
}

describe('comparing two drill runs', () => {
  const before = runDrills(example('field-report'), { drills: ['migrate-then-restart', 'live-migrate'] });
  const after = withGuest1Static();

  it('says which drill turned from failed to passed and which VM regained the network', () => {
    const comparison = compareRuns(before, after, labels);
    const drill = comparison.drills.find((d) => d.drill === 'migrate-then-restart')!;
    expect(drill).toMatchObject({ from: 'failed', to: 'passed' });
    expect(drill.changes[0]).toEqual({ kind: 'verdict', vm: null, text: 'drill migrate-then-restart: failed → passed' });
    const regained = drill.changes.find((c) => c.kind === 'regained')!;
    expect(regained.vm).toBe('Guest1');
    expect(regained.text).toMatch(/^VM Guest1 regained the network \(off \(planned\) 30\.0 s \+ 1\.0 s down; it had off \(planned\) 30\.0 s \+ \d+\.\d s down, unreachable at the end\)$/);
    expect(comparison.same).toBe(false);
  });

  it('names the VM that lost the network, with why its frames die, the other way round', () => {
    const drill = compareRuns(after, before, labels).drills.find((d) => d.drill === 'migrate-then-restart')!;
    expect(drill.changes.map((c) => c.kind)).toEqual(['verdict', 'lost']);
    expect(drill.changes[1].text).toMatch(/^VM Guest1 lost the network \(.* down, unreachable at the end; it had .*\): team VM-Team on HostB rewrote/);
  });

  it('leaves a drill with the same outcome without changes, and says when the runs are the same', () => {
    const comparison = compareRuns(before, after, labels);
    expect(comparison.drills.find((d) => d.drill === 'live-migrate')).toEqual({ drill: 'live-migrate', from: 'passed', to: 'passed', changes: [] });
    expect(compareRuns(before, structuredClone(before), labels)).toMatchObject({ same: true });
  });

  it('names a drill only one run has, and prints every change as one line per drill', () => {
    const only = { ...after, drills: after.drills.filter((d) => d.name === 'live-migrate') };
    const comparison = compareRuns(before, only, labels);
    expect(comparison.drills.map((d) => d.drill)).toEqual(['live-migrate', 'migrate-then-restart']);
    expect(runComparisonLines(comparison)).toEqual(['drill migrate-then-restart: not run in run #2 (failed in run #1)']);
    expect(runComparisonLines(compareRuns(before, after, labels))[1]).toMatch(/^drill migrate-then-restart: VM Guest1 regained the network/);
  });
});
