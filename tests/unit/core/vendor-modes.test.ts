// The vendor team modes of the catalogue, each behaving as its record says: Broadcom SLB and Intel
// ALB spread transmit, SLB balances receive per peer, balance-tlb receives on one slave, the Linux
// aggregation modes bundle only with a matching port-channel, and a member failure moves only its flows.
import { describe, expect, it } from 'vitest';
import { drill, exampleJson, parse, vmOf, withDrill } from './helpers.js';
import { macToNumber, macToText } from '../../../shared/addresses.js';
import { profilesOf } from '../../../src-main/core/drivers/catalogue.js';
import { runDrills } from '../../../src-main/core/drills/runner.js';
import { lintLab } from '../../../src-main/core/lint/index.js';
import { ReceiveBalancer } from '../../../src-main/core/devices/receive-balancing.js';
import { ARP_REPLY, NO_TRACE, type Frame } from '../../../src-main/core/net/frames.js';
import type { Nic } from '../../../src-main/core/devices/nic.js';

const GUESTS = ['Guest1', 'Guest2', 'Guest3', 'Guest4'];
const guestMac = (i: number) => `00-15-5D-00-20-0${i + 1}`;
const MEMBERS = [
  { host: 'HostA', nic: 'NIC3' },
  { host: 'HostA', nic: 'NIC4' },
];
const NIC_MAC = { NIC3: '00-24-E8-0A-00-03', NIC4: '00-24-E8-0A-00-04' } as const;

/** The field report's two hosts, teamed in `mode` with `profile`, four guests with static MACs on HostA. */
function teamedLab(profile: string, mode: string, steps: unknown[]) {
  const input = exampleJson('field-report') as any;
  for (const h of input.hosts) Object.assign(h.teams[0], { mode, driverProfile: profile });
  input.vms = GUESTS.map((name, i) => ({ name, ip: `1.1.1.${i + 1}`, host: 'HostA', virtualSwitch: 'VM-Switch', macMode: 'static', staticMac: guestMac(i), initialState: 'running' }));
  input.drills = [];
  return withDrill(parse(input), { name: 'drill', vms: GUESTS, steps });
}

type Capture = { point: string; records: { atUs: number; direction: string; frame: Frame }[] };

/** The members each guest's frames left HostA by, by the source MAC the team sent them with (`sourceOf`). */
function carriers(captures: Capture[], sourceOf: (frame: Frame) => number | null) {
  const byGuest = new Map<string, Set<string>>(GUESTS.map((g) => [g, new Set()]));
  for (const c of captures)
    for (const r of c.records) {
      if (r.direction !== 'out' || r.frame.payload.kind !== 'ipv4') continue;
      const i = GUESTS.findIndex((_, k) => r.frame.payload.kind === 'ipv4' && r.frame.payload.src === 0x01010101 + k);
      if (i >= 0 && sourceOf(r.frame) !== null) byGuest.get(GUESTS[i])!.add(c.point);
    }
  return byGuest;
}

describe('Intel ALB and Linux balance-tlb: transmit balancing, switch independent', () => {
  for (const profile of ['intel-ans-alb', 'linux-bonding-balance-tlb']) {
    it(`${profile} spreads the guests' flows over both members and keeps their MACs on the wire`, () => {
      const { result, captures } = drill(teamedLab(profile, 'switch-independent', [{ action: 'wait', seconds: 20 }]), 'drill', MEMBERS);
      expect(result.passed).toBe(true);
      const used = new Set([...carriers(captures, (f) => f.src).values()].flatMap((s) => [...s]));
      expect(used).toEqual(new Set(['HostA/NIC3', 'HostA/NIC4']));
      const sources = new Set(captures.flatMap((c) => c.records.filter((r) => r.direction === 'out' && r.frame.payload.kind === 'ipv4').map((r) => macToText(r.frame.src))));
      expect([...sources].sort()).toEqual(GUESTS.map((_, i) => guestMac(i)));
    });

    it(`${profile} moves only the failed member's flows, each losing no more than the failover time`, () => {
      const { captures } = drill(teamedLab(profile, 'switch-independent', [{ action: 'wait', seconds: 20 }]), 'drill', MEMBERS);
      const onNic3 = [...carriers(captures, (f) => f.src)].filter(([, s]) => s.has('HostA/NIC3')).map(([g]) => g);
      expect(onNic3.length).toBeGreaterThan(0);
      const lab = teamedLab(profile, 'switch-independent', [{ action: 'fail-nic', host: 'HostA', nic: 'NIC3' }, { action: 'wait', seconds: 20 }]);
      const { result } = drill(lab, 'drill');
      const detectMs = profilesOf([]).get(profile)!.failover.detectMs;
      for (const g of GUESTS) {
        const vm = vmOf(result, g);
        expect({ g, reachable: vm.reachableAtEnd }).toEqual({ g, reachable: true });
        if (onNic3.includes(g)) expect(vm.downtimeMs).toBeLessThanOrEqual(detectMs + lab.settings.pingIntervalMs);
        else expect({ g, downtime: vm.downtimeMs }).toEqual({ g, downtime: 0 });
      }
    });
  }

  it('balance-tlb receives broadcasts on one slave only, so a flooded ARP is not taken in twice', () => {
    const { captures } = drill(teamedLab('linux-bonding-balance-tlb', 'switch-independent', [{ action: 'wait', seconds: 20 }]), 'drill', MEMBERS);
    const takenIn = captures.map((c) => ({
      point: c.point,
      broadcasts: c.records.filter((r) => r.direction === 'up' && r.frame.dst === 0xffffffffffff && r.frame.payload.kind === 'arp' && r.frame.payload.spa === 0x01010164).length,
    }));
    expect(takenIn.filter((t) => t.broadcasts > 0).map((t) => t.point)).toEqual(['HostA/NIC3']);
  });
});

describe('Broadcom SLB: receive load balancing by answering ARP with a member MAC', () => {
  it('once the client asks, tells it one member MAC for every VM, takes its frames in on that member and forwards them by its VM table', () => {
    const steps = [{ action: 'clear-arp', client: 'Client1' }, { action: 'wait', seconds: 20 }];
    const { result, captures } = drill(teamedLab('broadcom-basp-slb', 'smart-load-balancing', steps), 'drill', MEMBERS);
    expect(result.passed).toBe(true);
    const arp = result.steps[1].snapshot.clients.find((c) => c.name === 'Client1')!.arp;
    const told = new Set(GUESTS.map((_, i) => arp[`1.1.1.${i + 1}`]));
    expect(told.size).toBe(1);
    expect(Object.values(NIC_MAC)).toContain([...told][0]);
    const member = [...told][0] === NIC_MAC.NIC3 ? 'HostA/NIC3' : 'HostA/NIC4';
    // From then on Client1's pings arrive on the member whose MAC it was given, and only there.
    const fromUs = result.steps[1].atMs * 1000;
    const echoesIn = captures.map((c) => ({
      point: c.point,
      n: c.records.filter((r) => r.atUs > fromUs && r.direction === 'up' && r.frame.payload.kind === 'ipv4' && r.frame.payload.icmp.type === 8).length,
    }));
    expect(echoesIn.filter((e) => e.n > 0).map((e) => e.point)).toEqual([member]);
  });

  it('after the member the client was given fails, tells the client the other member within the failover time', () => {
    const look = drill(teamedLab('broadcom-basp-slb', 'smart-load-balancing', [{ action: 'wait', seconds: 20 }]), 'drill');
    const given = look.result.steps[0].snapshot.clients.find((c) => c.name === 'Client1')!.arp['1.1.1.1'];
    const nic = given === NIC_MAC.NIC3 ? 'NIC3' : 'NIC4';
    const lab = teamedLab('broadcom-basp-slb', 'smart-load-balancing', [{ action: 'fail-nic', host: 'HostA', nic }, { action: 'wait', seconds: 20 }]);
    const { result } = drill(lab, 'drill');
    const other = nic === 'NIC3' ? NIC_MAC.NIC4 : NIC_MAC.NIC3;
    expect(result.steps[1].snapshot.clients.find((c) => c.name === 'Client1')!.arp['1.1.1.1']).toBe(other);
    for (const g of GUESTS) expect(vmOf(result, g).downtimeMs).toBeLessThanOrEqual(500 + lab.settings.pingIntervalMs);
    expect(result.passed).toBe(true);
  });

  it('is not flagged as a mode that does not load balance', () => {
    const codes = lintLab(teamedLab('broadcom-basp-slb', 'smart-load-balancing', [])).map((c) => c.code);
    expect(codes).not.toContain('team-mode-not-load-balanced');
    expect(lintLab(teamedLab('intel-ans-alb', 'switch-independent', [])).map((c) => c.code)).not.toContain('team-mode-not-load-balanced');
  });
});

describe('receive load balancing, the mechanism', () => {
  const members = [{ mac: macToNumber(NIC_MAC.NIC3) }, { mac: macToNumber(NIC_MAC.NIC4) }] as Nic[];
  let id = 0;
  const reply = (peer: number, from: number): Frame => ({
    dst: 0x001c23000000 + peer,
    src: 0x00155d002001,
    payload: { kind: 'arp', op: ARP_REPLY, sha: 0x00155d002001, spa: from, tha: 0x001c23000000 + peer, tpa: peer },
    trace: NO_TRACE,
    id: id++,
  });
  const bridged = profilesOf([]).get('linux-bonding-balance-alb')!;

  it('gives different peers different members, and each peer the same member while it carries traffic', () => {
    const rlb = ReceiveBalancer.of(bridged)!;
    const a = rlb.assign(reply(100, 1), members);
    const b = rlb.assign(reply(101, 1), members);
    expect(a).not.toBe(b);
    expect(rlb.assign(reply(100, 2), members)).toBe(a);
    expect(rlb.rewrite(reply(100, 1), a)).toMatchObject({ src: a.mac, payload: { sha: a.mac } });
  });

  it('moves only the peers of a member that left, telling each with an ARP reply from the member it now has', () => {
    const rlb = ReceiveBalancer.of(bridged)!;
    const a = rlb.assign(reply(100, 1), members);
    const b = rlb.assign(reply(101, 1), members);
    const told = rlb.moved([b], () => id++);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ member: b, frame: { dst: 0x001c23000000 + 100, src: b.mac, payload: { op: ARP_REPLY, sha: b.mac, spa: 1, tpa: 100 } } });
    expect(a).not.toBe(b);
  });

  it('leaves a bridged guest’s ARP alone unless the profile rewrites bridged ARP, and a broadcast always', () => {
    expect(ReceiveBalancer.of(profilesOf([]).get('linux-bonding-balance-tlb')!)).toBeNull();
    expect(ReceiveBalancer.of({ ...bridged, rewritesBridgedArp: false })!.rewrites(reply(100, 1))).toBe(false);
    expect(ReceiveBalancer.of(bridged)!.rewrites(reply(100, 1))).toBe(true);
    expect(ReceiveBalancer.of(bridged)!.rewrites({ ...reply(100, 1), dst: 0xffffffffffff })).toBe(false);
  });
});

describe('Linux bonding aggregation modes', () => {
  /** The aggregation example with HostB (LACP channel) and HostC (static channel) bonded by Linux. */
  function bonded(hostA: string, hostB: string, hostC: { mode: string; profile: string }) {
    const input = exampleJson('lacp-team-without-port-channel') as any;
    input.hosts[0].teams[0].driverProfile = hostA;
    input.hosts[1].teams[0].driverProfile = hostB;
    Object.assign(input.hosts[2].teams[0], { mode: hostC.mode, driverProfile: hostC.profile });
    return parse(input);
  }

  it('802.3ad bundles only with an LACP port-channel and balance-xor runs on a static one', () => {
    const lab = bonded('linux-bonding-802.3ad', 'linux-bonding-802.3ad', { mode: 'static', profile: 'linux-bonding-balance-xor' });
    const report = runDrills(lab);
    expect(report.drills.map((d) => ({ drill: d.name, passed: d.passed }))).toEqual([
      { drill: 'lacp-team-on-ordinary-ports', passed: false },
      { drill: 'lacp-team-on-lacp-port-channel', passed: true },
      { drill: 'lacp-member-fails', passed: true },
      { drill: 'migrate-off-the-mismatch', passed: true },
      { drill: 'static-channel-to-active-standby-team', passed: true },
    ]);
    for (const vm of report.drills[0].vms) expect(vm.diagnosis?.code).toBe('aggregation-mismatch');
    for (const vm of report.drills[2].vms) expect(vm.downtimeMs).toBeLessThanOrEqual(100 + lab.settings.pingIntervalMs);
  });
});

describe('a team mode its driver does not offer', () => {
  it('is a design-check error naming the modes the driver offers', () => {
    const checks = lintLab(teamedLab('linux-bonding-802.3ad', 'switch-independent', [])).filter((c) => c.code === 'team-mode-not-supported');
    expect(checks).toHaveLength(2);
    expect(checks[0]).toMatchObject({ severity: 'error', elements: [{ kind: 'team', id: 'team:HostA/VM-Team' }] });
    expect(checks[0].message).toContain('offers only lacp');
    expect(lintLab(teamedLab('linux-bonding-balance-tlb', 'switch-independent', [])).map((c) => c.code)).not.toContain('team-mode-not-supported');
  });
});
