// Device behaviour in isolation: the event queue, the physical switch, Hyper-V's virtual switch,
// teams by profile, the MAC pool.
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../../src-main/core/engine/scheduler.js';
import { SeededRandom } from '../../../src-main/core/engine/random.js';
import { SimContext } from '../../../src-main/core/engine/context.js';
import { Port, Wire, type PortOwner } from '../../../src-main/core/devices/port.js';
import { PhysicalSwitch } from '../../../src-main/core/devices/physical-switch.js';
import { MacPool } from '../../../src-main/core/devices/host.js';
import { Network } from '../../../src-main/core/network.js';
import { settingsSchema } from '../../../shared/lab.js';
import { macToNumber } from '../../../shared/addresses.js';
import { ARP_REQUEST, type Frame } from '../../../src-main/core/net/frames.js';
import { example } from './helpers.js';

const settings = settingsSchema.parse({});

class Station implements PortOwner {
  readonly port: Port;
  readonly received: Frame[] = [];
  operational = true;
  constructor(ctx: SimContext, label: string) {
    this.port = new Port(this, ctx, label);
  }
  receive(_p: Port, f: Frame) {
    this.received.push(f);
  }
  onCarrier() {}
}

function frame(src: number, dst: number): Frame {
  return { src, dst, payload: { kind: 'arp', op: ARP_REQUEST, sha: src, spa: 1, tha: 0, tpa: 2 }, trace: -1, id: 1 };
}

function switchWithStations(count: number, ageingSec = 300) {
  const ctx = new SimContext(settings, 1);
  const sw = new PhysicalSwitch(ctx, 'sw', count, ageingSec);
  const stations = Array.from({ length: count }, (_, i) => new Station(ctx, `s${i}`));
  const wires = stations.map((s, i) => {
    const w = new Wire(s.port, sw.port(i + 1), `s${i}`);
    sw.cabledPorts.push(sw.port(i + 1));
    w.refresh();
    return w;
  });
  return { ctx, sw, stations, wires };
}

describe('the event queue', () => {
  it('runs events in time order and same-time events in the order they were scheduled', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.at(20, () => seen.push('b'));
    s.at(10, () => seen.push('a'));
    s.at(20, () => seen.push('c'));
    s.at(5, () => s.after(15, () => seen.push('d')));
    s.runUntil(100);
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    expect(s.now).toBe(100);
  });

  it('draws the same random numbers from the same seed', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(new Set(xs).size).toBe(5);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('a physical switch', () => {
  it('floods unknown unicast, then forwards to the learnt port only', () => {
    const { ctx, stations } = switchWithStations(3);
    stations[0].port.send(frame(0xa, 0xb));
    ctx.scheduler.runUntil(1000);
    expect(stations[1].received).toHaveLength(1);
    expect(stations[2].received).toHaveLength(1);
    stations[1].port.send(frame(0xb, 0xa));
    ctx.scheduler.runUntil(2000);
    expect(stations[0].received).toHaveLength(1);
    expect(stations[2].received).toHaveLength(1);
  });

  it('ages entries out and floods again', () => {
    const { ctx, sw, stations } = switchWithStations(3, 1);
    stations[0].port.send(frame(0xa, 0xb));
    ctx.scheduler.runUntil(1000);
    expect(sw.entries().map((e) => e.port)).toEqual([1]);
    ctx.scheduler.runUntil(2_000_000);
    expect(sw.entries()).toEqual([]);
    stations[1].port.send(frame(0xb, 0xa));
    ctx.scheduler.runUntil(2_001_000);
    expect(stations[2].received).toHaveLength(2);
  });

  it("flushes a port's entries when its link goes down", () => {
    const { ctx, sw, stations, wires } = switchWithStations(2);
    stations[0].port.send(frame(0xa, 0xb));
    ctx.scheduler.runUntil(1000);
    expect(sw.entries()).toHaveLength(1);
    wires[0].failed = true;
    wires[0].refresh();
    expect(sw.entries()).toHaveLength(0);
  });
});

describe('Hyper-V virtual switch and teams in the field-report lab', () => {
  function started() {
    const lab = example();
    const ctx = new SimContext(lab.settings, 1);
    const net = new Network(lab, ctx);
    net.start();
    ctx.scheduler.runUntil(5e6);
    return { net, ctx };
  }

  it('drops unicast from the uplink whose destination matches no VM port', () => {
    const { net, ctx } = started();
    const vswitch = net.hosts.get('HostA')!.vswitches.get('VM-Switch')!;
    const before = ctx.drops.size;
    vswitch.receiveFromUplink({ ...frame(0x1, macToNumber('00-15-5D-99-99-99')), trace: 99 });
    expect(ctx.drops.size).toBe(before + 1);
    expect(ctx.drops.get(99)?.[0]).toMatchObject({ device: 'HostA/VM-Switch', reason: 'vswitch-no-port' });
  });

  it('fills the team table from the running VMs when the team initialises', () => {
    const { net } = started();
    const team = net.hosts.get('HostA')!.teams.get('VM-Team')!;
    expect([...team.vmTable.values()].map((e) => e.mac)).toEqual([macToNumber('00-15-5D-01-0A-00'), macToNumber('00-15-5D-00-20-02')]);
    expect(team.active?.name).toBe('NIC3');
  });
});

describe('the dynamic MAC pool', () => {
  it('hands out addresses in order, skips ones in use, and is exhausted after its size', () => {
    const pool = new MacPool(0x00155d010a00, 3);
    const used = new Set<number>([0x00155d010a01]);
    const a = pool.allocate((m) => used.has(m))!;
    used.add(a);
    const b = pool.allocate((m) => used.has(m))!;
    used.add(b);
    expect([a, b]).toEqual([0x00155d010a00, 0x00155d010a02]);
    expect(pool.allocate((m) => used.has(m))).toBeNull();
    expect(pool.label).toBe('00-15-5D-01-0A-00 … 00-15-5D-01-0A-02');
  });
});
