import { describe, it, expect } from 'vitest';
import type { DrillResult, Snapshot, VmResult } from '../../../shared/drill.js';
import { changedRows, arpKey, entryKey, macKey, tablesShown, ROWS_SHOWN } from '../../../src-renderer/components/tableChanges.js';
import { snapshotState, staleEntries } from '../../../src-renderer/canvas/simState.js';
import { vmRowWords, vmCounts, vmRows } from '../../../src-renderer/components/drillResultsView.js';
import { visibleRange } from '../../../src-renderer/components/useWindowedRows.js';
import { fieldReportLab } from './fake-api.js';
import { MAC_C, MAC_D, TEAM_B_MAC } from './sim-fixtures.js';

const TEAM_A_MAC = '00-24-E8-0A-00-03';

function tables(guest1Mac: string, clientSees: string, switchPort: number): Snapshot {
  return {
    atMs: 0,
    clients: [{ name: 'Client1', arp: { '1.1.1.1': clientSees, '1.1.1.2': TEAM_A_MAC } }],
    switches: [{ name: 'switch1', macTable: [{ mac: TEAM_B_MAC, port: switchPort, ageSec: 3 }] }],
    teams: [{ host: 'HostB', team: 'VM-Team', enabled: true, activeMember: 'NIC3', teamMac: TEAM_B_MAC, vmTable: [{ ip: '1.1.1.1', mac: MAC_C, learntAtMs: 20_400 }] }],
    vms: [{ name: 'Guest1', host: 'HostB', state: 'running', mac: guest1Mac }, { name: 'Guest2', host: 'HostA', state: 'running', mac: '00-15-5D-00-20-02' }],
  };
}

describe('the step tables at the moment', () => {
  it('marks the ARP and MAC table rows that changed since the previous step, and no others', () => {
    const changed = changedRows(tables(MAC_C, TEAM_A_MAC, 1), tables(MAC_C, TEAM_B_MAC, 2));
    expect([...changed].sort()).toEqual([arpKey('Client1', '1.1.1.1'), macKey('switch1', TEAM_B_MAC)].sort());
    expect(changed.has(arpKey('Client1', '1.1.1.2'))).toBe(false);
  });

  it('marks nothing at the baseline, which has no previous step', () => {
    expect(changedRows(null, tables(MAC_C, TEAM_B_MAC, 2)).size).toBe(0);
  });

  it('finds the stale VM-table row: the entry keeps MAC C while Guest1 now has MAC D', () => {
    const stale = staleEntries(fieldReportLab(), snapshotState(tables(MAC_D, TEAM_B_MAC, 2)));
    expect(stale.map((e) => [entryKey(e.host, e.team, e.ip), e.mac, e.vm, e.vmMac])).toEqual([['team:HostB/VM-Team 1.1.1.1', MAC_C, 'Guest1', MAC_D]]);
    expect(staleEntries(fieldReportLab(), snapshotState(tables(MAC_C, TEAM_B_MAC, 2)))).toEqual([]);
  });
});

describe('the tables of a big lab', () => {
  const big: Snapshot = {
    ...tables(MAC_C, TEAM_B_MAC, 2),
    clients: [{ name: 'Client1', arp: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`10.8.${Math.floor(i / 250)}.${(i % 250) + 1}`, TEAM_A_MAC])) }],
    teams: [
      { host: 'HostA', team: 'VM-Team', enabled: true, activeMember: 'NIC3', teamMac: TEAM_A_MAC, vmTable: [{ ip: '1.1.1.2', mac: '00-15-5D-00-20-02', learntAtMs: 0 }] },
      ...tables(MAC_C, TEAM_B_MAC, 2).teams,
    ],
  };

  it('shows the first rows of each table and says the filter finds the others', () => {
    const shown = tablesShown(big, '', new Set());
    expect(Object.keys(shown.clients[0].arp)).toHaveLength(ROWS_SHOWN);
    expect(shown.cut).toBe(true);
  });

  it('keeps the rows that mention the filter, in any table', () => {
    const shown = tablesShown(big, '10.8.3.250', new Set());
    expect(Object.keys(shown.clients[0].arp)).toEqual(['10.8.3.250']);
    expect(shown.teams).toEqual([]);
    expect(tablesShown(big, 'guest1', new Set()).vms.map((v) => v.name)).toEqual(['Guest1']);
    expect(tablesShown(big, '00-15-5d-01-0a', new Set()).teams.map((t) => t.host)).toEqual(['HostB']);
  });

  it('puts the teams holding a stale entry first', () => {
    expect(tablesShown(big, '', new Set(['HostB/VM-Team'])).teams.map((t) => t.host)).toEqual(['HostB', 'HostA']);
  });
});

function vm(name: string, passed: boolean, extra: Partial<VmResult> = {}): VmResult {
  return { name, pingsSent: 100, replies: passed ? 100 : 40, reachableAtEnd: passed, downtimeMs: passed ? 0 : 60_000, plannedDowntimeMs: 0, downtimePerStepMs: [], unreachableSinceMs: passed ? null : 70_000, timeline: [], passed, verdict: passed ? 'answered' : 'lost', diagnosis: null, ...extra } as VmResult;
}

describe('the results of a big lab', () => {
  const result = { vms: [vm('VM1', true), vm('VM2', false), vm('VM3', true), vm('VM4', false)] } as DrillResult;

  it('lists failures first, and filters failed, passed or all with their counts', () => {
    expect(vmRows(result, 'all').map((v) => v.name)).toEqual(['VM2', 'VM4', 'VM1', 'VM3']);
    expect(vmRows(result, 'failed').map((v) => v.name)).toEqual(['VM2', 'VM4']);
    expect(vmRows(result, 'passed').map((v) => v.name)).toEqual(['VM1', 'VM3']);
    expect(vmCounts(result)).toEqual({ failed: 2, passed: 2, all: 4 });
  });

  it('words planned downtime as "off (planned)", apart from loss, as the CLI and the report do, and says since when a VM is unreachable', () => {
    expect(vmRowWords(vm('Guest1', false, { plannedDowntimeMs: 31_000 }), '10:00:00')).toBe('off (planned) 31.0 s + 60.0 s down · unreachable since 10:01:10.0 · 40/100 replies');
    expect(vmRowWords(vm('Guest2', true), '10:00:00')).toBe('no loss · 100/100 replies');
  });

  it('draws only the rows in view of a thousand, with a few either side', () => {
    expect(visibleRange(1000, 24, 2400, 192)).toEqual({ first: 92, last: 116 });
    expect(visibleRange(1000, 24, 0, 192)).toEqual({ first: 0, last: 16 });
    expect(visibleRange(5, 24, 0, 192)).toEqual({ first: 0, last: 5 });
  });
});
