import { describe, it, expect } from 'vitest';
import { fieldReportLab } from './fake-api.js';
import { defaultAnchors } from '../../../src-renderer/canvas/elements.js';
import { freeSpot, footprint, laidOutBoxes, placeInFreeSpace, type Box } from '../../../src-renderer/canvas/placement.js';
import { dynamicPoolOf, freeIpInSubnet, freeStaticMac, nextFreeName } from '../../../src-renderer/stores/allocation.js';
import { copyElements, pasteClip, addHostsLike, addVmsTo } from '../../../src-renderer/stores/clipboard.js';
import { describeDeletion } from '../../../src-renderer/stores/deletion.js';
import { drillStepProblem, removeDrillStep } from '../../../src-renderer/stores/drillProblems.js';
import { removeElements, setMacMode, addHost } from '../../../src-renderer/stores/edits.js';
import { problemsOf } from '../../../src-renderer/stores/problems.js';
import { macToNumber } from '../../../shared/addresses.js';
import { labSchema, endpointKey, type Lab } from '../../../shared/lab.js';

const overlap = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
const shifted = (box: Box, p: { x: number; y: number }): Box => ({ x1: box.x1 + p.x, y1: box.y1 + p.y, x2: box.x2 + p.x, y2: box.y2 + p.y });
const inAnyPool = (lab: Lab, mac: string) => lab.hosts.map(dynamicPoolOf).some((p) => macToNumber(mac) >= p.first && macToNumber(mac) < p.first + p.size);

describe('placing new elements', () => {
  const shape: Box = { x1: -50, y1: -30, x2: 50, y2: 30 };

  it('puts an element where asked when that place is free', () => {
    expect(freeSpot([{ x1: 500, y1: 500, x2: 600, y2: 600 }], shape, { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
  });

  it('never puts an element on top of another, and stays near the place asked for', () => {
    const boxes: Box[] = [{ x1: -100, y1: -100, x2: 100, y2: 100 }, { x1: 140, y1: -100, x2: 400, y2: 100 }];
    const spot = freeSpot(boxes, shape, { x: 0, y: 0 });
    for (const b of boxes) expect(overlap(shifted(shape, spot), { x1: b.x1 - 39, y1: b.y1 - 39, x2: b.x2 + 39, y2: b.y2 + 39 })).toBe(false);
    expect(Math.hypot(spot.x, spot.y)).toBeLessThan(250);
  });

  it('answers the spot of the plain search: nearest the place asked for on the first ring of the grid that has room', () => {
    // The search written plainly: every candidate of a ring tried against every box, the fitting ones sorted by distance.
    const plain = (boxes: Box[], shape: Box, near: { x: number; y: number }, gap = 40) => {
      const fits = (p: { x: number; y: number }) => boxes.every((b) => { const a = shifted(shape, p); return a.x2 + gap <= b.x1 || b.x2 + gap <= a.x1 || a.y2 + gap <= b.y1 || b.y2 + gap <= a.y1; });
      const wanted = { x: near.x - (shape.x1 + shape.x2) / 2, y: near.y - (shape.y1 + shape.y2) / 2 };
      const start = { x: Math.round(wanted.x / 20) * 20, y: Math.round(wanted.y / 20) * 20 };
      if (fits(start)) return start;
      for (let ring = 1; ring <= 400; ring++) {
        const c: { x: number; y: number }[] = [];
        for (let i = -ring; i <= ring; i++) {
          c.push({ x: start.x + i * 20, y: start.y - ring * 20 }, { x: start.x + i * 20, y: start.y + ring * 20 });
          if (Math.abs(i) < ring) c.push({ x: start.x - ring * 20, y: start.y + i * 20 }, { x: start.x + ring * 20, y: start.y + i * 20 });
        }
        const d = (p: { x: number; y: number }) => (p.x - wanted.x) ** 2 + (p.y - wanted.y) ** 2;
        const best = c.filter(fits).sort((a, b) => d(a) - d(b))[0];
        if (best) return best;
      }
      return null;
    };
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const spots = new Set<string>();
    for (let round = 0; round < 60; round++) {
      const boxes: Box[] = Array.from({ length: 1 + Math.floor(random() * 30) }, () => {
        const x = Math.round(random() * 1600 - 800);
        const y = Math.round(random() * 1600 - 800);
        return { x1: x, y1: y, x2: x + 40 + Math.round(random() * 400), y2: y + 40 + Math.round(random() * 300) };
      });
      const near = { x: Math.round(random() * 600 - 300), y: Math.round(random() * 600 - 300) };
      const spot = freeSpot(boxes, shape, near);
      expect(spot).toEqual(plain(boxes, shape, near));
      spots.add(`${spot.x},${spot.y}`);
    }
    expect(spots.size).toBeGreaterThan(40);
  });

  it('lays a new host of the field-report lab beside the others, clear of every host, switch and client', () => {
    const lab = fieldReportLab();
    const id = addHost(lab, 'r710', { x: 0, y: 0 });
    const centre = defaultAnchors(lab).get('host:HostA')!;
    const spot = placeInFreeSpace(lab, id, centre);
    const mine = shifted(footprint(lab, id), spot);
    for (const other of laidOutBoxes(lab, new Set([id]))) expect(overlap(mine, other)).toBe(false);
  });
});

describe('fresh names, IPs and MACs', () => {
  it('numbers copies in the lab pattern', () => {
    expect(nextFreeName('Host1', new Set(['Host1', 'Host2']))).toBe('Host3');
    expect(nextFreeName('Guest09', new Set(['Guest09']))).toBe('Guest10');
    expect(nextFreeName('HostA', new Set(['HostA', 'HostB']))).toBe('HostC');
    // A lone HostA starts a lettered series: its copy is HostB; a lone HostX is no series.
    expect(nextFreeName('HostA', new Set(['HostA']))).toBe('HostB');
    expect(nextFreeName('HostX', new Set(['HostX']))).toBe('HostX-2');
    expect(nextFreeName('HostA-2', new Set(['HostA', 'HostA-2']))).toBe('HostA-3');
    expect(nextFreeName('web', new Set(['web', 'web-2']))).toBe('web-3');
  });

  it('takes the next free IP of the subnet, wrapping round and never .0 or .255', () => {
    expect(freeIpInSubnet('1.1.1.1', new Set(['1.1.1.1', '1.1.1.2']))).toBe('1.1.1.3');
    expect(freeIpInSubnet('10.0.0.254', new Set(['10.0.0.254']))).toBe('10.0.0.1');
    const full = new Set(Array.from({ length: 254 }, (_, i) => `10.9.9.${i + 1}`));
    expect(() => freeIpInSubnet('10.9.9.1', full)).toThrow(/no free IP address is left in 10.9.9.0\/24/);
  });

  it('proposes static MACs outside every host\u2019s dynamic pool', () => {
    const lab = fieldReportLab();
    const taken = new Set<number>();
    const macs = Array.from({ length: 300 }, () => freeStaticMac(lab, 'hyper-v', taken));
    expect(new Set(macs).size).toBe(300);
    for (const mac of macs) expect(inAnyPool(lab, mac)).toBe(false);
  });

  it('switching a VM to a static MAC gives one no host hands out, and the lab stays valid', () => {
    const lab = fieldReportLab();
    setMacMode(lab, 0, 'static');
    expect(lab.vms[0].staticMac).toBeDefined();
    expect(inAnyPool(lab, lab.vms[0].staticMac!)).toBe(false);
    expect(problemsOf(lab, []).lab).not.toBeNull();
  });
});

describe('copy and paste', () => {
  it('pastes a host with its NICs, team, virtual switch and VMs under fresh names, IPs and MACs', () => {
    const lab = fieldReportLab();
    const clip = copyElements(lab, ['host:HostA']);
    const added = pasteClip(lab, clip);
    expect(added).toEqual(['host:HostC', 'vm:Guest3', 'vm:Guest4']);
    const copy = lab.hosts.find((h) => h.name === 'HostC')!;
    expect(copy.nics.map((n) => n.name)).toEqual(['NIC1', 'NIC2', 'NIC3', 'NIC4']);
    expect(copy.teams[0]).toMatchObject({ name: 'VM-Team', members: ['NIC3', 'NIC4'] });
    expect(copy.virtualSwitches[0]).toMatchObject({ name: 'VM-Switch', uplink: { team: 'VM-Team' } });
    expect(copy.managementIp).toMatch(/^10\.0\.1\.\d+$/);
    expect(copy.managementIp).not.toBe('10.0.1.10');
    const allMacs = [...lab.hosts.flatMap((h) => h.nics.map((n) => n.mac)), ...lab.vms.flatMap((v) => (v.staticMac ? [v.staticMac] : []))];
    expect(new Set(allMacs).size).toBe(allMacs.length);
    const vms = lab.vms.filter((v) => v.host === 'HostC');
    expect(vms.map((v) => [v.name, v.ip, v.macMode])).toEqual([['Guest3', '1.1.1.3', 'dynamic'], ['Guest4', '1.1.1.4', 'static']]);
    expect(vms[0].dynamicMac).toBeUndefined();
    expect(inAnyPool(lab, vms[1].staticMac!)).toBe(false);
    // The copy's pool is its own: no design check about shared ranges.
    const pools = lab.hosts.map(dynamicPoolOf).map((p) => p.first);
    expect(new Set(pools).size).toBe(pools.length);
    expect(labSchema.safeParse(lab).success).toBe(true);
    expect(problemsOf(lab, ['broadcom-basp-2009-12-15']).problems).toEqual([]);
  });

  it('cables the copy to free ports of the same switches, never onto a used port', () => {
    const lab = fieldReportLab();
    pasteClip(lab, copyElements(lab, ['host:HostA']));
    const ends = lab.cables.flatMap((c) => [endpointKey(c.a), endpointKey(c.b)]);
    expect(new Set(ends).size).toBe(ends.length);
    expect(lab.cables.filter((c) => 'nic' in c.a && c.a.host === 'HostC').map((c) => c.b)).toEqual([{ switch: 'switch1', port: 3 }, { switch: 'switch2', port: 3 }]);
  });

  it('pastes a copied VM onto the host asked for with a fresh name and IP', () => {
    const lab = fieldReportLab();
    const added = pasteClip(lab, copyElements(lab, ['vm:Guest2']), { vmHost: 'HostB' });
    expect(added).toEqual(['vm:Guest3']);
    expect(lab.vms.at(-1)).toMatchObject({ name: 'Guest3', ip: '1.1.1.3', host: 'HostB', virtualSwitch: 'VM-Switch', macMode: 'static' });
    expect(lab.vms.at(-1)!.staticMac).not.toBe('00-15-5D-00-20-02');
  });

  it('places each pasted host through the placement given', () => {
    const lab = fieldReportLab();
    pasteClip(lab, copyElements(lab, ['nic:HostA/NIC1']), { place: (d, id) => placeInFreeSpace(d, id, { x: 0, y: 0 }) });
    expect(lab.layout.positions['host:HostC']).toBeDefined();
  });

  it('refuses a paste with nothing copied', () => {
    expect(() => pasteClip(fieldReportLab(), { hosts: [], vms: [] })).toThrow(/nothing is copied/);
  });

  it('pastes a host with 16 VMs into a lab that stays valid', () => {
    const lab = fieldReportLab();
    addVmsTo(lab, 'HostA', 14);
    expect(lab.vms.filter((v) => v.host === 'HostA')).toHaveLength(16);
    pasteClip(lab, copyElements(lab, ['host:HostA']));
    expect(lab.vms.filter((v) => v.host === 'HostC')).toHaveLength(16);
    expect(problemsOf(lab, ['broadcom-basp-2009-12-15']).problems).toEqual([]);
  });

  it('adds N hosts like this one, each with its own name and pool', () => {
    const lab = fieldReportLab();
    expect(addHostsLike(lab, 'HostB', 3)).toEqual(['host:HostC', 'host:HostD', 'host:HostE']);
    expect(problemsOf(lab, ['broadcom-basp-2009-12-15']).problems).toEqual([]);
  });
});

describe('what a delete takes with it', () => {
  it('names the host and counts its VMs, NICs, team, virtual switch and cables', () => {
    const before = fieldReportLab();
    const after = structuredClone(before);
    removeElements(after, ['host:HostA']);
    expect(describeDeletion(before, after, ['host:HostA'])).toBe('Deleted host HostA with 2 VMs, 4 NICs, 1 team, 1 virtual switch and 2 cables');
  });

  it('counts a switch\u2019s cables and several chosen elements', () => {
    const before = fieldReportLab();
    const after = structuredClone(before);
    removeElements(after, ['switch:switch1']);
    expect(describeDeletion(before, after, ['switch:switch1'])).toBe('Deleted switch switch1 with 4 cables');
    const again = structuredClone(before);
    removeElements(again, ['vm:Guest1', 'vm:Guest2']);
    expect(describeDeletion(before, again, ['vm:Guest1', 'vm:Guest2'])).toBe('Deleted 2 VMs');
  });
});

describe('drill steps naming a deleted element', () => {
  it('are told in the domain\u2019s words and go with "Remove the step"', () => {
    const lab = fieldReportLab();
    removeElements(lab, ['vm:Guest1']);
    const steps = problemsOf(lab, ['broadcom-basp-2009-12-15']).problems.map((p) => drillStepProblem(lab, p)).filter((p) => p !== null);
    expect(steps.map((s) => s.text)).toContain('drill migrate-then-restart, step 1: VM Guest1 no longer exists');
    const first = steps.find((s) => s.drill === 'migrate-then-restart' && s.step !== null)!;
    expect(first.fixLabel).toBe('Remove the step');
    first.fix(lab);
    expect(lab.drills[first.drillIndex].steps.map((s) => s.action)).toEqual(['restart']);
    removeDrillStep(lab, first.drillIndex, 0);
    expect(lab.drills[first.drillIndex].steps).toEqual([]);
  });

  it('name the drill that pings a deleted VM, and stop pinging it', () => {
    const lab = fieldReportLab();
    lab.drills[0].vms = ['Guest1', 'Guest2'];
    removeElements(lab, ['vm:Guest2']);
    const listed = problemsOf(lab, ['broadcom-basp-2009-12-15']).problems.map((p) => drillStepProblem(lab, p)).filter((p) => p !== null && p.step === null && p.drillIndex === 0);
    expect(listed.map((p) => [p!.text, p!.fixLabel])).toEqual([[`drill ${lab.drills[0].name} pings VM Guest2, which no longer exists`, 'Stop pinging it']]);
    listed[0]!.fix(lab);
    expect(lab.drills[0].vms).toEqual(['Guest1']);
  });
});
