// The example lab of Switch Embedded Teaming with Dynamic load balancing: every drill passes, and
// losing an uplink's switch costs only the VMs whose traffic it carried a short loss.
import { describe, expect, it } from 'vitest';
import { example } from '../../unit/core/helpers.js';
import { runDrill, runDrills } from '../../../src-main/core/drills/runner.js';
import { lintLab } from '../../../src-main/core/lint/index.js';
import { profilesOf } from '../../../src-main/core/drivers/catalogue.js';

const lab = example('set-dynamic');

describe('set-dynamic.lab.json', () => {
  it('passes every drill: restarts, migrations and single failures', () => {
    const report = runDrills(lab);
    expect(report.drills.map((d) => ({ drill: d.name, passed: d.passed }))).toEqual(lab.drills.map((d) => ({ drill: d.name, passed: true })));
  });

  it('loses, when switch2 fails, only the VMs whose traffic NIC4 carried, each for no longer than the failover time', () => {
    const { result } = runDrill(lab, lab.drills.find((d) => d.name === 'switch-fails')!);
    const losing = result.vms.filter((v) => v.downtimeMs > 0);
    expect(losing.length).toBeGreaterThan(0);
    expect(losing.length).toBeLessThan(result.vms.length);
    const detectMs = profilesOf([]).get('set-dynamic')!.failover.detectMs;
    for (const vm of losing) expect(vm.downtimeMs).toBeLessThanOrEqual(detectMs + lab.settings.pingIntervalMs);
  });

  it('has no design-check errors', () => {
    expect(lintLab(lab).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
