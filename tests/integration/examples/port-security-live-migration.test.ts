// The port-security example: sticky port security with a MAC limit on the hosts' ports; a live
// migration err-disables the target host's ports and every VM behind its team is lost.
import { describe, expect, it } from 'vitest';
import { example } from '../../unit/core/helpers.js';
import { runDrills } from '../../../src-main/core/drills/runner.js';
import { lintLab } from '../../../src-main/core/lint/index.js';

const lab = example('port-security-live-migration');

describe('port-security-live-migration.lab.json', () => {
  const report = runDrills(lab);
  const byName = (name: string) => report.drills.find((d) => d.name === name)!;

  it('fails the live migration and passes the restart on the VM\'s own host', () => {
    expect(report.drills.map((d) => [d.name, d.passed])).toEqual([['live-migrate', false], ['restart-on-same-host', true]]);
  });

  it('loses every VM behind HostB\'s team, diagnosed port-security-violation, and keeps the switches\' log lines', () => {
    const migrate = byName('live-migrate');
    expect(migrate.vms.filter((v) => !v.reachableAtEnd).map((v) => [v.name, v.diagnosis?.code])).toEqual([
      ['Guest1', 'port-security-violation'],
      ['Guest3', 'port-security-violation'],
      ['Guest4', 'port-security-violation'],
    ]);
    expect(migrate.switchLog.filter((l) => l.line.startsWith('%PM-4-ERR_DISABLE')).map((l) => l.switch)).toEqual(['switch1', 'switch2']);
    expect(byName('restart-on-same-host').switchLog).toEqual([]);
  });

  it('is caught by the design check on both switches before any drill runs', () => {
    const checks = lintLab(lab).filter((c) => c.code === 'port-security-on-host-ports');
    expect(checks.map((c) => c.elements[0].label)).toEqual(['switch1', 'switch2']);
  });
});
