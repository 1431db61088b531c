import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createLabFile, exportLabJson, openLabFile, saveLabFile, LAB_APPLICATION_ID, CURRENT_SCHEMA_VERSION } from '../../../src-main/store/index.js';
import { fieldReportLab } from '../../fixtures/store/samples.js';
import { goodFile, tempDir, valid } from './helpers.js';

describe('a saved lab file', () => {
  it('opens with every value of the document it was saved from', () => {
    const { path, lab } = goodFile();
    const opened = openLabFile(path);
    expect(exportLabJson(opened.lab)).toBe(exportLabJson(lab));
    expect(opened.lab).toEqual(lab);
  });

  it('keeps the field report example exactly', () => {
    const dir = tempDir();
    const lab = valid(fieldReportLab());
    createLabFile(join(dir, 'field.lab'), lab);
    expect(openLabFile(join(dir, 'field.lab')).lab).toEqual(lab);
  });

  it('keeps VLAN and port-security settings: switch port settings, MAC-flap detection, VM port VLAN IDs, a team VLAN and a client VLAN', () => {
    const dir = tempDir();
    const input = JSON.parse(readFileSync(new URL('../../../examples/vlan-standby-mismatch.lab.json', import.meta.url), 'utf8'));
    input.clients[0].vlan = 20;
    input.hosts[1].teams[0].vlan = 30;
    input.hosts[0].teams[0].vlanInterface = 20;
    input.switches[0].macFlap = { moves: 4, withinSec: 15, action: 'err-disable', recoverySec: 300 };
    Object.assign(input.switches[1], { stp: '802.1d', forwardDelaySec: 10 });
    input.switches[1].portSettings[0].portfast = true;
    input.switches[0].portSettings[1].portSecurity = { maxMacs: 3, sticky: true, violation: 'restrict' };
    const lab = valid(input);
    createLabFile(join(dir, 'vlans.lab'), lab);
    const opened = openLabFile(join(dir, 'vlans.lab')).lab;
    expect(opened).toEqual(lab);
    expect(opened.switches[1].portSettings[0]).toEqual({ ports: [1, 2], mode: 'trunk', vlan: 1, allowedVlans: [1], nativeVlan: 1, portfast: true });
    expect(opened.vms.map((v) => v.vlan)).toEqual([20, 20]);
    expect(opened.switches[0].macFlap).toEqual({ moves: 4, withinSec: 15, action: 'err-disable', recoverySec: 300 });
    expect(opened.switches[1].macFlap).toBeUndefined();
    expect(opened.switches[1]).toMatchObject({ stp: '802.1d', forwardDelaySec: 10 });
    expect(opened.switches[0].stp).toBeUndefined();
  });

  it('keeps aggregation: port-channels with their mode and hash, a switch stack, teams in static and LACP mode', () => {
    const dir = tempDir();
    const input = JSON.parse(readFileSync(new URL('../../../examples/lacp-team-without-port-channel.lab.json', import.meta.url), 'utf8'));
    input.switches[0].stack = 'core-stack';
    input.hosts[2].teams[0].mode = 'static';
    const lab = valid(input);
    createLabFile(join(dir, 'lacp.lab'), lab);
    const opened = openLabFile(join(dir, 'lacp.lab')).lab;
    expect(opened).toEqual(lab);
    expect(opened.switches[0].portChannels).toEqual([
      { ports: [3, 4], mode: 'lacp', hash: 'src-dst-ip' },
      { ports: [5, 6], mode: 'static', hash: 'src-dst-ip' },
    ]);
    expect(opened.switches[0].stack).toBe('core-stack');
    expect(opened.hosts.map((h) => h.teams[0].mode)).toEqual(['lacp', 'lacp', 'static']);
  });

  it('keeps hypervisors, a switch teaming its own uplinks, the management OS VLAN and every flag of a lab driver profile', () => {
    const dir = tempDir();
    const input = JSON.parse(readFileSync(new URL('../../../examples/field-report.lab.json', import.meta.url), 'utf8'));
    const host = input.hosts[0];
    host.hypervisor = 'esxi';
    host.teams = [];
    host.virtualSwitches[0] = {
      name: 'vSwitch0',
      uplink: { nics: ['NIC3', 'NIC4'] },
      teaming: { driverProfile: 'windows-lbfo-hyperv-port', activeUplinks: ['NIC4'], standbyUplinks: ['NIC3'], notifySwitches: false, failback: false },
      shareWithManagementOs: true,
      managementOsVlan: 10,
    };
    for (const vm of input.vms) if (vm.host === host.name) vm.virtualSwitch = 'vSwitch0';
    input.hosts[1].hypervisor = 'linux-kvm';
    input.drills = [];
    input.driverProfiles = [{ ...structuredCloneProfile(), id: 'lab-rlb', loadBalancing: 'address-hash', receiveLoadBalancing: 'arp-rewrite', rewritesBridgedArp: true }];
    const lab = valid(input);
    createLabFile(join(dir, 'hv.lab'), lab);
    const opened = openLabFile(join(dir, 'hv.lab')).lab;
    expect(opened).toEqual(lab);
    expect(opened.hosts.map((h) => h.hypervisor)).toEqual(['esxi', 'linux-kvm']);
    expect(opened.hosts[0].virtualSwitches[0]).toMatchObject({ uplink: { nics: ['NIC3', 'NIC4'] }, managementOsVlan: 10, teaming: { notifySwitches: false, failback: false } });
    expect(opened.driverProfiles[0]).toMatchObject({ loadBalancing: 'address-hash', receiveLoadBalancing: 'arp-rewrite', rewritesBridgedArp: true });
  });

  it('exports a lab without aggregation as before: no port-channel or stack keys', () => {
    const dir = tempDir();
    const lab = valid(fieldReportLab());
    createLabFile(join(dir, 'field.lab'), lab);
    const exported = JSON.parse(exportLabJson(openLabFile(join(dir, 'field.lab')).lab));
    for (const sw of exported.switches) {
      expect(sw).not.toHaveProperty('portChannels');
      expect(sw).not.toHaveProperty('stack');
    }
  });

  it('keeps every kind of drill step: reboots, ARP clearing, monitoring, VLANs, moved, flapping and one-way cables', () => {
    const dir = tempDir();
    const input = fieldReportLab() as any;
    input.drills[0].steps = [
      { action: 'reboot-host', host: 'HostA' },
      { action: 'clear-arp', client: 'Client1' },
      { action: 'set-monitoring', host: 'HostA', team: 'VM-Team', on: true },
      { action: 'set-monitoring', host: 'HostA', team: 'VM-Team', on: false },
      { action: 'set-vlan', vm: 'Guest1', vlan: 20 },
      { action: 'set-vlan', vm: 'Guest1' },
      { action: 'move-cable', cable: { switch: 'switch1', port: 1 }, to: { switch: 'switch1', port: 5 } },
      { action: 'flap-link', cable: { host: 'HostA', nic: 'NIC4' }, times: 3, intervalSec: 2 },
      { action: 'flap-link', host: 'HostA', nic: 'NIC4', times: 1, intervalSec: 0.5 },
      { action: 'flap-link', switch: 'switch2', port: 1, times: 2, intervalSec: 1 },
      { action: 'fail-cable-one-way', cable: { host: 'HostA', nic: 'NIC4' }, direction: 'b-to-a' },
    ];
    input.settings = { ...input.settings, rebootDrain: 'shut-down', hostBootSec: 90 };
    const lab = valid(input);
    createLabFile(join(dir, 'steps.lab'), lab);
    const opened = openLabFile(join(dir, 'steps.lab')).lab;
    expect(opened.drills[0].steps).toEqual(lab.drills[0].steps);
    expect(opened.settings).toMatchObject({ rebootDrain: 'shut-down', hostBootSec: 90 });
  });

  it('stores names with HTML and script verbatim, as plain text', () => {
    const { path } = goodFile();
    const opened = openLabFile(path);
    expect(opened.lab.vms.map((v) => v.name)).toContain('<img src=x onerror=alert(1)>');
    expect(opened.meta.title).toBe('Rich lab <b>bold</b>');
    expect(opened.lab.meta.description).toContain('<script>alert(1)</script>');
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT host FROM vms WHERE name = '<img src=x onerror=alert(1)>'").pluck().get()).toBe('HostB');
    db.close();
  });

  it('is marked as a Lab Planner file of the current schema, in rollback-journal mode', () => {
    const { dir, path } = goodFile();
    const header = readFileSync(path);
    expect(header.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(header[18]).toBe(1); // legacy (rollback journal) write version, not WAL (2)
    expect(header[19]).toBe(1);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(LAB_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
    expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`) || existsSync(`${path}-journal`)).toBe(false);
    expect(existsSync(join(dir, 'good.lab'))).toBe(true);
  });

  it('holds the document in normalised tables a colleague can query with sqlite3', () => {
    const { path } = goodFile();
    const db = new Database(path, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining([
      'lab', 'settings', 'driver_profiles', 'hosts', 'nics', 'teams', 'team_members', 'virtual_switches', 'switches', 'clients',
      'vms', 'cables', 'drills', 'drill_vms', 'drill_expect_down', 'drill_steps', 'layout_positions', 'layout_viewport',
      'runs', 'run_drills', 'run_vms',
    ]));
    expect(db.prepare("SELECT name FROM vms WHERE host = 'HostA' AND mac_mode = 'static'").pluck().all()).toEqual(['Guest2']);
    expect(db.prepare("SELECT nic FROM team_members WHERE host = 'HostB' AND team = 'VM-Team' ORDER BY ordinal").pluck().all()).toEqual(['NIC3', 'NIC4']);
    expect(db.prepare("SELECT driver_profile FROM teams WHERE host = 'HostB'").pluck().get()).toBe('acme-team-1');
    expect(db.prepare("SELECT a_host || '/' || a_nic || '–' || b_switch || '/port' || b_port FROM cables WHERE a_nic = 'NIC4' AND a_host = 'HostB'").pluck().get()).toBe('HostB/NIC4–switch2/port2');
    expect(db.prepare("SELECT count(*) FROM drill_steps WHERE drill = 'everything'").pluck().get()).toBe(13);
    db.close();
  });

  it('counts revisions and keeps the creation time, recording who saved and with which version', () => {
    const { path } = goodFile();
    const first = openLabFile(path);
    expect(first.meta).toMatchObject({ revision: 1, created: '2026-03-01T08:00:00.000Z', modifiedBy: 'ana', appVersion: expect.any(String) });
    const saved = saveLabFile(path, first.lab, { expectedFingerprint: first.fingerprint, now: '2026-03-02T09:00:00.000Z', modifiedBy: 'ben', appVersion: '9.9.9' });
    expect(saved.revision).toBe(2);
    const second = openLabFile(path);
    expect(second.meta).toMatchObject({ revision: 2, created: '2026-03-01T08:00:00.000Z', modified: '2026-03-02T09:00:00.000Z', modifiedBy: 'ben', appVersion: '9.9.9' });
    expect(second.fingerprint).toBe(saved.fingerprint);
  });

  it('refuses to create over an existing file unless asked to replace it', () => {
    const { path, lab } = goodFile();
    expect(() => createLabFile(path, lab)).toThrow(expect.objectContaining({ reason: 'exists' }));
    expect(createLabFile(path, lab, { overwrite: true }).revision).toBe(1); // a new file, not a save of the old one
  });

  it('creates an empty lab when given no document', () => {
    const dir = tempDir();
    createLabFile(join(dir, 'empty.lab'));
    const opened = openLabFile(join(dir, 'empty.lab'));
    expect(opened.lab.hosts).toEqual([]);
    expect(opened.meta.title).toBe('Untitled lab');
  });
});

/** A complete driver-profile record, as an engineer's lab would carry one. */
function structuredCloneProfile() {
  return {
    id: 'x', name: 'Lab profile', vendor: 'Lab', teaming: 'load balancing', arpProxy: false, vmTable: 'none', teamMac: 'primary-nic',
    pinsVmsToMembers: false, loadBalancing: 'none', failover: { detectMs: 200, announce: 'vm-macs', gratuitousArpCount: 2 },
    failback: { auto: true, delayMs: 0 }, monitoring: { kind: 'none', enabledByDefault: false, intervalMs: 1000, retries: 3 },
    requiresSeparateSwitches: false, initMs: 0,
  };
}
