// A collapsed host is one box with its VM count; cables to its NICs end on the box, nothing inside it is drawn.
import { describe, it, expect } from 'vitest';
import { labElements, defaultAnchors } from '../../../src-renderer/canvas/elements.js';
import { collapseHosts, collapsedLabel, hostOfElement, collapsedCentreOffset } from '../../../src-renderer/canvas/collapsedHosts.js';
import { compoundBoxes, COLLAPSED_HOST } from '../../../src-renderer/canvas/routing.js';
import { fieldReportLab } from './fake-api.js';
import { crosses, inside, polyline } from './cable-geometry.js';

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

  it("starts each of the box's cables on its bottom edge and bends first below it, not inside it", () => {
    const box = byId('host:HostA')!.position!;
    const bottom = box.y + (COLLAPSED_HOST.height + COLLAPSED_HOST.border) / 2;
    const halfWidth = (COLLAPSED_HOST.width + COLLAPSED_HOST.border) / 2;
    const starts: number[] = [];
    for (const cable of collapsed.filter((e) => e.data.kind === 'cable' && e.data.source === 'host:HostA')) {
      const [start, firstBend] = polyline(collapsed, cable.data.id);
      expect(start.y, cable.data.id).toBeCloseTo(bottom, 1);
      expect(Math.abs(start.x - box.x), cable.data.id).toBeLessThan(halfWidth - 10);
      // Cytoscape finds no border to start from when the first bend is inside the box, and draws nothing.
      expect(firstBend.y, cable.data.id).toBeGreaterThan(bottom);
      expect(firstBend.x, cable.data.id).toBeCloseTo(start.x, 0);
      starts.push(start.x);
    }
    // Two cables, two places on the edge: to switch1 (on the left) from the left, to switch2 from the right.
    expect(starts).toHaveLength(2);
    const toSwitch1 = polyline(collapsed, 'cable:nic:HostA/NIC3~port:switch1/1')[0];
    const toSwitch2 = polyline(collapsed, 'cable:nic:HostA/NIC4~port:switch2/1')[0];
    expect(toSwitch1.x).toBeLessThan(toSwitch2.x - 40);
  });

  it('runs every cable round the host boxes, the collapsed one as drawn now', () => {
    const boxes = compoundBoxes(collapsed);
    expect(boxes.get('host:HostA')).toBeDefined();
    const hosts = [...boxes].filter(([id]) => id.startsWith('host:'));
    for (const cable of collapsed.filter((e) => e.data.kind === 'cable')) {
      const line = polyline(collapsed, cable.data.id);
      for (const p of line.slice(1, -1)) for (const [id, b] of hosts) expect(inside(p, b), `${cable.data.id} bends inside ${id}`).toBe(false);
      // From the first bend on (the stub out of a NIC's own host is below its NIC row).
      for (let i = 1; i < line.length - 2; i++) for (const [id, b] of hosts) expect(crosses(line[i], line[i + 1], b), `${cable.data.id} segment ${i} over ${id}`).toBe(false);
    }
  });

  it('draws a cable from one collapsed host straight to another from box edge to box edge', () => {
    const direct = { ...lab, cables: [...lab.cables, { a: { host: 'HostA', nic: 'NIC1' }, b: { host: 'HostB', nic: 'NIC1' } }] };
    const both = collapseHosts(labElements(direct), direct, new Set(['HostA', 'HostB']));
    const cable = both.find((e) => e.data.source === 'host:HostA' && e.data.target === 'host:HostB')!;
    const line = polyline(both, cable.data.id);
    const boxes = compoundBoxes(both);
    expect(line.length).toBeGreaterThan(2);
    expect(line[0].y).toBeCloseTo(boxes.get('host:HostA')!.y2, 1);
    expect(line.at(-1)!.y).toBeCloseTo(boxes.get('host:HostB')!.y2, 1);
    for (const p of line.slice(1, -1)) for (const [id, b] of boxes) expect(inside(p, b), `bend inside ${id}`).toBe(false);
  });

  it('leaves the drawing of the open lab as it was, so opening the box again draws the cables from the NICs', () => {
    const open = labElements(lab);
    const before = structuredClone(open);
    collapseHosts(open, lab, new Set(['HostA', 'HostB']));
    expect(open).toEqual(before);
    const fromNic = open.find((e) => e.data.id === 'cable:nic:HostA/NIC3~port:switch1/1')!;
    expect(fromNic.data.source).toBe('nic:HostA/NIC3');
    expect(fromNic.data.sourceEndpoint).toBeUndefined();
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
