// The drill steps engineers ask for beyond the first vocabulary: an orderly host reboot, arp -d on
// the client, path monitoring and VLAN changes, a re-patched cable, a flapping link and a cable that
// passes frames one way only.
import { describe, expect, it } from 'vitest';
import { readLab } from '../../../src-main/core/lab.js';
import { drill, exampleJson, parse, vmOf } from './helpers.js';

/** The field report lab with `settings`, switches set by `switches`, and one drill of `steps`. */
function labWith(steps: unknown[], options: { settings?: object; switches?: (sw: any) => void; vms?: string[]; expect?: object; name?: string } = {}) {
  const json = exampleJson(options.name ?? 'field-report') as any;
  Object.assign(json.settings, options.settings ?? {});
  if (options.switches) json.switches.forEach(options.switches);
  json.drills = [{ name: 'steps', steps, ...(options.vms ? { vms: options.vms } : {}), expect: { reachableWithinSec: 60, ...options.expect } }];
  return parse(json);
}

const run = (...args: Parameters<typeof labWith>) => drill(labWith(...args), 'steps').result;
const faults = (r: ReturnType<typeof run>, element: string) =>
  r.changes.filter((c) => c.kind === 'fault' && c.element === element).map((c) => (c.kind === 'fault' ? [c.atMs, c.failed] : []));

describe('reboot-host: an orderly reboot of a cluster node', () => {
  it('live-migrates the VMs away first, so they keep the network while the host is down and back', () => {
    const r = run([{ action: 'reboot-host', host: 'HostA' }, { action: 'wait', seconds: 1 }], { settings: { hostBootSec: 60 } });
    expect(r.steps[0].label).toBe('reboot host HostA');
    expect(r.steps[0].problem).toBeNull();
    for (const name of ['Guest1', 'Guest2']) {
      expect(vmOf(r, name).passed).toBe(true);
      expect(vmOf(r, name).plannedDowntimeMs).toBe(0);
    }
    expect(r.steps[0].snapshot.vms.map((v) => [v.name, v.host, v.state])).toEqual([
      ['Guest1', 'HostB', 'running'],
      ['Guest2', 'HostB', 'running'],
    ]);
    // Down after the drain (5 s copy + 0.3 s blackout), back after the boot time.
    const host = faults(r, 'host:HostA');
    expect(host.map(([, failed]) => failed)).toEqual([true, false]);
    expect((host[1][0] as number) - (host[0][0] as number)).toBe(60_000);
    expect(host[0][0]).toBeGreaterThan(15_300);
    // The step's window covers the drain and the boot.
    expect(r.steps[0].endMs - r.steps[0].atMs).toBeCloseTo(5_300 + 60_000 + 10_000, 0);
  });

  it('shuts the VMs down when the lab drains by shutdown, and starts them on the host once it is back: planned downtime', () => {
    const r = run([{ action: 'reboot-host', host: 'HostA' }], { settings: { hostBootSec: 60, rebootDrain: 'shut-down' } });
    for (const name of ['Guest1', 'Guest2']) {
      const vm = vmOf(r, name);
      expect(vm.passed).toBe(true);
      expect(vm.reachableAtEnd).toBe(true);
      expect(vm.plannedDowntimeMs).toBeGreaterThanOrEqual(89_000);
      expect(vm.downtimeMs).toBeLessThan(5_000);
    }
    const states = r.changes.filter((c) => c.kind === 'vm' && c.vm === 'Guest2' && c.atMs >= 10_000).map((c) => (c.kind === 'vm' ? `${c.state}@${c.host}` : ''));
    expect(states).toEqual(['off@HostA', 'booting@HostA', 'running@HostA']);
  });

  it('is not a crash: a host that is down cannot be rebooted', () => {
    const r = run([{ action: 'fail-host', host: 'HostA' }, { action: 'reboot-host', host: 'HostA' }]);
    expect(r.steps[1].problem).toBe('host HostA is down; only a host that is up reboots');
  });
});

describe('clear-arp: arp -d on the client', () => {
  it('is the remedy for a client that keeps a VM’s old MAC: after it, the VM answers again', () => {
    const router = (steps: unknown[]) => {
      const json = exampleJson('field-report-single-nic') as any;
      json.clients[0].arpCache = 'router';
      json.settings.routerIgnoresGratuitousArp = true;
      json.drills = [{ name: 'steps', vms: ['Guest1'], steps, expect: { reachableWithinSec: 60 } }];
      return drill(parse(json), 'steps').result;
    };
    const migrateRestart = [{ action: 'live-migrate', vm: 'Guest1', to: 'HostB' }, { action: 'restart', vm: 'Guest1' }];
    expect(vmOf(router(migrateRestart), 'Guest1').diagnosis?.code).toBe('stale-client-arp');
    const cleared = router([...migrateRestart, { action: 'clear-arp', client: 'Client1' }]);
    expect(cleared.steps[2].label).toBe('clear the ARP cache of Client1 (arp -d *)');
    expect(vmOf(cleared, 'Guest1').reachableAtEnd).toBe(true);
    expect(vmOf(cleared, 'Guest1').passed).toBe(true);
  });
});

describe('fail-cable-one-way and set-monitoring: the case UDLD exists for', () => {
  const oneWay = { action: 'fail-cable-one-way', cable: { host: 'HostA', nic: 'NIC3' }, direction: 'a-to-b' };

  it('keeps carrier up, so a team without path monitoring stays on the member whose frames are lost', () => {
    const r = run([oneWay], { vms: ['Guest2'] });
    expect(r.steps[0].label).toBe('fail the cable at HostA/NIC3 one way (a-to-b)');
    expect(r.steps[0].snapshot.teams.find((t) => t.host === 'HostA')!.activeMember).toBe('NIC3');
    const guest2 = vmOf(r, 'Guest2');
    expect(guest2.reachableAtEnd).toBe(false);
    expect(guest2.diagnosis?.text).toContain('the cable HostA/NIC3 – switch1/port1 passes frames one way only (frames from HostA/NIC3 no longer reach switch1/port1)');
    expect(guest2.diagnosis?.remedies[1]).toMatch(/path monitoring .* UDLD/);
    expect(faults(r, 'cable:nic:HostA/NIC3~port:switch1/1').map(([, f]) => f)).toEqual([true]);
  });

  it('fails over once path monitoring is turned on: the probes from the member go unanswered', () => {
    const r = run([{ action: 'set-monitoring', host: 'HostA', team: 'VM-Team', on: true }, oneWay], { vms: ['Guest2'] });
    expect(r.steps[0].label).toBe('turn path monitoring on for team VM-Team on HostA');
    expect(r.steps[1].snapshot.teams.find((t) => t.host === 'HostA')!.activeMember).toBe('NIC4');
    expect(vmOf(r, 'Guest2').reachableAtEnd).toBe(true);
  });

  it('loses only the named direction: frames the switch sends still reach the NIC', () => {
    const r = run([{ ...oneWay, direction: 'b-to-a' }], { vms: ['Guest2'] });
    expect(vmOf(r, 'Guest2').reachableAtEnd).toBe(false);
    expect(r.steps[0].label).toContain('(b-to-a)');
  });

  it('is repaired by restore-cable', () => {
    const r = run([oneWay, { action: 'restore-cable', cable: { host: 'HostA', nic: 'NIC3' } }], { vms: ['Guest2'] });
    expect(r.steps[1].problem).toBeNull();
    expect(vmOf(r, 'Guest2').passed).toBe(true);
    expect(faults(r, 'cable:nic:HostA/NIC3~port:switch1/1').map(([, f]) => f)).toEqual([true, false]);
  });

  it('says when monitoring is already as asked', () => {
    const r = run([{ action: 'set-monitoring', host: 'HostA', team: 'VM-Team', on: false }]);
    expect(r.steps[0].problem).toBe('path monitoring of team VM-Team on HostA is already off');
  });
});

describe('set-vlan: the VLAN ID of a VM’s virtual switch port', () => {
  it('cuts the VM off when its port is tagged with a VLAN the access port does not carry, and untagging brings it back', () => {
    const tagged = run([{ action: 'set-vlan', vm: 'Guest2', vlan: 20 }], { vms: ['Guest2'] });
    expect(tagged.steps[0].label).toBe("set Guest2's port to VLAN 20");
    expect(vmOf(tagged, 'Guest2').reachableAtEnd).toBe(false);
    const back = run([{ action: 'set-vlan', vm: 'Guest2', vlan: 20 }, { action: 'set-vlan', vm: 'Guest2', vlan: null }], { vms: ['Guest2'] });
    expect(back.steps[1].label).toBe("set Guest2's port untagged");
    expect(vmOf(back, 'Guest2').reachableAtEnd).toBe(true);
  });
});

describe('move-cable: re-patching a cable end to another port', () => {
  const move = { action: 'move-cable', cable: { switch: 'switch1', port: 1 }, to: { switch: 'switch1', port: 5 } };

  it('takes the link down on the old port and up on the new; the drawn cable counts as gone until it is back', () => {
    const r = run([move, { ...move, cable: { switch: 'switch1', port: 5 }, to: { switch: 'switch1', port: 1 } }], { vms: ['Guest2'] });
    expect(r.steps[0].label).toBe('move the cable at switch1/port1 to switch1/port5');
    expect(r.steps.map((s) => s.problem)).toEqual([null, null]);
    expect(faults(r, 'cable:nic:HostA/NIC3~port:switch1/1').map(([, f]) => f)).toEqual([true, false]);
    expect(vmOf(r, 'Guest2').passed).toBe(true);
  });

  it('costs the 802.1D listening and learning on the new port when it has no PortFast', () => {
    const classic = run([move], { vms: ['Guest2'], switches: (sw) => (sw.stp = '802.1d'), expect: { maxDowntimeSec: 10 } });
    expect(vmOf(classic, 'Guest2').downtimeMs).toBeGreaterThanOrEqual(29_000);
    const rapid = run([move], { vms: ['Guest2'], expect: { maxDowntimeSec: 10 } });
    expect(vmOf(rapid, 'Guest2').passed).toBe(true);
  });

  it('refuses a port that already has a cable, in the lab check', () => {
    const parsed = readLab({ ...(exampleJson('field-report') as any), drills: [{ name: 'd', steps: [{ ...move, to: { switch: 'switch1', port: 2 } }] }] });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.message)).toContain('switch1/port2 already has a cable; the cable can only move to a free port');
  });
});

describe('flap-link: a link going down and up N times', () => {
  it('takes a NIC down and up at the interval, each a fault change, and the team rides it out', () => {
    const r = run([{ action: 'flap-link', host: 'HostA', nic: 'NIC3', times: 3, intervalSec: 2 }, { action: 'wait', seconds: 1 }], { vms: ['Guest2'] });
    expect(r.steps[0].label).toBe('flap NIC HostA/NIC3 3× every 2 s');
    const nic = faults(r, 'nic:HostA/NIC3');
    expect(nic.map(([, f]) => f)).toEqual([true, false, true, false, true, false]);
    expect(nic.map(([at]) => (at as number) - 10_000)).toEqual([0, 2_000, 4_000, 6_000, 8_000, 10_000]);
    // The step's own time is the flapping: (2 × 3 − 1) × 2 s, then the gap.
    expect(r.steps[0].endMs - r.steps[0].atMs).toBe(20_000);
    expect(vmOf(r, 'Guest2').reachableAtEnd).toBe(true);
  });

  it('names its link as the fail steps do: a cable end or a switch port', () => {
    const cable = run([{ action: 'flap-link', cable: { host: 'HostA', nic: 'NIC3' }, times: 1, intervalSec: 1 }]);
    expect(faults(cable, 'cable:nic:HostA/NIC3~port:switch1/1').map(([, f]) => f)).toEqual([true, false]);
    const port = run([{ action: 'flap-link', switch: 'switch1', port: 1, times: 2, intervalSec: 1 }]);
    expect(port.steps[0].label).toBe('flap switch1/port1 2× every 1 s');
    expect(faults(port, 'port:switch1/1').map(([, f]) => f)).toEqual([true, false, true, false]);
  });

  it('is one link at a time, and only a working one', () => {
    const parsed = readLab({ ...(exampleJson('field-report') as any), drills: [{ name: 'd', steps: [{ action: 'flap-link', host: 'HostA', nic: 'NIC3', switch: 'switch1', port: 1, times: 1, intervalSec: 1 }] }] });
    expect(parsed.ok).toBe(false);
    const r = run([{ action: 'fail-nic', host: 'HostA', nic: 'NIC3' }, { action: 'flap-link', host: 'HostA', nic: 'NIC3', times: 1, intervalSec: 1 }]);
    expect(r.steps[1].problem).toBe('NIC HostA/NIC3 is already failed; only a working link flaps');
  });
});
