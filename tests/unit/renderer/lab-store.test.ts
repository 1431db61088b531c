import { describe, it, expect, beforeEach, vi } from 'vitest';
import { labSchema } from '../../../shared/lab.js';
import { createPinia, setActivePinia } from 'pinia';
import { useLabStore } from '../../../src-renderer/stores/lab.js';
import { useApi } from '../../../src-renderer/api/client.js';
import { setMacMode, addTeam, connectCable, removeElements, addHost } from '../../../src-renderer/stores/edits.js';
import { renameHost } from '../../../src-renderer/stores/renames.js';
import { setAt } from '../../../src-renderer/stores/ops.js';
import { FakeService, fieldReportLab } from './fake-api.js';
import { problemsOf } from '../../../src-renderer/stores/problems.js';

async function openedExample() {
  const service = new FakeService();
  useApi(service);
  setActivePinia(createPinia());
  const lab = useLabStore();
  await lab.newLab({ kind: 'example', id: 'field-report' });
  return { lab, service };
}

const field = (path: (string | number)[], value: unknown) => (d: object) => setAt(d, path, value);

describe('the lab document in the window', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('undoes every edit back to the opened lab and redoes them to the last one, in step with the service', async () => {
    const { lab, service } = await openedExample();
    const opened = JSON.stringify(lab.doc);
    lab.edit('Change VM IP', field(['vms', 1, 'ip'], '1.1.1.20'), { strict: true });
    lab.edit('Static MAC for Guest1', (d) => setMacMode(d, 0, 'static'), { strict: true });
    lab.edit('Rename host', (d) => renameHost(d, 1, 'HostC'), { strict: true });
    lab.edit('Add a host', (d) => void addHost(d, 'r710-intel', { x: 10, y: 20 }));
    const edited = JSON.stringify(lab.doc);
    expect(lab.undoStack.map((c) => c.label)).toEqual(['Change VM IP', 'Static MAC for Guest1', 'Rename host', 'Add a host']);

    while (lab.canUndo) lab.undo();
    await lab.settled();
    expect(JSON.stringify(lab.doc)).toBe(opened);
    expect(JSON.stringify(service.document)).toBe(opened);

    while (lab.canRedo) lab.redo();
    await lab.settled();
    expect(JSON.stringify(lab.doc)).toBe(edited);
    expect(JSON.stringify(service.document)).toBe(edited);
  });

  it('keeps a renamed host\u2019s VMs, cables, drills and position pointing at it', async () => {
    const { lab } = await openedExample();
    lab.edit('Rename host', (d) => renameHost(d, 1, 'HostC'), { strict: true });
    const doc = lab.doc!;
    expect(doc.cables.filter((c) => 'host' in c.a && c.a.host === 'HostC')).toHaveLength(2);
    expect(doc.drills.find((d) => d.name === 'live-migrate')!.steps[0]).toEqual({ action: 'live-migrate', vm: 'Guest1', to: 'HostC' });
    expect(lab.problems).toEqual([]);
  });

  it('refuses an IP that is not an address, next to the field, and the document stays as it was', async () => {
    const { lab } = await openedExample();
    const before = lab.doc;
    const refusal = lab.edit('Change VM IP', field(['vms', 0, 'ip'], '1.1.1'), { strict: true, fieldPath: 'vms[0].ip' });
    expect(refusal).toBe('Guest1: "1.1.1" is not an IPv4 address like 10.0.1.10');
    expect(lab.doc).toBe(before);
    expect(lab.canUndo).toBe(false);
  });

  it('refuses a MAC that is not a MAC, a duplicate IP and a duplicate name', async () => {
    const { lab } = await openedExample();
    expect(lab.edit('MAC', field(['clients', 0, 'mac'], '00-1C-23'), { strict: true, fieldPath: 'clients[0].mac' })).toMatch(/^Client1: "00-1C-23" is not a MAC address/);
    expect(lab.edit('IP', field(['vms', 1, 'ip'], '1.1.1.100'), { strict: true, fieldPath: 'vms[1].ip' })).toBe('Guest2: IP 1.1.1.100 is already used by client Client1');
    expect(lab.edit('Name', field(['vms', 1, 'name'], 'Guest1'), { strict: true, fieldPath: 'vms[1].name' })).toBe('Guest2: VM name "Guest1" is already used by VM Guest1');
    expect(lab.canUndo).toBe(false);
  });

  it('refuses a team member that already serves another team, and a driver profile not in the catalogue', async () => {
    const { lab } = await openedExample();
    lab.edit('Add a team', (d) => addTeam(d.hosts[0], 'intel-ans-aft'));
    const team = lab.doc!.hosts[0].teams[1];
    expect(team.members).toEqual(['NIC1', 'NIC2']);
    expect(lab.edit('Members', field(['hosts', 0, 'teams', 1, 'members'], ['NIC1', 'NIC3']), { strict: true })).toMatch(/NIC "NIC3" is already a member of team "VM-Team"/);
    expect(lab.edit('Members', field(['hosts', 0, 'teams', 1, 'members'], ['NIC1', 'NIC9']), { strict: true })).toMatch(/NIC "NIC9" is not on host "HostA"/);
    expect(lab.edit('Profile', field(['hosts', 0, 'teams', 1, 'driverProfile'], 'acme-teaming'), { strict: true })).toMatch(/not in the catalogue/);
  });

  it('gives a VM switched to a static MAC a free MAC outside every host\u2019s dynamic pool', async () => {
    const { lab } = await openedExample();
    expect(lab.edit('Static', (d) => setMacMode(d, 0, 'static'), { strict: true })).toBeNull();
    expect(lab.doc!.vms[0]).toMatchObject({ macMode: 'static', staticMac: '00-15-5D-00-20-00' });
  });

  it('refuses a second cable on a plugged NIC and a cable that reaches no switch port', async () => {
    const { lab } = await openedExample();
    expect(lab.edit('Cable', (d) => connectCable(d, { host: 'HostA', nic: 'NIC3' }, { switch: 'switch1', port: 5 }))).toBe('HostA/NIC3 already has a cable');
    expect(lab.edit('Cable', (d) => connectCable(d, { host: 'HostA', nic: 'NIC1' }, { client: 'Client1' }))).toMatch(/a cable runs to a switch port/);
  });

  it('deletes a host with its VMs and cables, and undo brings all of them back', async () => {
    const { lab } = await openedExample();
    lab.edit('Delete', (d) => removeElements(d, ['host:HostA']));
    expect(lab.doc!.vms).toEqual([]);
    expect(lab.doc!.cables).toHaveLength(4);
    lab.undo();
    expect(lab.doc!.vms.map((v) => v.name)).toEqual(['Guest1', 'Guest2']);
    expect(lab.doc!.cables).toHaveLength(6);
  });

  it('checks a document the service sent for its cross-references only, and an edited one in full', async () => {
    // The service sends the lab as it read it: HostA without its virtual switch is a valid document whose VMs
    // are left on a host with nowhere to plug in.
    const service = new FakeService();
    useApi(service);
    setActivePinia(createPinia());
    const lab = useLabStore();
    await lab.newLab({ kind: 'example', id: 'field-report' });
    const broken = fieldReportLab();
    broken.hosts[0].virtualSwitches = [];
    const parse = vi.spyOn(labSchema, 'safeParse');
    expect(lab.problems).toEqual([]);
    service.onDisk = broken;
    await lab.reload();
    expect(lab.problems.map((p) => p.path)).toContain('vms[0].virtualSwitch');
    expect(parse).not.toHaveBeenCalled();
    // The same problems as the full check finds.
    expect(lab.problems).toEqual(problemsOf(lab.doc, lab.profileIds).problems);
    parse.mockClear();
    // A change made here is checked against the schema, once, by the edit itself.
    lab.edit('Change VM IP', field(['vms', 1, 'ip'], '1.1.1.21'));
    expect(lab.doc!.vms[1].ip).toBe('1.1.1.21');
    expect(lab.problems.map((p) => p.path)).toContain('vms[0].virtualSwitch');
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
  });

  it('lists the document\u2019s problems, such as a VM left on a host without a virtual switch', async () => {
    const { lab } = await openedExample();
    lab.edit('Delete', (d) => removeElements(d, ['vswitch:HostA/VM-Switch']));
    expect(lab.problems.map((p) => p.path)).toContain('vms[0].host');
  });
});
