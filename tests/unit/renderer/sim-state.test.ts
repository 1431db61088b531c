import { describe, it, expect } from 'vitest';
import { DrillState, staleEntries } from '../../../src-renderer/canvas/simState.js';
import { simDrawing } from '../../../src-renderer/canvas/simDrawing.js';
import { fieldReportLab } from './fake-api.js';
import { MAC_C, MAC_D, migrateThenRestartChanges } from './sim-fixtures.js';

describe('the simulated lab at a moment of the drill', () => {
  const state = new DrillState(migrateThenRestartChanges());

  it('puts a migrating VM on its target host only once the migration completes, and marks it in flight meanwhile', () => {
    expect(state.at(19_999).vms.get('Guest1')).toMatchObject({ host: 'HostA', migratingTo: null });
    expect(state.at(20_100).vms.get('Guest1')).toMatchObject({ host: 'HostA', migratingTo: 'HostB' });
    expect(state.at(20_400).vms.get('Guest1')).toMatchObject({ host: 'HostB', migratingTo: null });
  });

  it('applies changes of the same moment in the drill\u2019s order: the restart ends booting with the new MAC', () => {
    expect(state.at(40_000).vms.get('Guest1')).toEqual({ host: 'HostB', state: 'booting', mac: MAC_D, migratingTo: null });
  });

  it('shows a failed NIC only while it is failed, and the team\u2019s new active member after failover', () => {
    expect(state.at(85_000).failed.has('nic:HostB/NIC3')).toBe(true);
    expect(state.at(85_000).teams.get('team:HostB/VM-Team')?.activeMember).toBe('NIC4');
    expect(state.at(95_000).failed.size).toBe(0);
  });

  it('flags the team whose VM table still maps Guest1\u2019s IP to the MAC it had before the restart', () => {
    const lab = fieldReportLab();
    expect(staleEntries(lab, state.at(30_000))).toEqual([]);
    const stale = staleEntries(lab, state.at(75_000));
    expect(stale.map((e) => `${e.teamElement} ${e.ip} ${e.mac} → ${e.vmMac}`)).toEqual([
      `team:HostA/VM-Team 1.1.1.1 ${MAC_C} → ${MAC_D}`,
      `team:HostB/VM-Team 1.1.1.1 ${MAC_C} → ${MAC_D}`,
    ]);
  });

  it('does not judge an entry of a VM that is off', () => {
    expect(staleEntries(fieldReportLab(), new DrillState(migrateThenRestartChanges().slice(0, 9)).at(45_000))).toEqual([]);
  });

  it('keeps an entry the team cleared out of the table', () => {
    const cleared = new DrillState([...migrateThenRestartChanges(), { kind: 'team-entry', atMs: 100_000, host: 'HostB', team: 'VM-Team', ip: '1.1.1.1', mac: null, learntAtMs: 100_000 }]);
    expect(cleared.at(100_000).entries.map((e) => e.host)).toEqual(['HostA']);
  });
});

describe('the simulated lab on the canvas', () => {
  const lab = fieldReportLab();
  const state = new DrillState(migrateThenRestartChanges());
  const drawn = (ms: number) => {
    const at = state.at(ms);
    return simDrawing(lab, at, staleEntries(lab, at));
  };

  it('draws Guest1 inside HostB after the migration, and back in its design place before it', () => {
    expect(drawn(10_000).moved.size).toBe(0);
    expect(drawn(30_000).moved.get('vm:Guest1')).toMatchObject({ parent: 'host:HostB', vswitch: 'vswitch:HostB/VM-Switch' });
  });

  it('draws VMs by run state, a VM in flight, failed NICs and each team\u2019s active member', () => {
    expect(drawn(45_000).classes.get('vm:Guest1')).toEqual(['sim-booting']);
    expect(drawn(20_100).classes.get('vm:Guest1')).toEqual(['sim-running', 'in-flight']);
    expect(drawn(85_000).classes.get('nic:HostB/NIC3')).toEqual(['failed']);
    expect(drawn(85_000).classes.get('member:team:HostB/VM-Team>NIC4')).toEqual(['active-member']);
  });

  it('puts one badge on each team holding a stale entry', () => {
    expect(drawn(75_000).badges.map((b) => b.team)).toEqual(['team:HostA/VM-Team', 'team:HostB/VM-Team']);
    expect(drawn(75_000).classes.get('team:HostB/VM-Team')).toContain('stale');
    expect(drawn(30_000).badges).toEqual([]);
  });
});

describe('moving the drill clock between two changes', () => {
  it('keeps the same state, so nothing on the canvas redraws', () => {
    const state = new DrillState(migrateThenRestartChanges());
    expect(state.at(25_000)).toBe(state.at(35_000));
    expect(state.at(35_000)).not.toBe(state.at(45_000));
  });
});
