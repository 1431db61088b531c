import { describe, it, expect } from 'vitest';
import { labElements, anchorOf, firstPartId } from '../../../src-renderer/canvas/elements.js';
import { pingPath, deviceElementId } from '../../../src-renderer/canvas/pingPath.js';
import { elementIdForPath } from '../../../src-renderer/stores/elements.js';
import type { Snapshot } from '../../../shared/drill.js';
import { fieldReportLab } from './fake-api.js';

describe('the lab on the canvas', () => {
  it('draws hosts as compounds holding their NICs, team, virtual switch and VMs, and switches holding their ports', () => {
    const elements = labElements(fieldReportLab());
    const parentOf = (id: string) => elements.find((e) => e.data.id === id)?.data.parent;
    expect(parentOf('nic:HostA/NIC3')).toBe('host:HostA');
    expect(parentOf('team:HostB/VM-Team')).toBe('host:HostB');
    expect(parentOf('vswitch:HostB/VM-Switch')).toBe('host:HostB');
    expect(parentOf('vm:Guest1')).toBe('host:HostA');
    expect(parentOf('port:switch2/24')).toBe('switch:switch2');
    expect(elements.filter((e) => e.data.kind === 'port')).toHaveLength(48);
  });

  it('draws cables, team membership and virtual-switch binding as edges', () => {
    const edges = labElements(fieldReportLab()).filter((e) => e.group === 'edges');
    const kinds = (kind: string) => edges.filter((e) => e.data.kind === kind).map((e) => `${e.data.source} → ${e.data.target}`);
    expect(kinds('cable')).toContain('client:Client1 → port:switch1/10');
    expect(kinds('cable')).toContain('port:switch1/24 → port:switch2/24');
    expect(kinds('member')).toEqual(expect.arrayContaining(['team:HostA/VM-Team → nic:HostA/NIC3', 'team:HostA/VM-Team → nic:HostA/NIC4']));
    expect(kinds('uplink')).toContain('vswitch:HostB/VM-Switch → team:HostB/VM-Team');
    expect(kinds('vnic')).toContain('vm:Guest2 → vswitch:HostA/VM-Switch');
  });

  it('places a host\u2019s parts from the position saved in the layout, and reads the position back from them', () => {
    const lab = fieldReportLab();
    lab.layout.positions['host:HostB'] = { x: 500, y: 300 };
    const elements = labElements(lab);
    const part = firstPartId(lab, 'host:HostB')!;
    const at = elements.find((e) => e.data.id === part)!.position!;
    expect(anchorOf(lab, 'host:HostB', at, { x: 0, y: 0 })).toEqual({ x: 500, y: 300 });
  });

  it('traces a ping from the client through the switches and the active team member to the VM', () => {
    const lab = fieldReportLab();
    const snapshot: Snapshot = {
      atMs: 0, clients: [], switches: [],
      teams: [{ host: 'HostB', team: 'VM-Team', enabled: true, activeMember: 'NIC4', teamMac: '00-24-E8-0B-00-03', vmTable: [] }],
      vms: [{ name: 'Guest1', host: 'HostB', state: 'running', mac: '00-15-5D-02-0B-00' }],
    };
    const path = pingPath(lab, snapshot, 'Client1', 'Guest1');
    expect(path).toEqual(expect.arrayContaining(['client:Client1', 'port:switch1/10', 'switch:switch1', 'port:switch1/24', 'port:switch2/24',
      'switch:switch2', 'port:switch2/2', 'nic:HostB/NIC4', 'team:HostB/VM-Team', 'vswitch:HostB/VM-Switch', 'vm:Guest1']));
    expect(path).not.toContain('nic:HostB/NIC3');
    expect(path.indexOf('client:Client1')).toBeLessThan(path.indexOf('vswitch:HostB/VM-Switch'));
  });

  it('finds the device a diagnosis names on the canvas', () => {
    const lab = fieldReportLab();
    expect(deviceElementId(lab, 'HostB/VM-Switch')).toBe('vswitch:HostB/VM-Switch');
    expect(deviceElementId(lab, 'HostB/VM-Team')).toBe('team:HostB/VM-Team');
    expect(deviceElementId(lab, 'switch2/port2')).toBe('port:switch2/2');
    expect(deviceElementId(lab, 'Guest1')).toBe('vm:Guest1');
  });

  it('selects the element a problem names', () => {
    const lab = fieldReportLab();
    expect(elementIdForPath(lab, 'hosts[1].teams[0].members[1]')).toBe('team:HostB/VM-Team');
    expect(elementIdForPath(lab, 'vms[1].staticMac')).toBe('vm:Guest2');
    expect(elementIdForPath(lab, 'cables[5].a')).toBe('cable:client:Client1~port:switch1/10');
    expect(elementIdForPath(lab, 'settings.seed')).toBeNull();
  });
});
