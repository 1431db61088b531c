import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDrillsWithPcap, parseCapturePoint, captureFileName } from '../../../src-main/cli/pcap-output.js';
import { runDrills } from '../../../src-main/core/drills/runner.js';
import { labFrom, fieldReportInput } from '../../unit/lint/lab-fixtures.js';

const lab = labFrom(fieldReportInput());

interface Packet {
  atSec: number;
  ethDst: string;
  ethType: number;
  ipDst: string;
  icmpType: number;
}

/** Reads our own little-endian classic pcap files: enough to check what a capture shows. */
function readPcap(bytes: Buffer): Packet[] {
  expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
  expect(bytes.readUInt32LE(20)).toBe(1);
  const packets: Packet[] = [];
  for (let at = 24; at < bytes.length; ) {
    const length = bytes.readUInt32LE(at + 8);
    const frame = bytes.subarray(at + 16, at + 16 + length);
    const ethType = frame.readUInt16BE(12);
    packets.push({
      atSec: bytes.readUInt32LE(at) + bytes.readUInt32LE(at + 4) / 1e6,
      ethDst: [...frame.subarray(0, 6)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('-'),
      ethType,
      ipDst: ethType === 0x0800 ? [...frame.subarray(30, 34)].join('.') : '',
      icmpType: ethType === 0x0800 ? frame[34] : -1,
    });
    at += 16 + length;
  }
  return packets;
}

describe('drill captures written as pcap files', () => {
  it('shows, at team B’s active NIC, echo requests for 1.1.1.1 arriving for team B’s MAC and leaving for Guest1’s old MAC', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcap-drill-'));
    const { report, files } = await runDrillsWithPcap(lab, { drills: ['migrate-then-restart'], dir: 'captures', points: ['HostB/NIC3'] }, { cwd: dir });
    expect(files).toEqual([join(dir, 'captures', 'migrate-then-restart--HostB-NIC3.pcap')]);
    expect(report.drills[0].passed).toBe(false);

    const drill = report.drills[0];
    const oldMac = drill.baseline.vms.find((v) => v.name === 'Guest1')!.mac!;
    const newMac = drill.steps[1].snapshot.vms.find((v) => v.name === 'Guest1')!.mac!;
    const teamB = drill.baseline.teams.find((t) => t.host === 'HostB')!.teamMac;
    expect(teamB).toBe('00-24-E8-0B-00-03');
    expect(newMac).not.toBe(oldMac);

    const restartEndSec = 36_000 + drill.steps[1].atMs / 1000 + 40; // 10:00:00 plus the step, plus boot and announcements
    const echoes = readPcap(readFileSync(files[0])).filter((p) => p.icmpType === 8 && p.ipDst === '1.1.1.1' && p.atSec > restartEndSec);
    expect(echoes.some((p) => p.ethDst === teamB)).toBe(true);
    expect(echoes.some((p) => p.ethDst === oldMac)).toBe(true);
    expect(echoes.some((p) => p.ethDst === newMac)).toBe(false);
  });

  it('writes one file per drill and capture point, at every cabled NIC and client by default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcap-drill-'));
    await runDrillsWithPcap(lab, { drills: ['live-migrate', 'migrate-then-restart'], dir }, { cwd: dir });
    const names = readdirSync(dir).sort();
    expect(names).toHaveLength(2 * 5);
    expect(names).toContain('live-migrate--Client1.pcap');
    expect(names).toContain('migrate-then-restart--HostA-NIC4.pcap');
    expect(names.some((n) => n.endsWith('.partial'))).toBe(false);
  });

  it('reports the drills exactly as without captures: a capture only watches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcap-drill-'));
    const names = lab.drills.map((d) => d.name);
    const { report } = await runDrillsWithPcap(lab, { drills: names, dir }, { cwd: dir });
    expect(report).toEqual(runDrills(lab, { drills: names }));
  });

  it('reads capture points the way engineers write them and refuses unknown ones', () => {
    expect(parseCapturePoint(lab, 'HostB/NIC3')).toEqual({ host: 'HostB', nic: 'NIC3' });
    expect(parseCapturePoint(lab, 'switch1/port24')).toEqual({ switch: 'switch1', port: 24 });
    expect(parseCapturePoint(lab, 'Client1')).toEqual({ client: 'Client1' });
    expect(parseCapturePoint(lab, 'Guest1')).toEqual({ vm: 'Guest1' });
    expect(captureFileName('a drill/with spaces', { vm: 'Guest1' })).toBe('a_drill_with_spaces--Guest1-vport.pcap');
    expect(() => parseCapturePoint(lab, 'HostC/NIC9')).toThrow(/"HostC\/NIC9" is no capture point of this lab/);
  });

  it.skipIf(spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status !== 0)(
    'is decoded by tshark as ARP and ICMP with good checksums (skipped without tshark)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pcap-drill-'));
      const { files } = await runDrillsWithPcap(lab, { drills: ['migrate-then-restart'], dir, points: ['HostB/NIC3'] }, { cwd: dir });
      const out = execFileSync('tshark', ['-r', files[0], '-o', 'ip.check_checksum:TRUE', '-T', 'fields', '-e', '_ws.col.Protocol', '-e', 'ip.checksum.status', '-e', 'icmp.checksum.status'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        env: { ...process.env, HOME: dir },
      });
      const rows = out.trim().split('\n').map((l) => l.split('\t'));
      expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['ARP', 'ICMP']));
      expect(rows.filter((r) => r[0] === 'ICMP').every((r) => r[1] === '1' && r[2] === '1')).toBe(true);
    },
  );
});
