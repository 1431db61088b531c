// The `lab-planner drill` and `bench` commands as an engineer runs them: output, JSON, exit codes.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drillReportSchema } from '../../../shared/drill.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/lab-planner.js'), ...args], { cwd: root, encoding: 'utf8' });

describe('lab-planner drill', () => {
  it('runs every drill of the field report, prints the diagnosis and exits 1 because some fail', () => {
    const run = cli('drill', 'examples/field-report.lab.json');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Drill migrate-then-restart: FAILED');
    expect(run.stdout).toContain('Drill live-migrate: PASSED');
    expect(run.stdout).toMatch(/Where it dies \(stale-team-vm-mac\): team VM-Team on HostB rewrote 1\.1\.1\.1's frames to 00-15-5D-01-0A-00/);
    expect(run.stdout).toContain('Remedies:');
    expect(run.stdout).toContain('3 of 7 drills failed');
  });

  it('reads the restarts the drill asks for as off (planned), and counts the loss from when the VM should have answered again', () => {
    const run = cli('drill', 'examples/field-report.lab.json', '--drill', 'migrate-then-restart', '--drill', 'static-macs-survive');
    expect(run.stdout).toMatch(/2 +10:00:25\.300 +restart Guest1 +off \(planned\) 30\.0 s \+ 59\.3 s down/);
    expect(run.stdout).toContain('Guest1: FAIL, unreachable since 10:00:55.300, when it should have answered again after its restart at 10:00:25.300');
    expect(run.stdout).toMatch(/4 +10:01:25\.300 +restart Guest2 +off \(planned\) 30\.0 s\n/);
    expect(run.stdout).toContain('Guest2: pass, reachable at the end (1 ping lost along the way); off (planned) 70.0 s');
  });

  it("prints the switches' log under the drill: the violation and the err-disable at the time the switch wrote them", () => {
    const run = cli('drill', 'examples/port-security-live-migration.lab.json', '--drill', 'live-migrate');
    expect(run.stdout).toContain('  Switch log:');
    expect(run.stdout).toMatch(/\n {4}10:00:\d\d\.\d{3} switch1: %PORT_SECURITY-2-PSECURE_VIOLATION: Security violation occurred, caused by MAC address 0015\.5d01\.0a00 on port switch1\/port2/);
    expect(run.stdout).toMatch(/\n {4}10:00:\d\d\.\d{3} switch1: %PM-4-ERR_DISABLE: psecure-violation error detected on switch1\/port2/);
    const json = drillReportSchema.parse(JSON.parse(cli('drill', 'examples/port-security-live-migration.lab.json', '--drill', 'live-migrate', '--json').stdout));
    expect(json.drills[0].switchLog.map((l) => l.switch)).toContain('switch2');
    expect(cli('drill', 'examples/field-report.lab.json', '--drill', 'live-migrate').stdout).not.toContain('Switch log:');
  });

  it('writes every capture point of the drill into one pcapng file with --pcapng', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcapng-cli-'));
    const file = join(dir, 'all.pcapng');
    const run = cli('drill', 'examples/field-report.lab.json', '--drill', 'live-migrate', '--pcapng', file, '--capture', 'HostB/NIC3', '--capture', 'Client1');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`captures written: ${file}`);
    const bytes = readFileSync(file);
    expect(bytes.readUInt32LE(0)).toBe(0x0a0d0d0a);
    expect(bytes.includes(Buffer.from('HostB/NIC3'))).toBe(true);
    expect(bytes.includes(Buffer.from('Client1'))).toBe(true);
    expect(cli('drill', 'examples/field-report.lab.json', '--pcapng', file, '--pcap', dir).stderr).toContain('give --pcap DIR or --pcapng FILE, not both');
  });

  it('exits 0 when the drills it was asked for pass', () => {
    const run = cli('drill', 'examples/field-report.lab.json', '--drill', 'live-migrate', '--drill', 'active-nic-failover');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('All 2 drills passed');
  });

  it('prints results as typed in shared/drill.ts with --json', () => {
    const run = cli('drill', 'examples/field-report.lab.json', '--drill', 'migrate-then-restart', '--json', '--seed', '3');
    expect(run.status).toBe(1);
    const report = drillReportSchema.parse(JSON.parse(run.stdout));
    expect(report.seed).toBe(3);
    const [d] = report.drills;
    expect(d.name).toBe('migrate-then-restart');
    expect(d.passed).toBe(false);
    expect(d.vms[0]).toMatchObject({ name: 'Guest1', reachableAtEnd: false });
    expect(d.vms[0].diagnosis?.code).toBe('stale-team-vm-mac');
    expect(d.steps[1].snapshot.clients[0].arp['1.1.1.1']).toBe('00-24-E8-0B-00-03');
    expect(d.vms[0]).toMatchObject({ plannedDowntimeMs: 30_000, unreachableSinceMs: 55_300 });
    expect(d.vms[0].verdict).toMatch(/^unreachable since 10:00:55\.300, when it should have answered again after its restart/);
    expect(d.changes.length).toBeGreaterThan(0);
  });

  it('refuses bad input with the problems on stderr, exit 2 and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-planner-cli-'));
    const bad = join(dir, 'bad.lab.json');
    writeFileSync(bad, JSON.stringify({ hosts: [{ name: 'HostA', managementIp: '10.0.0.300' }] }));
    const run = cli('drill', bad);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('hosts[0].managementIp');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const missing = cli('drill', join(dir, 'nowhere.lab.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nowhere.lab.json');
    expect(cli('drill', 'examples/field-report.lab.json', '--seed', 'x').status).toBe(2);
    expect(cli('drill', 'examples/field-report.lab.json', '--drill', 'nope').stderr).toContain('no drill named "nope"');
    expect(cli('drill', 'examples/field-report.lab.json', '--frobnicate').status).toBe(2);
  });
});

describe('lab-planner drill --pcap', () => {
  it('writes one classic pcap per drill and capture point, and the same report as without', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-planner-pcap-'));
    const run = cli('drill', 'examples/field-report.lab.json', '--drill', 'migrate-then-restart', '--json', '--pcap', dir, '--capture', 'HostB/NIC3', '--capture', 'Client1');
    expect(run.status).toBe(1);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['migrate-then-restart--Client1.pcap', 'migrate-then-restart--HostB-NIC3.pcap']);
    const bytes = readFileSync(join(dir, files[1]));
    expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
    expect(bytes.readUInt32LE(20)).toBe(1);
    const plain = cli('drill', 'examples/field-report.lab.json', '--drill', 'migrate-then-restart', '--json');
    expect(run.stdout).toBe(plain.stdout);
    expect(cli('drill', 'examples/field-report.lab.json', '--pcap', dir, '--capture', 'HostC/NIC9').status).toBe(2);
  });
});

describe('lab-planner bench fabric', () => {
  it('prints one JSON line with the ns-3 peer’s fields and answers every ping', () => {
    const run = cli('bench', 'fabric', '--hosts', '4', '--vms', '4', '--seconds', '5');
    expect(run.status).toBe(0);
    const line = JSON.parse(run.stdout.trim());
    expect(line).toMatchObject({ hosts: 4, vmsPerHost: 4, simSeconds: 5, pingsSent: 80, replies: 80 });
    expect(line.wallSeconds).toBeGreaterThan(0);
    expect(line.simSecondsPerWallSecond).toBeGreaterThan(0);
  });

  it('answers every ping with VLAN 20 on every port (tagged VM ports, trunks to the hosts)', () => {
    const run = cli('bench', 'fabric', '--hosts', '4', '--vms', '4', '--seconds', '5', '--vlan', '20');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toMatchObject({ vlan: 20, pingsSent: 80, replies: 80 });
    expect(cli('bench', 'fabric', '--vlan', '5000').stderr).toMatch(/--vlan takes a whole number from 1 to 4094/);
  });

  it('with --teams runs the fabric on two-member Hyper-V Port teams and still answers every ping', () => {
    const run = cli('bench', 'fabric', '--hosts', '4', '--vms', '4', '--seconds', '5', '--teams');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toMatchObject({ hosts: 4, vmsPerHost: 4, teams: true, pingsSent: 80, replies: 80 });
  });
});
