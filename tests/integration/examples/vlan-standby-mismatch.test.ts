// The VLAN example: VMs on VLAN 20 behind a team whose standby member's switch port does not carry
// VLAN 20 — fine until the team fails over, then both VMs are lost; a design check says so first.
import { describe, expect, it } from 'vitest';
import { example } from '../../unit/core/helpers.js';
import { runDrills } from '../../../src-main/core/drills/runner.js';
import { lintLab } from '../../../src-main/core/lint/index.js';

const lab = example('vlan-standby-mismatch');

describe('vlan-standby-mismatch.lab.json', () => {
  const report = runDrills(lab);
  const verdicts = Object.fromEntries(report.drills.map((d) => [d.name, d.passed]));

  it('passes the live migration and fails both drills that take the team to its standby member', () => {
    expect(verdicts).toEqual({ 'live-migrate': true, 'fail-active-nic': false, 'active-nic-stays-failed': false });
  });

  it('diagnoses every VM left unreachable as vlan-differs-on-standby at switch2/port1', () => {
    const stays = report.drills.find((d) => d.name === 'active-nic-stays-failed')!;
    expect(stays.vms.map((v) => [v.name, v.diagnosis?.code, v.diagnosis?.device])).toEqual([
      ['Guest1', 'vlan-differs-on-standby', 'switch2/port1'],
      ['Guest2', 'vlan-differs-on-standby', 'switch2/port1'],
    ]);
  });

  it('is caught by the design check before any drill runs', () => {
    expect(lintLab(lab).filter((c) => c.severity === 'error').map((c) => c.code)).toEqual(['vlan-differs-on-standby']);
  });
});
