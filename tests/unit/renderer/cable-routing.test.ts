import { describe, it, expect } from 'vitest';
import { labElements } from '../../../src-renderer/canvas/elements.js';
import { compoundBoxes, toSegments, clearColumn } from '../../../src-renderer/canvas/routing.js';
import { collapseHosts } from '../../../src-renderer/canvas/collapsedHosts.js';
import { fieldReportLab } from './fake-api.js';
import { largeLabWithDrill } from '../../fixtures/large-lab.js';
import { readLab } from '../../../src-main/core/lab.js';
import type { Lab } from '../../../shared/lab.js';
import { crosses, polyline } from './cable-geometry.js';

describe('cable routes', () => {
  it('turns waypoints into segment weights and distances that give the waypoints back', () => {
    const s = { x: 0, y: 0 };
    const t = { x: 100, y: -200 };
    const points = [{ x: 0, y: 40 }, { x: 160, y: 40 }, { x: 160, y: -200 }];
    const seg = toSegments(s, t, points)!;
    const len = Math.hypot(100, 200);
    const n = { x: 200 / len, y: 100 / len };
    seg.weights.forEach((w, i) => {
      expect(w * 100 + seg.distances[i] * n.x).toBeCloseTo(points[i].x, 1);
      expect(w * -200 + seg.distances[i] * n.y).toBeCloseTo(points[i].y, 1);
    });
  });

  it('keeps every bend of a long cable where it was routed, so the last one beside a port stays outside the port', () => {
    // In the 64-host lab a cable runs some 5,000 units: weights rounded to a thousandth moved its bends by up to
    // 2.5 units, and a bend moved into its port left Cytoscape a cable it could not draw.
    const parsed = readLab(largeLabWithDrill(64, 1000));
    const elements = labElements((parsed as { lab: Lab }).lab);
    const byId = new Map(elements.map((e) => [e.data.id, e]));
    const half = (kind: string) => (kind === 'port' ? 13 : kind === 'nic' ? 41 : 0);
    const cables = elements.filter((e) => e.data.kind === 'cable' && e.data.segmentWeights);
    expect(cables.length).toBeGreaterThan(100);
    for (const cable of cables) {
      const line = polyline(elements, cable.data.id);
      for (const [end, bend] of [[cable.data.source!, line[1]], [cable.data.target!, line.at(-2)!]] as const) {
        const node = byId.get(end)!;
        const h = half(node.data.kind);
        const p = node.position!;
        const inPlug = Math.abs(bend.x - p.x) < h && Math.abs(bend.y - p.y) < (node.data.kind === 'port' ? 13 : 21);
        expect(inPlug, `${cable.data.id}: a bend at ${bend.x},${bend.y} inside ${end}`).toBe(false);
      }
    }
  });

  it('runs no cable of an estate through a host box: 4, 16 and 64 hosts on two switches, open or collapsed', () => {
    // With 66 ports a switch has six rows of them, and 66 cables run along under it, one lane each: the hosts start
    // below all of them. Lanes that do not fit between two columns of hosts share the way.
    // Each with every host open, and with every other host collapsed to one box.
    for (const [hosts, vms, collapsed] of [[4, 16, 0], [16, 256, 0], [64, 1000, 0], [16, 256, 2], [64, 1000, 2]]) {
      const lab = (readLab(largeLabWithDrill(hosts, vms)) as { lab: Lab }).lab;
      const folded = new Set(collapsed ? lab.hosts.filter((_, i) => i % collapsed === 0).map((h) => h.name) : []);
      const elements = collapseHosts(labElements(lab), lab, folded);
      const boxes = compoundBoxes(elements);
      const hostBoxes = [...boxes].filter(([id]) => id.startsWith('host:'));
      const cables = elements.filter((e) => e.data.kind === 'cable');
      expect(cables).toHaveLength(2 * hosts + 2);
      for (const cable of cables) {
        const line = polyline(elements, cable.data.id);
        for (let i = 1; i < line.length - 2; i++) {
          for (const [id, b] of hostBoxes) expect(crosses(line[i], line[i + 1], b), `${hosts} hosts (${folded.size} collapsed): ${cable.data.id} segment ${i} crosses ${id}`).toBe(false);
        }
      }
    }
  });

  it('moves a vertical run beside a box in its way', () => {
    const box = { x1: 0, y1: 0, x2: 200, y2: 100 };
    expect(clearColumn(150, -50, 150, [box])).toBeGreaterThan(200);
    expect(clearColumn(40, -50, 150, [box])).toBeLessThan(0);
    expect(clearColumn(300, -50, 150, [box])).toBe(300);
  });

  it('never runs a cable through a host box, and ends each cable at the port it names', () => {
    const elements = labElements(fieldReportLab());
    const boxes = compoundBoxes(elements);
    const hosts = [...boxes].filter(([id]) => id.startsWith('host:')).map(([, b]) => b);
    const cables = elements.filter((e) => e.data.kind === 'cable');
    expect(cables).toHaveLength(6);
    for (const cable of cables) {
      const line = polyline(elements, cable.data.id);
      // The run from the first bend on (the stub out of the NIC's own host is below its NIC row).
      for (let i = 1; i < line.length - 2; i++) for (const b of hosts) expect(crosses(line[i], line[i + 1], b), `${cable.data.id} segment ${i}`).toBe(false);
    }
    // The inter-switch link leaves switch1 at port 24 and reaches switch2 at port 24, passing over no other port.
    const isl = polyline(elements, 'cable:port:switch1/24~port:switch2/24');
    const ports = elements.filter((e) => e.data.kind === 'port' && !['port:switch1/24', 'port:switch2/24'].includes(e.data.id));
    for (let i = 0; i < isl.length - 1; i++) {
      for (const p of ports) {
        const b = { x1: p.position!.x - 12, y1: p.position!.y - 12, x2: p.position!.x + 12, y2: p.position!.y + 12 };
        expect(crosses(isl[i], isl[i + 1], b), `ISL over ${p.data.id}`).toBe(false);
      }
    }
  });

  it('runs parallel cables out of one host in separate lanes, and labels the port at each end', () => {
    const elements = labElements(fieldReportLab());
    const a = polyline(elements, 'cable:nic:HostA/NIC3~port:switch1/1');
    const b = polyline(elements, 'cable:nic:HostA/NIC4~port:switch2/1');
    // The first bend of each is the horizontal run under HostA: two lanes, not one line.
    expect(Math.abs(a[1].y - b[1].y)).toBeGreaterThanOrEqual(5);
    const isl = elements.find((e) => e.data.id === 'cable:port:switch1/24~port:switch2/24')!;
    expect([isl.data.sourceLabel, isl.data.targetLabel]).toEqual(['24', '24']);
    const nic = elements.find((e) => e.data.id === 'cable:nic:HostA/NIC3~port:switch1/1')!;
    expect([nic.data.sourceLabel, nic.data.targetLabel]).toEqual(['', '1']);
  });

  it('draws used ports apart from free ones', () => {
    const elements = labElements(fieldReportLab());
    const classes = (id: string) => elements.find((e) => e.data.id === id)!.classes ?? '';
    expect(classes('port:switch1/1')).toContain('used');
    expect(classes('port:switch1/24')).toContain('used');
    expect(classes('port:switch1/3')).not.toContain('used');
  });
});
