// Reading a lab document: every problem reported with its path, in the domain's words.
import { describe, expect, it } from 'vitest';
import { readLab } from '../../../src-main/core/lab.js';
import { exampleJson } from './helpers.js';
import { hyperVPoolFirst, normaliseMac } from '../../../shared/addresses.js';

function problems(change: (lab: any) => void): string[] {
  const input = exampleJson('field-report') as any;
  change(input);
  const parsed = readLab(input);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('the lab document', () => {
  it('accepts every bundled example', () => {
    for (const name of ['field-report', 'field-report-single-nic', 'field-report-intel', 'lbfo-hyperv-port']) expect(readLab(exampleJson(name)).ok).toBe(true);
  });

  it('reads a host as Hyper-V unless it names its hypervisor', () => {
    const parsed = readLab(exampleJson('field-report'));
    expect(parsed.ok && parsed.lab.hosts.map((h) => h.hypervisor)).toEqual(['hyper-v', 'hyper-v']);
    expect(problems((lab) => (lab.hosts[0].hypervisor = 'xen'))[0]).toMatch(/^hosts\[0\]\.hypervisor: /);
  });

  it('names what is wrong with a virtual switch that teams its own uplinks', () => {
    const own = (teaming: unknown, nics = ['NIC3', 'NIC4']) => (lab: any) => {
      lab.hosts[0].teams = [];
      lab.drills = [];
      lab.hosts[0].virtualSwitches[0] = { name: 'VM-Switch', uplink: { nics }, ...(teaming ? { teaming } : {}) };
    };
    expect(problems(own({ driverProfile: 'windows-lbfo-hyperv-port' }))).toEqual([]);
    expect(problems(own(undefined))).toEqual([
      'hosts[0].virtualSwitches[0].teaming: virtual switch "VM-Switch" has its own uplinks but no teaming policy; name the policy that shares traffic over them',
    ]);
    expect(problems(own({ driverProfile: 'no-such-policy' }))).toEqual(['hosts[0].virtualSwitches[0].teaming.driverProfile: teaming policy "no-such-policy" is not in the catalogue']);
    expect(problems(own({ driverProfile: 'windows-lbfo-hyperv-port' }, ['NIC3', 'NIC9', 'NIC3']))).toEqual([
      'hosts[0].virtualSwitches[0].uplink.nics[1]: NIC "NIC9" is not on host "HostA"',
      'hosts[0].virtualSwitches[0].uplink.nics[2]: NIC "NIC3" is named twice',
    ]);
    expect(problems(own({ driverProfile: 'windows-lbfo-hyperv-port', standbyUplinks: ['NIC1'] }))).toEqual([
      'hosts[0].virtualSwitches[0].teaming.standbyUplinks[0]: NIC "NIC1" is not an uplink of virtual switch "VM-Switch"',
    ]);
    expect(problems((lab) => (lab.hosts[0].virtualSwitches[0].teaming = { driverProfile: 'windows-lbfo-hyperv-port' }))).toEqual([
      'hosts[0].virtualSwitches[0].teaming: virtual switch "VM-Switch" has a teaming policy but no uplinks of its own (its uplink is a team)',
    ]);
  });

  it('fills DOMAIN.md defaults for settings that are not given', () => {
    const parsed = readLab({ hosts: [] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.lab.settings).toMatchObject({
      pingIntervalMs: 1000,
      vmBootSec: 30,
      gratuitousArpCount: 3,
      arpReachableBaseSec: 30,
      routerArpTimeoutSec: 14_400,
    });
  });

  it('names a team member that is not on the host', () => {
    expect(problems((lab) => lab.hosts[1].teams[0].members.push('NIC5'))).toContain(
      'hosts[1].teams[0].members[2]: NIC "NIC5" is not on host "HostB"',
    );
  });

  it('finds a NIC in two teams', () => {
    expect(
      problems((lab) => lab.hosts[0].teams.push({ name: 'Other', members: ['NIC4'], driverProfile: 'intel-ans-aft' })),
    ).toContain('hosts[0].teams[1].members[0]: NIC "NIC4" is already a member of team "VM-Team"');
  });

  it('finds duplicate names, IPs and static MACs', () => {
    const found = problems((lab) => {
      lab.vms.push({ name: 'Guest1', ip: '1.1.1.1', host: 'HostA', macMode: 'static', staticMac: '00-15-5D-00-20-02' });
    });
    expect(found).toContain('vms[2].name: VM name "Guest1" is used twice (first at vms[0].name)');
    expect(found).toContain('vms[2].ip: IP 1.1.1.1 is used twice (first at vms[0].ip)');
    expect(found).toContain('vms[2].staticMac: MAC 00-15-5D-00-20-02 is used twice (first at vms[1].staticMac)');
  });

  it('rejects malformed IPs and MACs', () => {
    const found = problems((lab) => {
      lab.vms[0].ip = '1.1.1.300';
      lab.clients[0].mac = '00-1C-23-00-00';
    });
    expect(found).toContain('vms[0].ip: is not an IPv4 address like 10.0.1.10');
    expect(found).toContain('clients[0].mac: is not a MAC address like 00-15-5D-01-0A-03');
  });

  it('rejects a cable to a port that does not exist, and a second cable in one port', () => {
    const found = problems((lab) => {
      lab.cables.push({ a: { host: 'HostA', nic: 'NIC1' }, b: { switch: 'switch1', port: 30 } });
      lab.cables.push({ a: { host: 'HostA', nic: 'NIC2' }, b: { switch: 'switch1', port: 1 } });
    });
    expect(found).toContain('cables[6].b: switch "switch1" has no port 30 (it has 24)');
    expect(found).toContain('cables[7].b: switch1/port1 already has a cable (cables[0])');
  });

  it('rejects unknown driver profiles and drill steps naming missing devices', () => {
    const found = problems((lab) => {
      lab.hosts[0].teams[0].driverProfile = 'acme-2000';
      lab.drills[0].steps.push({ action: 'live-migrate', vm: 'Guest9', to: 'HostA' });
      lab.drills[0].steps.push({ action: 'fail-inter-switch-link', switches: ['switch1', 'switch3'] });
    });
    expect(found).toContain('hosts[0].teams[0].driverProfile: driver profile "acme-2000" is not in the catalogue');
    expect(found).toContain('drills[0].steps[3]: VM "Guest9" does not exist');
    expect(found).toContain('drills[0].steps[4]: switch "switch3" does not exist');
  });

  it('rejects a probe target that no client of the lab answers', () => {
    expect(problems((lab) => (lab.hosts[0].teams[0].probeTarget = '1.1.1.253'))).toContain(
      "hosts[0].teams[0].probeTarget: probe target 1.1.1.253 is not a client of this lab; the team's probes need an address that answers",
    );
  });

  it('rejects values out of range, wrong kinds and unknown fields in the engineer’s words', () => {
    const found = problems((lab) => {
      lab.settings.pingIntervalMs = 0;
      lab.settings.vmBootSec = 'thirty';
      lab.switches[0].colour = 'blue';
      lab.clients[0].arpCache = 'mac';
      lab.cables = null;
    });
    expect(found).toContain('settings.pingIntervalMs: must be at least 10');
    expect(found).toContain('settings.vmBootSec: must be a number');
    expect(found).toContain('switches[0]: unknown field "colour"');
    expect(found).toContain('clients[0].arpCache: must be one of "windows", "linux", "router"');
    expect(found).toContain('cables: must be a list');
  });

  it('normalises MACs to the Windows form and derives the Hyper-V pool from the host IP', () => {
    expect(normaliseMac('00:15:5d:01:0a:03')).toBe('00-15-5D-01-0A-03');
    expect(hyperVPoolFirst('10.0.1.10')).toBe('00-15-5D-01-0A-00');
  });
});
