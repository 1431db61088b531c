// Switch-independent load balancing as the driver profile describes it: Hyper-V Port pins each VM
// to one member; a member's failure moves only its VMs, with a loss no longer than the failover time.
import { describe, expect, it } from 'vitest';
import { drill, exampleJson, parse, vmOf, withDrill } from './helpers.js';
import { macToNumber } from '../../../shared/addresses.js';
import { profilesOf } from '../../../src-main/core/drivers/catalogue.js';

const GUESTS = ['Guest1', 'Guest2', 'Guest3', 'Guest4'];

/** The field report's two hosts, teamed switch-independent with `profile`, four guests on HostA with static MACs. */
function loadBalancedLab(profile: string, steps: unknown[]) {
  const input = exampleJson('field-report') as any;
  for (const h of input.hosts) Object.assign(h.teams[0], { mode: 'switch-independent', driverProfile: profile });
  input.vms = GUESTS.map((name, i) => ({
    name,
    ip: `1.1.1.${i + 1}`,
    host: 'HostA',
    virtualSwitch: 'VM-Switch',
    macMode: 'static',
    staticMac: `00-15-5D-00-20-0${i + 1}`,
    initialState: 'running',
  }));
  input.drills = [];
  return withDrill(parse(input), { name: 'drill', vms: GUESTS, steps });
}

/** Which members of HostA's team carried each guest's frames out. */
function membersCarrying(captures: { point: string; records: { direction: string; frame: { src: number } }[] }[]) {
  const carriers = new Map<string, Set<string>>();
  GUESTS.forEach((g, i) => {
    const mac = macToNumber(`00-15-5D-00-20-0${i + 1}`);
    carriers.set(g, new Set(captures.filter((c) => c.records.some((r) => r.direction === 'out' && r.frame.src === mac)).map((c) => c.point)));
  });
  return carriers;
}

const MEMBERS = [
  { host: 'HostA', nic: 'NIC3' },
  { host: 'HostA', nic: 'NIC4' },
];

describe('Hyper-V Port, switch independent', () => {
  it('pins each VM to one member and spreads the VMs over both members', () => {
    const { result, captures } = drill(loadBalancedLab('windows-lbfo-hyperv-port', [{ action: 'wait', seconds: 20 }]), 'drill', MEMBERS);
    expect(result.passed).toBe(true);
    const carriers = membersCarrying(captures);
    for (const g of GUESTS) expect({ g, members: carriers.get(g)!.size }).toEqual({ g, members: 1 });
    const used = new Set([...carriers.values()].flatMap((s) => [...s]));
    expect(used.size).toBe(2);
  });

  it('moves only the failed member’s VMs, each losing no more than the failover time', () => {
    const { captures } = drill(loadBalancedLab('windows-lbfo-hyperv-port', [{ action: 'wait', seconds: 20 }]), 'drill', MEMBERS);
    const onNic3 = GUESTS.filter((g) => membersCarrying(captures).get(g)!.has('HostA/NIC3'));
    expect(onNic3.length).toBeGreaterThan(0);
    expect(onNic3.length).toBeLessThan(GUESTS.length);

    const lab = loadBalancedLab('windows-lbfo-hyperv-port', [{ action: 'fail-nic', host: 'HostA', nic: 'NIC3' }, { action: 'wait', seconds: 20 }]);
    const { result } = drill(lab, 'drill');
    const detectMs = profilesOf([]).get('windows-lbfo-hyperv-port')!.failover.detectMs;
    const pingMs = lab.settings.pingIntervalMs;
    for (const g of GUESTS) {
      const vm = vmOf(result, g);
      expect({ g, reachable: vm.reachableAtEnd }).toEqual({ g, reachable: true });
      if (onNic3.includes(g)) expect(vm.downtimeMs).toBeLessThanOrEqual(detectMs + pingMs);
      else expect({ g, downtime: vm.downtimeMs }).toEqual({ g, downtime: 0 });
    }
    expect(result.passed).toBe(true);
  });
});

describe('an active/standby team with a pinning profile', () => {
  it('still carries every VM on the one active member', () => {
    const input = loadBalancedLab('windows-lbfo-hyperv-port', [{ action: 'wait', seconds: 20 }]) as any;
    for (const h of input.hosts) h.teams[0].mode = 'active-passive';
    const { captures } = drill(parse(input), 'drill', MEMBERS);
    const carriers = membersCarrying(captures);
    for (const g of GUESTS) expect({ g, members: [...carriers.get(g)!] }).toEqual({ g, members: ['HostA/NIC3'] });
  });
});

describe('dynamic load balancing', () => {
  it('spreads the flows of the VMs over both members', () => {
    const { result, captures } = drill(loadBalancedLab('windows-lbfo-dynamic', [{ action: 'wait', seconds: 20 }]), 'drill', MEMBERS);
    expect(result.passed).toBe(true);
    const used = new Set([...membersCarrying(captures).values()].flatMap((s) => [...s]));
    expect(used.size).toBe(2);
  });
});

/** The same lab with HostA's team replaced by a virtual switch teaming NIC3 and NIC4 itself (SET). */
function embeddedTeamLab(steps: unknown[], teaming: Record<string, unknown> = {}) {
  const input = JSON.parse(JSON.stringify(loadBalancedLab('windows-lbfo-hyperv-port', []))) as any;
  const hostA = input.hosts[0];
  hostA.teams = [];
  hostA.virtualSwitches = [{ name: 'VM-Switch', uplink: { nics: ['NIC3', 'NIC4'] }, teaming: { driverProfile: 'windows-lbfo-hyperv-port', ...teaming } }];
  input.drills = [];
  return withDrill(parse(input), { name: 'drill', vms: GUESTS, steps });
}

describe('a virtual switch that teams its own uplinks (Switch Embedded Teaming)', () => {
  it('behaves as its teaming-policy record says: Hyper-V Port pins each VM to one uplink, over both uplinks', () => {
    const { result, captures } = drill(embeddedTeamLab([{ action: 'wait', seconds: 20 }]), 'drill', MEMBERS);
    expect(result.passed).toBe(true);
    const carriers = membersCarrying(captures);
    for (const g of GUESTS) expect({ g, members: carriers.get(g)!.size }).toEqual({ g, members: 1 });
    expect(new Set([...carriers.values()].flatMap((s) => [...s])).size).toBe(2);
  });

  it('keeps every VM reachable when an uplink fails', () => {
    const { result } = drill(embeddedTeamLab([{ action: 'fail-nic', host: 'HostA', nic: 'NIC3' }, { action: 'wait', seconds: 20 }]), 'drill');
    expect(result.passed).toBe(true);
    for (const g of GUESTS) expect({ g, reachable: vmOf(result, g).reachableAtEnd }).toEqual({ g, reachable: true });
  });

  it('with a standby uplink, carries every VM on the active one until it fails', () => {
    const lab = embeddedTeamLab([{ action: 'wait', seconds: 20 }], { activeUplinks: ['NIC4'], standbyUplinks: ['NIC3'] });
    const carriers = membersCarrying(drill(lab, 'drill', MEMBERS).captures);
    for (const g of GUESTS) expect({ g, members: [...carriers.get(g)!] }).toEqual({ g, members: ['HostA/NIC4'] });
  });
});
