// A collapsed host is one box with its VM count; cables to its NICs end on the box, nothing inside it is drawn.
import { describe, it, expect } from 'vitest';
import { labElements, defaultAnchors } from '../../../src-renderer/canvas/elements.js';
import { collapseHosts, collapsedLabel, hostOfElement, collapsedCentreOffset } from '../../../src-renderer/canvas/collapsedHosts.js';
import { fieldReportLab } from './fake-api.js';

describe('collapsed hosts', () => {
  const lab = fieldReportLab();
  const all = labElements(lab);
  const collapsed = collapseHosts(all, lab, new Set(['HostA']));
  const byId = (id: string) => collapsed.find((e) => e.data.id === id);

  it('names the host and counts its VMs, one VM or many', () => {
    expect(byId('host:HostA')?.data.label).toBe('HostA — 2 VMs');
    expect(byId('host:HostA')?.classes).toContain('collapsed');
    expect(collapsedLabel('HostB', 1)).toBe('HostB — 1 VM');
    expect(collapsedLabel('HostC', 0)).toBe('HostC — 0 VMs');
  });

  it('leaves out the parts of the collapsed host only', () => {
    for (const id of ['vm:Guest1', 'vm:Guest2', 'nic:HostA/NIC3', 'team:HostA/VM-Team', 'vswitch:HostA/VM-Switch', 'member:team:HostA/VM-Team>NIC3']) expect(byId(id), id).toBeUndefined();
    expect(byId('nic:HostB/NIC3')?.data.parent).toBe('host:HostB');
  });

  it('ends the cables of its NICs on the box, the other end where it was', () => {
    const cables = collapsed.filter((e) => e.data.kind === 'cable' && e.data.source === 'host:HostA');
    expect(cables.map((c) => c.data.target).sort()).toEqual(['port:switch1/1', 'port:switch2/1']);
    expect(collapsed.filter((e) => e.data.kind === 'cable')).toHaveLength(all.filter((e) => e.data.kind === 'cable').length);
  });

  it('puts the box in the middle of where its parts were', () => {
    const anchor = lab.layout.positions['host:HostA'] ?? defaultAnchors(lab).get('host:HostA')!;
    const centre = collapsedCentreOffset(lab, 'HostA');
    expect(byId('host:HostA')?.position).toEqual({ x: anchor.x + centre.x, y: anchor.y + centre.y });
  });

  it('changes nothing when no host is collapsed', () => {
    expect(collapseHosts(all, lab, new Set())).toEqual(all);
  });

  it('knows which host an element belongs to', () => {
    expect(hostOfElement(lab, 'vm:Guest1')).toBe('HostA');
    expect(hostOfElement(lab, 'nic:HostB/NIC3')).toBe('HostB');
    expect(hostOfElement(lab, 'host:HostB')).toBe('HostB');
    expect(hostOfElement(lab, 'switch:switch1')).toBeNull();
  });
});
