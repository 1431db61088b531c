// Port security on host ports: the MAC limit, sticky learning, each violation mode, the
// err-disable recovery interval, and the example where a live migration takes a whole uplink down.
import { describe, expect, it } from 'vitest';
import { SimContext } from '../../../src-main/core/engine/context.js';
import { Port, Wire, type PortOwner } from '../../../src-main/core/devices/port.js';
import { PhysicalSwitch } from '../../../src-main/core/devices/physical-switch.js';
import { settingsSchema, type PortSecurity } from '../../../shared/lab.js';
import { ARP_REQUEST, type Frame } from '../../../src-main/core/net/frames.js';
import { drill, example, exampleJson, parse, vmOf } from './helpers.js';

class Station implements PortOwner {
  readonly port: Port;
  readonly received: Frame[] = [];
  operational = true;
  carrier: boolean[] = [];
  constructor(ctx: SimContext, label: string) {
    this.port = new Port(this, ctx, label);
  }
  receive(_p: Port, f: Frame) {
    this.received.push(f);
  }
  onCarrier(_p: Port, up: boolean) {
    this.carrier.push(up);
  }
}

const broadcastFrom = (src: number): Frame => ({ src, dst: 0xffffffffffff, payload: { kind: 'arp', op: ARP_REQUEST, sha: src, spa: 1, tha: 0, tpa: 2 }, trace: -1, id: 1 });

/** Port 1 is secured as `security` says; ports 2 and 3 are plain. */
function securedSwitch(security: Partial<PortSecurity>) {
  const ctx = new SimContext(settingsSchema.parse({}), 1);
  const changes: string[] = [];
  ctx.recordChanges((c) => c.kind === 'fault' && changes.push(`${c.label} ${c.failed ? 'failed' : 'back'}`));
  const sw = new PhysicalSwitch(ctx, {
    name: 'sw',
    ports: 3,
    macAgeingSec: 300,
    portSettings: [{ ports: [1], mode: 'access', vlan: 1, nativeVlan: 1, portSecurity: { maxMacs: 1, sticky: false, violation: 'shutdown', ...security } }],
  });
  const stations = [1, 2, 3].map((i) => {
    const s = new Station(ctx, `s${i}`);
    new Wire(s.port, sw.port(i), `s${i}`).refresh();
    sw.cabledPorts.push(sw.port(i));
    return s;
  });
  const drops: string[] = [];
  ctx.listenToDrops((d) => drops.push(`${d.device} ${d.reason}`));
  const send = (station: number, src: number, atUs: number) => ctx.scheduler.at(atUs, () => stations[station].port.send(broadcastFrom(src)));
  return { ctx, sw, stations, drops, changes, send };
}

describe('port security on a switch port', () => {
  it('lets the first MAC in and err-disables the port on a second one (violation shutdown)', () => {
    const { ctx, sw, stations, drops, changes, send } = securedSwitch({ violation: 'shutdown' });
    send(0, 0xa, 10);
    send(0, 0xb, 20);
    ctx.scheduler.runUntil(1000);
    expect(stations[1].received.map((f) => f.src)).toEqual([0xa]);
    expect(drops).toEqual(['sw/port1 port-security-violation']);
    expect(sw.port(1).failed).toBe(true);
    expect(stations[0].carrier).toContain(false);
    expect(changes).toEqual(['sw/port1 (err-disabled) failed']);
    expect(sw.log.map((l) => l.line)).toEqual([
      '%PORT_SECURITY-2-PSECURE_VIOLATION: Security violation occurred, caused by MAC address 0000.0000.000b on port sw/port1 in VLAN 1.',
      '%PM-4-ERR_DISABLE: psecure-violation error detected on sw/port1, putting sw/port1 in err-disable state',
    ]);
  });

  it('drops and logs the offending MAC but keeps the port up (violation restrict)', () => {
    const { ctx, sw, stations, drops, send } = securedSwitch({ violation: 'restrict' });
    send(0, 0xa, 10);
    send(0, 0xb, 20);
    send(0, 0xa, 30);
    ctx.scheduler.runUntil(1000);
    expect(stations[1].received.map((f) => f.src)).toEqual([0xa, 0xa]);
    expect(drops).toEqual(['sw/port1 port-security-violation']);
    expect(sw.port(1).failed).toBe(false);
    expect(sw.log).toHaveLength(1);
  });

  it('drops the offending MAC silently (violation protect)', () => {
    const { ctx, sw, stations, send } = securedSwitch({ violation: 'protect' });
    send(0, 0xa, 10);
    send(0, 0xb, 20);
    ctx.scheduler.runUntil(1000);
    expect(stations[1].received.map((f) => f.src)).toEqual([0xa]);
    expect(sw.port(1).failed).toBe(false);
    expect(sw.log).toEqual([]);
  });

  it('brings an err-disabled port back after the recovery interval', () => {
    const { ctx, sw, stations, changes, send } = securedSwitch({ violation: 'shutdown', recoverySec: 30 });
    send(0, 0xa, 10);
    send(0, 0xb, 20);
    ctx.scheduler.runUntil(29_000_000);
    expect(sw.port(1).failed).toBe(true);
    ctx.scheduler.runUntil(31_000_000);
    expect(sw.port(1).failed).toBe(false);
    expect(stations[0].carrier).toEqual([true, false, true]);
    expect(changes).toEqual(['sw/port1 (err-disabled) failed', 'sw/port1 (err-disabled) back']);
  });

  it('forgets dynamic secure MACs when the link goes down, but keeps sticky ones', () => {
    for (const sticky of [false, true]) {
      const { ctx, sw, drops, send } = securedSwitch({ violation: 'restrict', sticky });
      send(0, 0xa, 10);
      ctx.scheduler.at(20, () => {
        sw.port(1).failed = true;
        sw.port(1).wire!.refresh();
        sw.port(1).failed = false;
        sw.port(1).wire!.refresh();
      });
      send(0, 0xb, 30);
      ctx.scheduler.runUntil(1000);
      expect(drops.length).toBe(sticky ? 1 : 0);
    }
  });
});

describe('sticky port security on the hosts\' ports and a live migration', () => {
  const LAB = 'port-security-live-migration';

  it('err-disables both of HostB\'s ports and every VM behind its team loses the network', () => {
    const r = drill(example(LAB), 'live-migrate').result;
    expect(r.vms.filter((v) => !v.reachableAtEnd).map((v) => v.name)).toEqual(['Guest1', 'Guest3', 'Guest4']);
    const d = vmOf(r, 'Guest3').diagnosis!;
    expect(d.code).toBe('port-security-violation');
    expect(d.text).toMatch(/switch1\/port2 \(HostB\/NIC3\) is err-disabled: psecure-violation: MAC address 0015\.5d01\.0a00 is secure on switch1\/port1/);
    expect(d.text).toMatch(/switch2\/port2 \(HostB\/NIC4\) is err-disabled/);
    expect(d.text).toMatch(/every VM behind it \(Guest1, Guest3 and Guest4\)/);
    expect(d.remedies.some((x) => x.includes('violation restrict'))).toBe(true);
    const faults = r.changes.filter((c) => c.kind === 'fault').map((c) => c.kind === 'fault' && `${c.label} ${c.failed}`);
    expect(faults).toEqual(['switch1/port2 (err-disabled) true', 'switch2/port2 (err-disabled) true']);
  });

  it("keeps the switches' log in the drill result: the violation and the err-disable, as each switch writes them, in time order", () => {
    const r = drill(example(LAB), 'live-migrate').result;
    const lines = r.switchLog.map((l) => `${l.switch} ${l.line}`);
    expect(lines[0]).toBe('switch1 %PORT_SECURITY-2-PSECURE_VIOLATION: Security violation occurred, caused by MAC address 0015.5d01.0a00 on port switch1/port2 (secure on switch1/port1) in VLAN 1.');
    expect(lines[1]).toBe('switch1 %PM-4-ERR_DISABLE: psecure-violation error detected on switch1/port2, putting switch1/port2 in err-disable state');
    expect(lines.some((l) => l.startsWith('switch2 %PM-4-ERR_DISABLE: psecure-violation error detected on switch2/port2'))).toBe(true);
    expect(r.switchLog.map((l) => l.atMs)).toEqual([...r.switchLog.map((l) => l.atMs)].sort((a, b) => a - b));
    expect(r.switchLog[0].atMs).toBeGreaterThan(r.steps[0].atMs);
  });

  it('has an empty switch log when no switch wrote anything', () => {
    expect(drill(example(LAB), 'restart-on-same-host').result.switchLog).toEqual([]);
  });

  it('keeps a VM that restarts on its own host reachable: its MAC is already secure there', () => {
    expect(vmOf(drill(example(LAB), 'restart-on-same-host').result, 'Guest2').passed).toBe(true);
  });

  it('loses only the migrated VM under violation restrict, and says its port drops that MAC', () => {
    const json = exampleJson(LAB) as any;
    for (const s of json.switches) s.portSettings[0].portSecurity.violation = 'restrict';
    const r = drill(parse(json), 'live-migrate').result;
    expect(r.vms.filter((v) => !v.reachableAtEnd).map((v) => v.name)).toEqual(['Guest1']);
    expect(vmOf(r, 'Guest1').diagnosis).toMatchObject({ code: 'port-security-violation', device: 'switch1/port2' });
  });
});

describe('MAC-flap detection', () => {
  function flappingSwitch(macFlap?: { moves: number; withinSec: number; action: 'log' | 'err-disable' }) {
    const ctx = new SimContext(settingsSchema.parse({}), 1);
    const sw = new PhysicalSwitch(ctx, { name: 'sw', ports: 3, macAgeingSec: 300, portSettings: [], macFlap });
    const stations = [1, 2, 3].map((i) => {
      const s = new Station(ctx, `s${i}`);
      new Wire(s.port, sw.port(i), `s${i}`).refresh();
      sw.cabledPorts.push(sw.port(i));
      return s;
    });
    // One MAC sent from ports 1 and 2 in turn, 1 s apart: the active/active team without aggregation.
    for (let i = 0; i < 6; i++) ctx.scheduler.at(i * 1_000_000, () => stations[i % 2].port.send(broadcastFrom(0xa)));
    ctx.scheduler.runUntil(10_000_000);
    return sw;
  }

  it('logs the MAC flapping between two ports, as the switch writes it', () => {
    const sw = flappingSwitch();
    expect(sw.log.map((l) => l.line)).toContain('%SW_MATM-4-MACFLAP_NOTIF: Host 0000.0000.000a in vlan 1 is flapping between port sw/port1 and port sw/port2');
    expect(sw.port(1).failed || sw.port(2).failed).toBe(false);
  });

  it('does not call one move a flap: a live-migrated VM moves once', () => {
    const ctx = new SimContext(settingsSchema.parse({}), 1);
    const sw = new PhysicalSwitch(ctx, { name: 'sw', ports: 2, macAgeingSec: 300, portSettings: [] });
    const stations = [1, 2].map((i) => {
      const s = new Station(ctx, `s${i}`);
      new Wire(s.port, sw.port(i), `s${i}`).refresh();
      sw.cabledPorts.push(sw.port(i));
      return s;
    });
    stations[0].port.send(broadcastFrom(0xa));
    ctx.scheduler.at(1_000_000, () => stations[1].port.send(broadcastFrom(0xa)));
    ctx.scheduler.runUntil(5_000_000);
    expect(sw.log).toEqual([]);
  });

  it('err-disables the port the MAC arrived on when the switch is set to', () => {
    const sw = flappingSwitch({ moves: 3, withinSec: 10, action: 'err-disable' });
    expect(sw.port(2).errDisabled).toMatch(/^mac-flap: MAC address 0000\.0000\.000a moved 3 times within 10 s/);
    expect(sw.log.map((l) => l.line)).toContain('%PM-4-ERR_DISABLE: mac-flap error detected on sw/port2, putting sw/port2 in err-disable state');
  });
});
