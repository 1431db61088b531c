// Design checks for virtual switches that team their own uplinks: IP hash needs a static
// EtherChannel, notify switches off, and what Switch Embedded Teaming refuses (more than 8
// members, mixed NICs, a port-channel on the switch side).
import { describe, expect, it } from 'vitest';
import { lintLab } from '../../../src-main/core/lint/index.js';
import type { DesignCheck } from '../../../shared/checks.js';
import { example, exampleJson, parse } from '../core/helpers.js';

const ofCode = (checks: DesignCheck[], code: DesignCheck['code']) => checks.filter((c) => c.code === code);
const labels = (checks: DesignCheck[]) => checks.map((c) => c.elements[0].label);

describe('IP hash and the switch side', () => {
  it('names the IP-hash vSwitch on ordinary ports, with the EtherChannel and the policy that fix it, and not the one on its EtherChannel', () => {
    const found = ofCode(lintLab(example('vmware-ip-hash-without-etherchannel')), 'ip-hash-without-etherchannel');
    expect(labels(found)).toEqual(['esxi01/vSwitch0']);
    expect(found[0].message).toContain('switch1/port1 and switch1/port2 are not one static EtherChannel');
    expect(found[0].remedies.join(' ')).toMatch(/channel-group N mode on.*originating virtual port/);
  });

  it('counts an LACP port-channel as no EtherChannel for IP hash: a standard vSwitch does not speak LACP', () => {
    const json = exampleJson('vmware-ip-hash-without-etherchannel') as any;
    json.switches[0].portChannels[0].mode = 'lacp';
    expect(labels(ofCode(lintLab(parse(json)), 'ip-hash-without-etherchannel'))).toEqual(['esxi01/vSwitch0', 'esxi02/vSwitch0']);
  });

  it('names a switch-independent policy whose uplinks sit in a port-channel', () => {
    const json = exampleJson('vmware-ip-hash-without-etherchannel') as any;
    json.hosts[1].virtualSwitches[0].teaming.driverProfile = 'esxi-originating-port';
    const found = ofCode(lintLab(parse(json)), 'embedded-team-switch-dependent');
    expect(labels(found)).toEqual(['esxi02/vSwitch0']);
    expect(found[0].message).toContain('refuses static and LACP teaming');
  });
});

describe('notify switches', () => {
  it('warns of the vSwitch with notify switches off only', () => {
    const found = ofCode(lintLab(example('esxi-notify-switches-off')), 'notify-switches-off');
    expect(labels(found)).toEqual(['esxi02/vSwitch0']);
    expect(found[0].severity).toBe('warning');
  });
});

describe('Switch Embedded Teaming limits', () => {
  function setLab(nics: { vendor: string; chipset: string }[]) {
    const json = exampleJson('set-dynamic') as any;
    const host = json.hosts[0];
    host.nics = nics.map((n, i) => ({ name: `NIC${i + 1}`, mac: `00-24-E8-0A-01-${(i + 1).toString(16).padStart(2, '0')}`, ...n }));
    host.virtualSwitches[0].uplink.nics = host.nics.map((n: { name: string }) => n.name);
    json.cables = json.cables.filter((c: any) => c.a.host !== 'HostA');
    json.drills = [];
    return lintLab(parse(json));
  }
  const intel = { vendor: 'Intel', chipset: 'X540' };

  it('refuses a ninth member', () => {
    expect(labels(ofCode(setLab(Array(9).fill(intel)), 'embedded-team-too-many-members'))).toEqual(['HostA/SET-Switch']);
    expect(ofCode(setLab(Array(8).fill(intel)), 'embedded-team-too-many-members')).toEqual([]);
  });

  it('refuses NICs that are not identical', () => {
    const found = ofCode(setLab([intel, { vendor: 'Broadcom', chipset: 'BCM57416' }]), 'embedded-team-mixed-nics');
    expect(labels(found)).toEqual(['HostA/SET-Switch']);
    expect(found[0].message).toContain('Intel X540, Broadcom BCM57416');
    expect(ofCode(setLab([intel, intel]), 'embedded-team-mixed-nics')).toEqual([]);
  });
});
