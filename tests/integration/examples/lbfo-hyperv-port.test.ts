// The example lab of a modern Hyper-V team (LBFO, switch independent, Hyper-V Port): every drill
// passes, and a member failure costs only the VMs pinned to that member a short loss.
import { describe, expect, it } from 'vitest';
import { example } from '../../unit/core/helpers.js';
import { runDrill, runDrills } from '../../../src-main/core/drills/runner.js';
import { lintLab } from '../../../src-main/core/lint/index.js';

const lab = example('lbfo-hyperv-port');

describe('lbfo-hyperv-port.lab.json', () => {
  it('passes every drill: restarts, migrations and single failures', () => {
    const report = runDrills(lab);
    expect(report.drills.map((d) => ({ drill: d.name, passed: d.passed }))).toEqual(lab.drills.map((d) => ({ drill: d.name, passed: true })));
  });

  it('loses, on a member failure, only the VMs pinned to that member, each for no longer than the failover time', () => {
    const { result } = runDrill(lab, lab.drills.find((d) => d.name === 'member-fails')!);
    const losing = result.vms.filter((v) => v.downtimeMs > 0);
    expect(losing.length).toBeGreaterThan(0);
    expect(losing.length).toBeLessThan(result.vms.length);
    for (const vm of losing) expect(vm.downtimeMs).toBeLessThanOrEqual(300 + lab.settings.pingIntervalMs);
  });

  it('has no design-check errors', () => {
    const errors = lintLab(lab).filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
  });
});
