// The example lab of aggregation on one side only: an LACP team cabled to ordinary ports is cut off,
// an active/standby team on a static port-channel loses the flows hashed to its standby member, and
// the same LACP team on an LACP port-channel passes (also after a member fails, and after a migration to it).
import { describe, expect, it } from 'vitest';
import { example } from '../../unit/core/helpers.js';
import { runDrills } from '../../../src-main/core/drills/runner.js';

const lab = example('lacp-team-without-port-channel');
const report = runDrills(lab);
const result = (name: string) => report.drills.find((d) => d.name === name)!;

describe('lacp-team-without-port-channel.lab.json', () => {
  it('fails the mismatched drills and passes the matched ones', () => {
    expect(report.drills.map((d) => ({ drill: d.name, passed: d.passed }))).toEqual([
      { drill: 'lacp-team-on-ordinary-ports', passed: false },
      { drill: 'lacp-team-on-lacp-port-channel', passed: true },
      { drill: 'lacp-member-fails', passed: true },
      { drill: 'migrate-off-the-mismatch', passed: true },
      { drill: 'static-channel-to-active-standby-team', passed: false },
    ]);
  });

  it('cuts off every VM behind the LACP team on ordinary ports, diagnosed as an aggregation mismatch at the team', () => {
    for (const vm of result('lacp-team-on-ordinary-ports').vms) {
      expect(vm.reachableAtEnd).toBe(false);
      expect(vm.diagnosis).toMatchObject({ code: 'aggregation-mismatch', device: 'team VM-Team on HostA' });
      expect(vm.diagnosis!.text).toContain('not in an LACP port-channel');
      expect(vm.diagnosis!.remedies[0]).toContain('channel-group N mode active');
    }
  });

  it('loses only the flows the static channel hashes to the standby member', () => {
    const vms = result('static-channel-to-active-standby-team').vms;
    const lost = vms.filter((v) => !v.reachableAtEnd);
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.length).toBeLessThan(vms.length);
    for (const vm of lost) expect(vm.diagnosis).toMatchObject({ code: 'aggregation-mismatch' });
    for (const vm of vms.filter((v) => v.reachableAtEnd)) expect(vm.downtimeMs).toBe(0);
  });

  it('costs a member failure of the aggregation no more than the failover time', () => {
    for (const vm of result('lacp-member-fails').vms) expect(vm.downtimeMs).toBeLessThanOrEqual(300 + lab.settings.pingIntervalMs);
  });
});
