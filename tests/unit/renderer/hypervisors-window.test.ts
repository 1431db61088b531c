import { describe, it, expect, beforeEach } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useLabStore } from '../../../src-renderer/stores/lab.js';
import { useApi } from '../../../src-renderer/api/client.js';
import { placeItem } from '../../../src-renderer/components/paletteItems.js';
import { labElements } from '../../../src-renderer/canvas/elements.js';
import { moveUplink, roleOf, setUplinkNic, setUplinkRole, teamOwnUplinks } from '../../../src-renderer/stores/uplinkEdits.js';
import { addNic, EditRefused } from '../../../src-renderer/stores/edits.js';
import { modesFor, modeOptions, switchPoliciesFor, teamProfiles, hypervisorChangeNotes } from '../../../src-renderer/components/teamingChoices.js';
import { cloneProfile, deleteProfile, profileConcerns, profileUsers, renameProfile } from '../../../src-renderer/stores/profileEdits.js';
import { addPortChannel, portChannelOf, removePortChannel } from '../../../src-renderer/stores/portSettings.js';
import { DRIVER_CATALOGUE, CATALOGUE_IDS } from '../../../src-main/core/drivers/catalogue.js';
import type { DriverProfile } from '../../../shared/driver.js';
import type { Lab } from '../../../shared/lab.js';
import { FakeService, fieldReportLab } from './fake-api.js';
import { readLab } from '../../../src-main/core/lab.js';

const emptyLab = (): Lab => (readLab({}) as { lab: Lab }).lab;
const profile = (id: string): DriverProfile => DRIVER_CATALOGUE.find((p) => p.id === id)!;
const policy = (id: string): DriverProfile => ({ ...profile('windows-lbfo-hyperv-port'), id, name: id });

describe('hypervisor hosts from the palette', () => {
  it('lays down an ESXi host whose vSwitch0 teams two uplinks by originating port, notify switches and failback on', () => {
    const lab = emptyLab();
    placeItem(lab, 'esxi', { x: 0, y: 0 }, { ports: 24 });
    const host = lab.hosts[0];
    expect(host).toMatchObject({ name: 'ESXi1', hypervisor: 'esxi', teams: [] });
    expect(host.nics.map((n) => n.name)).toEqual(['vmnic0', 'vmnic1']);
    expect(host.virtualSwitches[0]).toMatchObject({
      name: 'vSwitch0',
      uplink: { nics: ['vmnic0', 'vmnic1'] },
      teaming: { driverProfile: 'esxi-originating-port', notifySwitches: true, failback: true },
    });
  });

  it('lays down a Linux/KVM host with bridge br0 over an active-backup bond', () => {
    const lab = emptyLab();
    placeItem(lab, 'linux-kvm', { x: 0, y: 0 }, { ports: 24 });
    const host = lab.hosts[0];
    expect(host.hypervisor).toBe('linux-kvm');
    expect(host.teams[0]).toMatchObject({ name: 'bond0', members: ['eno1', 'eno2'], mode: 'active-passive', driverProfile: 'linux-bonding-active-backup' });
    expect(host.virtualSwitches[0]).toMatchObject({ name: 'br0', uplink: { team: 'bond0' } });
  });

  it('lays down a Hyper-V host whose switch teams two identical NICs with SET, Hyper-V Port, and names hosts apart', () => {
    const lab = emptyLab();
    placeItem(lab, 'hyperv-set', { x: 0, y: 0 }, { ports: 24 });
    placeItem(lab, 'hyperv-set', { x: 400, y: 0 }, { ports: 24 });
    expect(lab.hosts.map((h) => h.name)).toEqual(['Host1', 'Host2']);
    expect(lab.hosts[0].virtualSwitches[0]).toMatchObject({ uplink: { nics: ['NIC1', 'NIC2'] }, teaming: { driverProfile: 'set-hyper-v-port' } });
    expect(new Set(lab.hosts.flatMap((h) => h.nics.map((n) => n.mac))).size).toBe(4);
    expect(lab.hosts[0].managementIp).not.toBe(lab.hosts[1].managementIp);
  });
});

describe('hypervisors and own uplinks on the canvas', () => {
  it('titles each host with its hypervisor and draws a vSwitch’s own uplinks as its members, standby ones dashed', () => {
    const lab = emptyLab();
    placeItem(lab, 'esxi', { x: 0, y: 0 }, { ports: 24 });
    lab.hosts[0].virtualSwitches[0].teaming!.standbyUplinks = ['vmnic1'];
    lab.hosts[0].virtualSwitches[0].teaming!.activeUplinks = ['vmnic0'];
    const elements = labElements(lab);
    expect(elements.find((e) => e.data.id === 'host:ESXi1')!.data.label).toMatch(/^ESXi1 · VMware ESXi\n/);
    // The policy is cut to the box's width on the canvas; the whole of it shows on hover.
    const vswitch = elements.find((e) => e.data.id === 'vswitch:ESXi1/vSwitch0')!.data;
    expect(vswitch.full ?? vswitch.label).toBe('vSwitch0\nesxi-originating-port');
    expect(vswitch.label).toMatch(/^vSwitch0\nesxi-origin/);
    const uplinks = elements.filter((e) => e.data.kind === 'uplink');
    expect(uplinks.map((e) => [e.data.target, e.classes])).toEqual([
      ['nic:ESXi1/vmnic0', 'own-uplink'],
      ['nic:ESXi1/vmnic1', 'own-uplink standby'],
    ]);
  });
});

describe('a virtual switch’s own uplinks in the inspector', () => {
  const esxi = () => {
    const lab = emptyLab();
    placeItem(lab, 'esxi', { x: 0, y: 0 }, { ports: 24 });
    return { lab, host: lab.hosts[0], vs: lab.hosts[0].virtualSwitches[0] };
  };

  it('writes an explicit failover order once an uplink is standby, and goes back to all-active without lists', () => {
    const { vs } = esxi();
    setUplinkRole(vs, 'vmnic0', 'standby');
    expect(vs.teaming).toMatchObject({ activeUplinks: ['vmnic1'], standbyUplinks: ['vmnic0'] });
    setUplinkRole(vs, 'vmnic0', 'active');
    expect(vs.teaming!.activeUplinks).toBeUndefined();
    expect(vs.teaming!.standbyUplinks).toBeUndefined();
  });

  it('moves an uplink in the failover order, keeping each one’s role', () => {
    const { host, vs } = esxi();
    addNic(host, emptyLab());
    setUplinkNic(host, vs, 'NIC1', true);
    setUplinkRole(vs, 'NIC1', 'standby');
    moveUplink(vs, 'vmnic1', -1);
    expect(vs.uplink).toEqual({ nics: ['vmnic1', 'vmnic0', 'NIC1'] });
    expect(vs.teaming).toMatchObject({ activeUplinks: ['vmnic1', 'vmnic0'], standbyUplinks: ['NIC1'] });
    expect(roleOf(vs, 'NIC1')).toBe('standby');
  });

  it('refuses to leave the switch without an active uplink or without any uplink', () => {
    const { host, vs } = esxi();
    setUplinkRole(vs, 'vmnic0', 'standby');
    expect(() => setUplinkRole(vs, 'vmnic1', 'standby')).toThrow('virtual switch vSwitch0 needs at least one active uplink');
    setUplinkNic(host, vs, 'vmnic0', false);
    expect(() => setUplinkNic(host, vs, 'vmnic1', false)).toThrow('virtual switch vSwitch0 needs at least one uplink NIC');
  });

  it('takes the host’s free NICs as own uplinks under the first policy that fits, and says when none fits', () => {
    const lab = emptyLab();
    placeItem(lab, 'generic-host', { x: 0, y: 0 }, { ports: 24 });
    const host = lab.hosts[0];
    host.virtualSwitches.push({ name: 'vSwitch1', type: 'external', shareWithManagementOs: false });
    expect(() => teamOwnUplinks(host, host.virtualSwitches[0], undefined, 'Hyper-V')).toThrow("no Hyper-V teaming policy is in the catalogue or the lab's driver profiles");
    teamOwnUplinks(host, host.virtualSwitches[0], 'set-dynamic', 'Hyper-V');
    expect(host.virtualSwitches[0]).toMatchObject({ uplink: { nics: ['NIC1', 'NIC2'] }, teaming: { driverProfile: 'set-dynamic', notifySwitches: true, failback: true } });
    expect(() => teamOwnUplinks(host, host.virtualSwitches[0], 'set-dynamic', 'Hyper-V')).toThrow(EditRefused);
  });
});

describe('teaming choices', () => {
  const profiles = [...DRIVER_CATALOGUE, policy('esxi-ip-hash-custom')];

  it('offers a vSwitch only the policies of its host’s hypervisor, and keeps them out of a NIC team’s drivers', () => {
    expect(switchPoliciesFor('esxi', profiles).map((p) => p.id)).toEqual(['esxi-originating-port', 'esxi-source-mac-hash', 'esxi-ip-hash', 'esxi-explicit-failover', 'esxi-ip-hash-custom']);
    expect(switchPoliciesFor('hyper-v', profiles).map((p) => p.id)).toEqual(['set-hyper-v-port', 'set-dynamic']);
    expect(switchPoliciesFor('linux-kvm', profiles).map((p) => p.id)).toContain('linux-bonding-active-backup');
    expect(teamProfiles(profiles).map((p) => p.id)).not.toContain('esxi-ip-hash');
    expect(teamProfiles(profiles).map((p) => p.id)).toContain('broadcom-basp-2009-12-15');
  });

  it('offers an ARP-proxy or active/standby driver only active/standby, a load-balancing one every mode, and a record’s own list first', () => {
    expect(modesFor(profile('broadcom-basp-2009-12-15'))).toEqual(['active-passive']);
    expect(modesFor(profile('intel-ans-aft'))).toEqual(['active-passive']);
    expect(modesFor(profile('windows-lbfo-dynamic'))).toContain('lacp');
    const declared = { ...profile('windows-lbfo-dynamic'), teamModes: ['active-passive', 'switch-independent'] } as DriverProfile;
    expect(modesFor(declared)).toEqual(['active-passive', 'switch-independent']);
  });

  it('still shows a team’s current mode the profile does not support, saying so', () => {
    const options = modeOptions(profile('broadcom-basp-2009-12-15'), 'lacp');
    expect(options.map((o) => o.value)).toEqual(['active-passive', 'lacp']);
    expect(options[1].label).toBe('LACP (802.3ad) (not supported by Broadcom BASP, BACS driver 2009-12-15)');
  });

  it('explains a hypervisor change and names each switch whose policy belongs to another hypervisor', () => {
    const lab = emptyLab();
    placeItem(lab, 'hyperv-set', { x: 0, y: 0 }, { ports: 24 });
    placeItem(lab, 'linux-kvm', { x: 0, y: 0 }, { ports: 24 });
    lab.hosts[0].hypervisor = 'esxi';
    lab.hosts[1].hypervisor = 'esxi';
    const notes = hypervisorChangeNotes(lab, 0, 'hyper-v');
    expect(notes[0]).toMatch(/^Host1 was Hyper-V and is now VMware ESXi/);
    expect(notes[1]).toBe('Virtual switch SETswitch teams its uplinks with set-hyper-v-port, which is not a VMware ESXi policy: pick one whose id starts with esxi-.');
    expect(hypervisorChangeNotes(lab, 1, 'linux-kvm')[1]).toBe(
      'Virtual switch br0 is bound to team bond0; a VMware ESXi switch teams its own uplinks: set its uplink to its own uplink NICs.',
    );
  });
});

describe('the lab’s own driver profiles', () => {
  it('clones a catalogue profile under an id that keeps its prefix, and names every user of a profile', () => {
    const lab = fieldReportLab();
    const i = cloneProfile(lab, profile('broadcom-basp-2009-12-15'), CATALOGUE_IDS);
    const j = cloneProfile(lab, profile('broadcom-basp-2009-12-15'), CATALOGUE_IDS);
    expect(lab.driverProfiles[i]).toMatchObject({ id: 'broadcom-basp-2009-12-15-custom', name: 'Broadcom BASP, BACS driver 2009-12-15 (lab copy)', vmTable: 'learn-once' });
    expect(lab.driverProfiles[j].id).toBe('broadcom-basp-2009-12-15-custom-1');
    expect(profileUsers(lab, 'broadcom-basp-2009-12-15')).toEqual(['team HostA/VM-Team', 'team HostB/VM-Team']);
  });

  it('renames a profile with its teams following, and refuses a catalogue id', () => {
    const lab = fieldReportLab();
    const i = cloneProfile(lab, profile('broadcom-basp-2009-12-15'), CATALOGUE_IDS);
    lab.hosts[1].teams[0].driverProfile = lab.driverProfiles[i].id;
    renameProfile(lab, i, 'basp-lab', CATALOGUE_IDS);
    expect(lab.hosts[1].teams[0].driverProfile).toBe('basp-lab');
    expect(() => renameProfile(lab, i, 'intel-ans-aft', CATALOGUE_IDS)).toThrow("intel-ans-aft is the id of a catalogue profile: the lab's own profile needs an id of its own");
  });

  it('deletes an unused profile and refuses a used one, naming the teams that use it', () => {
    const lab = fieldReportLab();
    const i = cloneProfile(lab, profile('intel-ans-aft'), CATALOGUE_IDS);
    lab.hosts[0].teams[0].driverProfile = lab.driverProfiles[i].id;
    expect(() => deleteProfile(lab, i)).toThrow('intel-ans-aft-custom is used by team HostA/VM-Team: give it another profile before deleting this one');
    lab.hosts[0].teams[0].driverProfile = 'intel-ans-aft';
    deleteProfile(lab, i);
    expect(lab.driverProfiles).toEqual([]);
  });

  it('names flag combinations that describe no driver', () => {
    expect(profileConcerns(profile('broadcom-basp-2009-12-15'))).toEqual([]);
    expect(profileConcerns({ ...profile('broadcom-basp-2009-12-15'), vmTable: 'none' })[0]).toMatch(/^ARP proxy is on but the VM table is none/);
    expect(profileConcerns({ ...profile('intel-ans-aft'), rewritesBridgedArp: true })[0]).toMatch(/^Rewriting bridged ARP needs receive load balancing/);
  });
});

describe('driver profiles as undoable edits of the open lab', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('lists a cloned profile beside the catalogue, refuses an out-of-range flag in the domain’s words, and undoes the clone', async () => {
    useApi(new FakeService());
    const lab = useLabStore();
    await lab.newLab({ kind: 'example', id: 'field-report' });
    expect(lab.profiles.map((p) => p.id)).toEqual(CATALOGUE_IDS);
    lab.edit('Clone', (d) => void cloneProfile(d, profile('intel-ans-aft'), lab.profileIds));
    expect(lab.profiles.at(-1)!.id).toBe('intel-ans-aft-custom');
    const refusal = lab.edit('Change detection', (d) => void (d.driverProfiles[0].failover.detectMs = 900_000), { strict: true, fieldPath: 'driverProfiles[0].failover.detectMs' });
    expect(refusal).toBe('must be at most 600000');
    lab.undo();
    expect(lab.profiles.map((p) => p.id)).toEqual(CATALOGUE_IDS);
  });

  it('says a team whose lab profile was deleted names a profile the lab no longer has', async () => {
    useApi(new FakeService());
    const lab = useLabStore();
    await lab.newLab({ kind: 'example', id: 'field-report' });
    lab.edit('Clone', (d) => void cloneProfile(d, profile('intel-ans-aft'), lab.profileIds));
    lab.edit('Use it', (d) => void (d.hosts[0].teams[0].driverProfile = 'intel-ans-aft-custom'), { strict: true });
    const refusal = lab.edit('Drop it', (d) => void d.driverProfiles.splice(0, 1), { strict: true });
    expect(refusal).toBe('team HostA/VM-Team: driver profile "intel-ans-aft-custom" is not in the catalogue');
  });
});

describe('port-channels of a physical switch', () => {
  it('adds an LACP port-channel over the first two cabled ports outside any channel, and drops the list with the last one', () => {
    const lab = fieldReportLab();
    addPortChannel(lab, 0);
    const pc = lab.switches[0].portChannels![0];
    const cabled = lab.cables.flatMap((c) => [c.a, c.b]).flatMap((e) => ('port' in e && e.switch === 'switch1' ? [e.port] : [])).sort((a, b) => a - b);
    expect(pc).toEqual({ ports: cabled.slice(0, 2), mode: 'lacp', hash: 'src-dst-ip' });
    expect(portChannelOf(lab, 0, cabled[0])).toBe(0);
    addPortChannel(lab, 0);
    expect(lab.switches[0].portChannels![1].ports).not.toContain(cabled[0]);
    removePortChannel(lab, 0, 0);
    removePortChannel(lab, 0, 0);
    expect(lab.switches[0].portChannels).toBeUndefined();
  });
});
