// Switch-dependent aggregation: a port-channel is one logical port for learning and flooding and
// hashes its transmit over the bundled members; a team in static or LACP mode hashes over its
// members; LACP bundles a link only when both ends run it; a mismatch loses frames as the field sees.
import { describe, expect, it } from 'vitest';
import { SimContext } from '../../../src-main/core/engine/context.js';
import { Port, Wire, type PortOwner } from '../../../src-main/core/devices/port.js';
import { PhysicalSwitch } from '../../../src-main/core/devices/physical-switch.js';
import { settingsSchema, type PortChannel } from '../../../shared/lab.js';
import { ICMP_ECHO_REQUEST, type Frame } from '../../../src-main/core/net/frames.js';
import { DrillSession } from '../../../src-main/core/drills/session.js';
import { drill, exampleJson, parse, vmOf } from './helpers.js';
import { receiveLacpdu } from '../../../src-main/core/devices/aggregation.js';
import { encodeFrame } from '../../../src-main/core/net/encode.js';

/** A device on one port; an LACP speaker answers LACPDUs as a team member would. */
class Station implements PortOwner {
  readonly port: Port;
  readonly received: Frame[] = [];
  readonly lacpdus: Frame[] = [];
  operational = true;
  constructor(
    private readonly ctx: SimContext,
    label: string,
    private readonly lacp = false,
    private readonly system = 0x00155d00aa00,
  ) {
    this.port = new Port(this, ctx, label);
  }
  receive(_p: Port, f: Frame) {
    if (f.payload.kind !== 'lacp') return void this.received.push(f);
    this.lacpdus.push(f);
    if (this.lacp) receiveLacpdu(this.ctx, this.port, f.payload, { system: this.system, key: 1, port: 1 });
  }
  onCarrier() {}
  runsLacp() {
    return this.lacp;
  }
}

const ping = (src: number, dst: number, srcIp: number, dstIp: number): Frame => ({
  src,
  dst,
  payload: { kind: 'ipv4', src: srcIp, dst: dstIp, ttl: 128, id: 1, icmp: { type: ICMP_ECHO_REQUEST, code: 0, identifier: 1, sequence: 1, data: '' } },
  trace: -1,
  id: 1,
});
const broadcast = (src: number): Frame => ({ ...ping(src, 0xffffffffffff, 1, 2) });

/** Ports 1–4 in one channel towards stations s1–s4 (LACP speakers when `lacpStations`), port 5 an ordinary port to s5. */
function channelSwitch(channel: Partial<PortChannel>, lacpStations = true) {
  const ctx = new SimContext(settingsSchema.parse({}), 1);
  const sw = new PhysicalSwitch(ctx, {
    name: 'sw',
    ports: 5,
    macAgeingSec: 300,
    portSettings: [],
    portChannels: [{ ports: [1, 2, 3, 4], mode: 'static', hash: 'src-dst-ip', ...channel }],
  });
  const stations = [1, 2, 3, 4, 5].map((i) => {
    const s = new Station(ctx, `s${i}`, lacpStations && i <= 4);
    new Wire(s.port, sw.port(i), `s${i}`).refresh();
    sw.cabledPorts.push(sw.port(i));
    return s;
  });
  // The LACPDUs the channel's members sent as their links came up are answered before any traffic.
  ctx.scheduler.runUntil(1000);
  return { ctx, sw, stations };
}

const SERVER = 0x00155d000001;
const CLIENT = 0x001c23000064;
/** 64 flows from the client (on port 5) to the server behind the channel, one per client IP. */
function sendFlows(stations: Station[], ctx: SimContext) {
  for (let i = 0; i < 64; i++) stations[4].port.send(ping(CLIENT, SERVER, 0x0a000100 + i, 0x01010101));
  ctx.scheduler.runUntil(1_000_000);
}
const membersCarrying = (stations: Station[]) => stations.slice(0, 4).map((s) => s.received.length);

describe('a port-channel on the physical switch', () => {
  it('learns a MAC arriving on any member as one logical port, without flapping', () => {
    const { ctx, sw, stations } = channelSwitch({});
    for (let i = 0; i < 8; i++) ctx.scheduler.at(i * 100_000, () => stations[i % 4].port.send(broadcast(SERVER)));
    ctx.scheduler.runUntil(2_000_000);
    expect(sw.log.filter((l) => l.line.includes('MACFLAP'))).toEqual([]);
    expect(sw.entries().filter((e) => e.mac === SERVER)).toEqual([expect.objectContaining({ port: 1 })]);
  });

  it('floods a broadcast once down the channel, never back into it', () => {
    const { ctx, stations } = channelSwitch({});
    stations[4].port.send(broadcast(CLIENT));
    stations[0].port.send(broadcast(SERVER));
    ctx.scheduler.runUntil(1_000_000);
    expect(membersCarrying(stations).reduce((a, b) => a + b)).toBe(1);
    expect(stations[4].received).toHaveLength(1);
  });

  it('spreads flows over its members by the source and destination IP', () => {
    const { ctx, stations } = channelSwitch({});
    stations[0].port.send(broadcast(SERVER));
    sendFlows(stations, ctx);
    const carried = membersCarrying(stations);
    for (const n of carried) expect(n).toBeGreaterThan(4);
    expect(carried.reduce((a, b) => a + b)).toBe(64);
  });

  it('keeps every flow on one member under a source and destination MAC hash (one MAC pair)', () => {
    const { ctx, stations } = channelSwitch({ hash: 'src-dst-mac' });
    stations[0].port.send(broadcast(SERVER));
    sendFlows(stations, ctx);
    expect(membersCarrying(stations).filter((n) => n > 0)).toHaveLength(1);
  });

  it('moves only the failed member’s flows to the others', () => {
    const before = channelSwitch({});
    before.stations[0].port.send(broadcast(SERVER));
    sendFlows(before.stations, before.ctx);
    const after = channelSwitch({});
    after.stations[0].port.send(broadcast(SERVER));
    after.ctx.scheduler.runUntil(500_000);
    after.sw.port(2).failed = true;
    after.sw.port(2).wire!.refresh();
    sendFlows(after.stations, after.ctx);
    const was = membersCarrying(before.stations);
    const now = membersCarrying(after.stations);
    expect(now[1]).toBe(0);
    for (const i of [0, 2, 3]) expect(now[i]).toBeGreaterThanOrEqual(was[i]);
    expect(now.reduce((a, b) => a + b)).toBe(64);
    // Each surviving member keeps the flows it had: its count grows only by what it took over.
    expect(now[0] - was[0] + (now[2] - was[2]) + (now[3] - was[3])).toBe(was[1]);
  });

  it('under LACP bundles only the members whose far side answers LACPDUs; the others are suspended', () => {
    const { ctx, stations, sw } = channelSwitch({ mode: 'lacp' }, false);
    stations[0].port.send(broadcast(SERVER));
    sendFlows(stations, ctx);
    expect(membersCarrying(stations)).toEqual([0, 0, 0, 0]);
    expect(sw.entries().some((e) => e.mac === SERVER)).toBe(false);

    // The switch asked in an LACPDU to the slow protocols MAC on every member; nobody answered.
    expect(stations.slice(0, 4).map((s) => s.lacpdus.length)).toEqual([1, 1, 1, 1]);
    expect(stations[0].lacpdus[0].dst).toBe(0x0180c2000002);

    const agreed = channelSwitch({ mode: 'lacp' }, true);
    agreed.stations[0].port.send(broadcast(SERVER));
    sendFlows(agreed.stations, agreed.ctx);
    expect(membersCarrying(agreed.stations).reduce((a, b) => a + b)).toBe(64);
  });
});

const LAB = 'lacp-team-without-port-channel';

describe('switch-dependent teams', () => {
  it('an LACP team towards an LACP port-channel carries flows on both members', () => {
    const members = [
      { host: 'HostB', nic: 'NIC3' },
      { host: 'HostB', nic: 'NIC4' },
    ];
    // Six guests on HostB, so that their flows to the client hash to both members.
    const json = exampleJson(LAB) as any;
    const guests = [3, 4, 5, 6].map((i) => ({ name: `GuestB${i}`, ip: `1.1.1.${20 + i}`, host: 'HostB', macMode: 'static', staticMac: `00-15-5D-00-21-0${i}` }));
    json.vms.push(...guests);
    json.drills.find((d: any) => d.name === 'lacp-team-on-lacp-port-channel').vms.push(...guests.map((g) => g.name));
    const { result, captures } = drill(parse(json), 'lacp-team-on-lacp-port-channel', members);
    expect(result.passed).toBe(true);
    const out = captures.map((c) => c.records.filter((r) => r.direction === 'out' && r.frame.payload.kind === 'ipv4').length);
    for (const n of out) expect(n).toBeGreaterThan(0);
  });

  it('an LACP team comes up only when its switch ports run LACP too', () => {
    const json = exampleJson(LAB) as any;
    json.switches[0].portChannels[0].mode = 'static';
    const r = drill(parse(json), 'lacp-team-on-lacp-port-channel').result;
    expect(r.passed).toBe(false);
    expect(vmOf(r, 'GuestB1').diagnosis?.code).toBe('aggregation-mismatch');
  });

  it('a switch-independent team towards an LACP port-channel is suspended by the switch', () => {
    const json = exampleJson(LAB) as any;
    Object.assign(json.hosts[1].teams[0], { mode: 'switch-independent' });
    const r = drill(parse(json), 'lacp-team-on-lacp-port-channel').result;
    expect(r.vms.map((v) => v.reachableAtEnd)).toEqual([false, false]);
    expect(vmOf(r, 'GuestB1').diagnosis).toMatchObject({ code: 'aggregation-mismatch', device: 'switch1/port3' });
  });

  it('a static team towards ordinary ports makes the switch log the VM MACs flapping between them', () => {
    const json = exampleJson(LAB) as any;
    json.switches[0].portChannels = [];
    Object.assign(json.hosts[1].teams[0], { mode: 'static' });
    json.clients.push({ name: 'Client2', ip: '1.1.1.101', mac: '00-1C-23-00-00-65' });
    json.cables.push({ a: { client: 'Client2' }, b: { switch: 'switch1', port: 11 } });
    json.drills = [{ name: 'flap', vms: ['GuestB1', 'GuestB2'], steps: [{ action: 'wait', seconds: 20 }] }];
    const lab = parse(json);
    const session = new DrillSession(lab, lab.drills[0]);
    session.finish();
    const flaps = session.net.switches.get('switch1')!.log.filter((l) => l.line.startsWith('%SW_MATM-4-MACFLAP_NOTIF'));
    expect(flaps.length).toBeGreaterThan(0);
    expect(flaps[0].line).toMatch(/between port switch1\/port[34] and port switch1\/port[34]/);
  });
});

describe('LACP negotiation as frames', () => {
  const lacpdus = (captures: { point: string; records: { direction: string; frame: Frame }[] }[]) =>
    captures.map((c) => ({ point: c.point, directions: [...new Set(c.records.filter((r) => r.frame.payload.kind === 'lacp').map((r) => r.direction))].sort() }));

  it('exchanges LACPDUs on each member of an LACP team towards an LACP port-channel', () => {
    const { captures } = drill(parse(exampleJson(LAB)), 'lacp-team-on-lacp-port-channel', [{ host: 'HostB', nic: 'NIC3' }, { host: 'HostB', nic: 'NIC4' }]);
    expect(lacpdus(captures)).toEqual([
      { point: 'HostB/NIC3', directions: ['in', 'out'] },
      { point: 'HostB/NIC4', directions: ['in', 'out'] },
    ]);
  });

  it('sends LACPDUs that no ordinary switch port answers', () => {
    const { captures } = drill(parse(exampleJson(LAB)), 'lacp-team-on-ordinary-ports', [{ host: 'HostA', nic: 'NIC3' }]);
    expect(lacpdus(captures)).toEqual([{ point: 'HostA/NIC3', directions: ['out'] }]);
  });

  it('puts an LACPDU on the wire as 802.3 slow protocols: ethertype 0x8809, subtype LACP, 110 bytes', () => {
    const frame: Frame = {
      dst: 0x0180c2000002,
      src: 0x00155d000001,
      payload: { kind: 'lacp', actorSystem: 0x00155d000001, actorKey: 1, actorPort: 2, partnerSystem: 0, partnerPort: 0, inSync: false },
      trace: -1,
      id: 1,
    };
    const bytes = encodeFrame(frame);
    expect(bytes.length).toBe(14 + 110);
    expect([bytes[12], bytes[13], bytes[14], bytes[15]]).toEqual([0x88, 0x09, 1, 1]);
    expect([bytes[16], bytes[17]]).toEqual([1, 20]); // actor information TLV
  });
});
