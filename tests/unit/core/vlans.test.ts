// VLANs around the hosts: the VM port's VLAN ID, trunks and access ports, the team's VLAN
// interface, a client's VLAN, and the failures each produces — diagnosed and caught by design checks.
import { describe, expect, it } from 'vitest';
import { lintLab } from '../../../src-main/core/lint/index.js';
import { readLab } from '../../../src-main/core/lab.js';
import { drill, example, exampleJson, parse, vmOf } from './helpers.js';

const LAB = 'vlan-standby-mismatch';

/** The example lab with its JSON edited (switch port settings, VLAN IDs). */
function edited(change: (lab: any) => void) {
  const json = exampleJson(LAB);
  change(json);
  return parse(json);
}

describe('VMs on VLAN 20 behind a team whose standby port lacks VLAN 20', () => {
  it('keeps Guest1 reachable through a live migration: both primaries carry VLAN 20', () => {
    const r = drill(example(LAB), 'live-migrate').result;
    expect(vmOf(r, 'Guest1').passed).toBe(true);
  });

  it('loses both VMs only once the team fails over to NIC4, and gets them back when it fails back', () => {
    const r = drill(example(LAB), 'fail-active-nic').result;
    for (const name of ['Guest1', 'Guest2']) {
      const vm = vmOf(r, name);
      expect(vm.passed).toBe(false);
      expect(vm.reachableAtEnd).toBe(true);
      expect(vm.downtimeMs).toBeGreaterThanOrEqual(30_000);
    }
  });

  it('says the standby member\'s switch port does not carry VLAN 20 and names the remedy', () => {
    const r = drill(example(LAB), 'active-nic-stays-failed').result;
    const vm = vmOf(r, 'Guest1');
    expect(vm.reachableAtEnd).toBe(false);
    expect(vm.diagnosis).toMatchObject({ code: 'vlan-differs-on-standby', device: 'switch2/port1' });
    expect(vm.diagnosis!.text).toMatch(/switch2\/port1 .* does not carry VLAN 20/);
    expect(vm.diagnosis!.remedies[0]).toBe('Allow VLAN 20 on switch2/port1 (switchport trunk allowed vlan add 20)');
  });

  it('is caught by a design check before any drill runs', () => {
    const checks = lintLab(example(LAB)).filter((c) => c.code === 'vlan-differs-on-standby');
    expect(checks).toHaveLength(1);
    expect(checks[0].message).toMatch(/Guest1 and Guest2 on HostA\/VM-Switch send VLAN 20.*switch2\/port1/);
    expect(checks[0].elements.map((e) => e.id)).toContain('port:switch2/1');
  });

  it('passes the failover once switch2 allows VLAN 20 on the host ports, and the check is gone', () => {
    const fixed = edited((lab) => {
      lab.switches[1].portSettings[0].allowedVlans = [1, 20];
    });
    expect(lintLab(fixed).map((c) => c.code)).not.toContain('vlan-differs-on-standby');
    const r = drill(fixed, 'active-nic-stays-failed').result;
    expect(vmOf(r, 'Guest1').reachableAtEnd).toBe(true);
  });
});

describe('VLAN failures', () => {
  it('loses a VM whose VLAN no member port carries (vlan-not-allowed), from the first ping', () => {
    const lab = edited((l) => {
      l.vms[0].vlan = 30;
    });
    expect(lintLab(lab).find((c) => c.code === 'vlan-not-allowed')?.message).toMatch(/Guest1 on HostA\/VM-Switch sends VLAN 30/);
    const vm = vmOf(drill(lab, 'live-migrate').result, 'Guest1');
    expect(vm.reachableAtEnd).toBe(false);
    expect(vm.diagnosis).toMatchObject({ code: 'vlan-not-allowed', device: 'switch1/port2' });
  });

  it('lands VLAN 20 in another VLAN across a trunk whose ends disagree on the native VLAN', () => {
    const lab = edited((l) => {
      // Client1 moves to switch2, reached over the inter-switch trunk; switch1 sends VLAN 20 untagged as its native.
      l.switches[0].portSettings[2].nativeVlan = 20;
      l.switches[1].portSettings.push({ ports: [10], mode: 'access', vlan: 20 });
      l.cables = l.cables.map((c: any) => ('client' in c.a ? { a: c.a, b: { switch: 'switch2', port: 10 } } : c));
    });
    expect(lintLab(lab).find((c) => c.code === 'native-vlan-mismatch')?.message).toMatch(/switch1\/port24 and switch2\/port24 .* \(20 and 1\)/);
    const vm = vmOf(drill(lab, 'live-migrate').result, 'Guest1');
    expect(vm.reachableAtEnd).toBe(false);
    expect(vm.diagnosis?.code).toBe('native-vlan-mismatch');
  });

  it('reaches VMs through a team VLAN interface when the VMs\' ports are untagged', () => {
    const lab = edited((l) => {
      for (const h of l.hosts) h.teams[0].vlanInterface = 20;
      for (const v of l.vms) delete v.vlan;
    });
    expect(lintLab(lab).map((c) => c.code)).not.toContain('vlan-not-allowed');
    expect(vmOf(drill(lab, 'live-migrate').result, 'Guest1').passed).toBe(true);
  });

  it('drops a client\'s tagged frames on an access port of another VLAN', () => {
    const lab = edited((l) => {
      l.clients[0].vlan = 30;
    });
    expect(lintLab(lab).find((c) => c.code === 'vlan-not-allowed')?.message).toMatch(/Client1 sends VLAN 30, which switch1\/port10/);
    expect(vmOf(drill(lab, 'live-migrate').result, 'Guest1').diagnosis?.code).toBe('vlan-not-allowed');
  });

  it('keeps a team\'s older VLAN note a note: the field report with team VLAN 20 still passes', () => {
    const json = exampleJson('field-report') as any;
    for (const h of json.hosts) h.teams[0].vlan = 20;
    expect(vmOf(drill(parse(json), 'live-migrate').result, 'Guest1').passed).toBe(true);
  });

  it('behaves as before in a lab with no VLAN settings: every port is an access port in VLAN 1', () => {
    const r = drill(example('field-report'), 'active-nic-failover').result;
    expect(r.vms.every((v) => v.passed)).toBe(true);
    expect(lintLab(example('field-report')).some((c) => c.code.includes('vlan'))).toBe(false);
  });
});

describe("the management OS' shared adapter on its own VLAN", () => {
  const sharing = (vlan: number | undefined) =>
    edited((lab) => {
      const vswitch = lab.hosts[1].virtualSwitches[0];
      vswitch.shareWithManagementOs = true;
      if (vlan !== undefined) vswitch.managementOsVlan = vlan;
    });

  it('is caught by a design check when no port of the uplink carries its VLAN', () => {
    const check = lintLab(sharing(30)).find((c) => c.code === 'vlan-not-allowed');
    expect(check?.message).toMatch(/^the management OS of HostB on HostB\/VM-Switch sends VLAN 30, which switch1\/port2 .* and switch2\/port2 .* do not carry: the switch drops every frame it sends\.$/);
    expect(check?.elements.map((e) => e.id)).toEqual(expect.arrayContaining(['vswitch:HostB/VM-Switch', 'port:switch1/2', 'port:switch2/2']));
  });

  it('is caught as differing on the standby when only the primary\'s port carries it', () => {
    const checks = lintLab(sharing(20)).filter((c) => c.code === 'vlan-differs-on-standby');
    expect(checks.map((c) => c.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^the management OS of HostB on HostB\/VM-Switch sends VLAN 20, which switch1\/port2 carries but switch2\/port2 .* does not/)]));
  });

  it('says nothing of an untagged management OS on ports whose native VLAN carries it, nor of one that does not share', () => {
    const codes = (lab: ReturnType<typeof sharing>) => lintLab(lab).filter((c) => c.message.includes('management OS of')).length;
    expect(codes(sharing(undefined))).toBe(0);
    expect(codes(edited((lab) => (lab.hosts[1].virtualSwitches[0].managementOsVlan = 30)))).toBe(0);
  });
});

describe('VLAN settings in the lab document', () => {
  it('refuses a port set twice or a port the switch lacks, naming both', () => {
    const json = exampleJson(LAB) as any;
    json.switches[0].portSettings.push({ ports: [2, 30], mode: 'access', vlan: 20 });
    const parsed = readLab(json);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'switches[0].portSettings[3].ports[0]: port 2 of switch "switch1" is already set by portSettings[0]',
      'switches[0].portSettings[3].ports[1]: switch "switch1" has no port 30 (it has 24)',
    ]);
  });

  it('refuses a VLAN ID outside 1–4094', () => {
    const json = exampleJson(LAB) as any;
    json.vms[0].vlan = 4095;
    const parsed = readLab(json);
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.message)).toContain('a VLAN ID is 1 to 4094');
  });
});
