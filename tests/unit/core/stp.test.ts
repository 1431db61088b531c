// Spanning tree with real timing: under classic 802.1D a host port without PortFast listens and
// learns for 2 × forward delay after its link comes up; PortFast and rapid spanning tree skip it.
import { describe, expect, it } from 'vitest';
import { lintLab } from '../../../src-main/core/lint/index.js';
import { drill, exampleJson, parse, vmOf } from './helpers.js';

/** The field report lab with its switches set as given, and a drill that fails and restores HostA/NIC3. */
function lab(switches: (sw: any) => void, observeSec?: number) {
  const json = exampleJson('field-report') as any;
  json.switches.forEach(switches);
  json.drills.push({
    name: 'nic-flap',
    vms: ['Guest2'],
    steps: [
      { action: 'fail-nic', host: 'HostA', nic: 'NIC3' },
      { action: 'restore-nic', host: 'HostA', nic: 'NIC3' },
    ],
    stepGapSec: 10,
    ...(observeSec === undefined ? {} : { observeSec }),
    expect: { reachableWithinSec: 60, maxDowntimeSec: 10 },
  });
  return parse(json);
}

const classic = (sw: any) => {
  sw.stp = '802.1d';
};

describe('classic 802.1D spanning tree on host ports', () => {
  it('costs 30 s after the failback: the restored port listens and learns before it forwards', () => {
    const r = drill(lab(classic), 'nic-flap').result;
    const vm = vmOf(r, 'Guest2');
    expect(vm.reachableAtEnd).toBe(true);
    expect(vm.downtimeMs).toBeGreaterThanOrEqual(29_000);
    expect(vm.passed).toBe(false);
  });

  it('says the port is still listening and learning when the drill ends inside the hold', () => {
    const r = drill(lab(classic, 5), 'nic-flap').result;
    const d = vmOf(r, 'Guest2').diagnosis!;
    expect(d.code).toBe('stp-not-forwarding');
    expect(d.device).toBe('switch1/port1');
    expect(d.text).toMatch(/came up without PortFast .* 30 s/);
  });

  it('takes 2 × the forward delay the switch is set to', () => {
    const r = drill(lab((sw) => Object.assign(sw, { stp: '802.1d', forwardDelaySec: 4 })), 'nic-flap').result;
    const vm = vmOf(r, 'Guest2');
    expect(vm.downtimeMs).toBeGreaterThanOrEqual(7_000);
    expect(vm.downtimeMs).toBeLessThan(15_000);
  });

  it('forwards at once on a PortFast port, as under rapid spanning tree', () => {
    const portfast = drill(lab((sw) => Object.assign(sw, { stp: '802.1d', portSettings: [{ ports: [1, 2, 10], portfast: true }] })), 'nic-flap').result;
    const rapid = drill(lab(() => {}), 'nic-flap').result;
    expect(vmOf(portfast, 'Guest2').downtimeMs).toBe(vmOf(rapid, 'Guest2').downtimeMs);
    expect(vmOf(portfast, 'Guest2').passed).toBe(true);
  });

  it('is caught by a design check naming the host and client ports without PortFast', () => {
    const checks = lintLab(lab(classic)).filter((c) => c.code === 'host-port-without-portfast');
    expect(checks.map((c) => c.message)).toEqual([
      'switch1 runs classic spanning tree (802.1D) and switch1/port1, switch1/port2 and switch1/port10 to hosts or clients have no PortFast: every link restore and every team failback there costs 30 s of listening and learning before frames pass.',
      'switch2 runs classic spanning tree (802.1D) and switch2/port1 and switch2/port2 to hosts or clients have no PortFast: every link restore and every team failback there costs 30 s of listening and learning before frames pass.',
    ]);
    expect(lintLab(lab(() => {})).some((c) => c.code === 'host-port-without-portfast')).toBe(false);
  });
});

/** The field report lab with a second, redundant link between the switches (port 23), blocked while port 24's forwards. */
function redundantLinkLab(switches: (sw: any) => void, observeSec?: number) {
  const json = exampleJson('field-report') as any;
  json.switches.forEach(switches);
  json.cables.push({ a: { switch: 'switch1', port: 23 }, b: { switch: 'switch2', port: 23 } });
  json.drills.push({
    name: 'link-takeover',
    vms: ['Guest2'],
    // Guest2's traffic crosses the inter-switch link once HostA's team is on NIC4 (switch2).
    steps: [
      { action: 'fail-nic', host: 'HostA', nic: 'NIC3' },
      { action: 'fail-cable', cable: { switch: 'switch1', port: 24 } },
    ],
    stepGapSec: 10,
    ...(observeSec === undefined ? {} : { observeSec }),
    expect: { reachableWithinSec: 60, maxDowntimeSec: 10 },
  });
  return parse(json);
}

describe('classic 802.1D spanning tree on inter-switch links', () => {
  it('holds a blocked redundant link that takes over in listening and learning for 2 × forward delay', () => {
    const r = drill(redundantLinkLab(classic), 'link-takeover').result;
    const vm = vmOf(r, 'Guest2');
    expect(vm.reachableAtEnd).toBe(true);
    expect(vm.downtimeMs).toBeGreaterThanOrEqual(29_000);
    expect(vm.downtimeMs).toBeLessThan(40_000);
  });

  it('lets the redundant link take over at once under rapid spanning tree', () => {
    const vm = vmOf(drill(redundantLinkLab(() => {}), 'link-takeover').result, 'Guest2');
    expect(vm.downtimeMs).toBeLessThan(5_000);
    expect(vm.passed).toBe(true);
  });

  it('says the link that took over still listens and learns when the drill ends inside the hold', () => {
    const d = vmOf(drill(redundantLinkLab(classic, 5), 'link-takeover').result, 'Guest2').diagnosis!;
    expect(d.code).toBe('stp-not-forwarding');
    expect(d.device).toMatch(/^switch[12]\/port23$/);
    expect(d.text).toMatch(/inter-switch link .* took over .* 30 s/);
  });
});
