// The example lab of Linux/KVM hosts, a bridge over an active-backup bond: guests keep their MAC
// across migrations, restarts on another host and host failures, and every drill passes.
import { describe, expect, it } from 'vitest';
import { example } from '../../unit/core/helpers.js';
import { runDrill, runDrills } from '../../../src-main/core/drills/runner.js';
import { lintLab } from '../../../src-main/core/lint/index.js';

const lab = example('linux-kvm-active-backup');

describe('linux-kvm-active-backup.lab.json', () => {
  it('passes every drill', () => {
    const report = runDrills(lab);
    expect(report.drills.map((d) => ({ drill: d.name, passed: d.passed }))).toEqual(lab.drills.map((d) => ({ drill: d.name, passed: true })));
  });

  it('gives db1 a libvirt MAC (52-54-00) and keeps it when it restarts on the host it migrated to, and when the cluster restarts it elsewhere', () => {
    for (const name of ['migrate-then-restart', 'host-fails']) {
      const { result } = runDrill(lab, lab.drills.find((d) => d.name === name)!);
      const before = result.baseline.vms.find((v) => v.name === 'db1')!;
      const after = result.steps[result.steps.length - 1].snapshot.vms.find((v) => v.name === 'db1')!;
      expect(before.mac).toMatch(/^52-54-00-/);
      expect({ name, host: after.host, mac: after.mac }).toEqual({ name, host: 'kvm02', mac: before.mac });
    }
  });

  it('has no design-check errors', () => {
    expect(lintLab(lab).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
