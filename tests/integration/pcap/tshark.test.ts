// Decodes written captures with tshark when it is installed (apt-get install tshark); skips otherwise.
import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { framesToPcap, clockStartSeconds } from '../../../src-main/core/net/pcap.js';
import { arpRequest, arpReplyFromTeam, echoRequest, TEAM_B_MAC, GUEST1_OLD_MAC } from '../../unit/pcap/sample-frames.js';
import { runDrillsWithPcap } from '../../../src-main/cli/pcap-output.js';
import { example } from '../../unit/core/helpers.js';

/** Wireshark's checksum status values: 0 bad, 1 good, 2 unverified. */
const GOOD = '1';
const tsharkPresent = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
if (!tsharkPresent) console.warn('tshark is not installed (apt-get install tshark): skipping the decode-with-Wireshark test');

describe.skipIf(!tsharkPresent)('captures opened by tshark', () => {
  it('decodes ARP and ICMP echo with good IPv4 and ICMP checksums at simulation times', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcap-'));
    const file = join(dir, 'team-b.pcap');
    writeFileSync(
      file,
      framesToPcap(
        [
          { atMs: 5000, frame: arpRequest },
          { atMs: 5000.01, frame: arpReplyFromTeam },
          { atMs: 5001, frame: echoRequest(TEAM_B_MAC) },
          { atMs: 5001.005, frame: echoRequest(GUEST1_OLD_MAC) },
        ],
        { startSec: clockStartSeconds('10:00:00') },
      ),
    );
    const fields = ['frame.time_epoch', 'eth.dst', 'arp.opcode', 'arp.src.hw_mac', 'icmp.type', 'icmp.checksum.status', 'ip.checksum.status', 'ip.dst'];
    const out = execFileSync(
      'tshark',
      ['-r', file, '-o', 'ip.check_checksum:TRUE', '-T', 'fields', '-E', 'separator=|', ...fields.flatMap((f) => ['-e', f])],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, HOME: dir } },
    );
    const rows = out.trim().split('\n').map((line) => Object.fromEntries(line.split('|').map((v, i) => [fields[i], v])));
    expect(rows).toHaveLength(4);
    expect(Number(rows[0]['frame.time_epoch'])).toBeCloseTo(36_005, 3);
    expect(rows[0]).toMatchObject({ 'eth.dst': 'ff:ff:ff:ff:ff:ff', 'arp.opcode': '1' });
    expect(rows[1]).toMatchObject({ 'arp.opcode': '2', 'arp.src.hw_mac': '00:24:e8:0b:00:03' });
    expect(rows[2]).toMatchObject({ 'eth.dst': '00:24:e8:0b:00:03', 'icmp.type': '8', 'icmp.checksum.status': GOOD, 'ip.checksum.status': GOOD, 'ip.dst': '1.1.1.1' });
    expect(rows[3]).toMatchObject({ 'eth.dst': '00:15:5d:01:0a:03', 'icmp.type': '8', 'icmp.checksum.status': GOOD });
  });

  it('shows the 802.1Q VLAN ID of the frames on a trunk: VLAN 20 at HostA/NIC3 of the VLAN example', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcap-vlan-'));
    const { files } = await runDrillsWithPcap(example('vlan-standby-mismatch'), { drills: ['live-migrate'], dir: '.', points: ['HostA/NIC3'] }, { cwd: dir });
    const out = execFileSync('tshark', ['-r', files[0], '-T', 'fields', '-E', 'separator=|', '-e', 'vlan.id', '-e', 'eth.type', '-e', 'icmp.type'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, HOME: dir },
    });
    const rows = out.trim().split('\n').map((line) => line.split('|'));
    const echoes = rows.filter(([, , icmp]) => icmp === '8' || icmp === '0');
    expect(echoes.length).toBeGreaterThan(0);
    expect(new Set(echoes.map(([vlan]) => vlan))).toEqual(new Set(['20']));
    expect(rows.every(([vlan, type]) => vlan === '20' && type.includes('0x8100'))).toBe(true);
  });
});
