// tshark decodes the RARPs of ESXi's notify switches as RARP (when tshark is installed; skips otherwise).
import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { framesToPcap, clockStartSeconds } from '../../../src-main/core/net/pcap.js';
import { rarpFor } from '../../../src-main/core/net/frames.js';
import { macToNumber } from '../../../shared/addresses.js';

const tsharkPresent = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!tsharkPresent)('a RARP opened by tshark', () => {
  it('is a reverse request for the VM’s MAC from the VM’s MAC', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcap-rarp-'));
    const file = join(dir, 'rarp.pcap');
    const mac = macToNumber('00-50-56-00-10-01');
    writeFileSync(file, framesToPcap([{ atMs: 1000, frame: rarpFor(mac, undefined, 1) }], { startSec: clockStartSeconds('10:00:00') }));
    const fields = ['eth.type', 'eth.src', 'arp.opcode', 'arp.src.hw_mac', 'arp.dst.hw_mac', '_ws.col.Protocol'];
    const out = execFileSync('tshark', ['-r', file, '-T', 'fields', '-E', 'separator=|', ...fields.flatMap((f) => ['-e', f])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, HOME: dir },
    });
    const [row] = out.trim().split('\n').map((line) => Object.fromEntries(line.split('|').map((v, i) => [fields[i], v])));
    expect(row).toEqual({
      'eth.type': '0x8035',
      'eth.src': '00:50:56:00:10:01',
      'arp.opcode': '3',
      'arp.src.hw_mac': '00:50:56:00:10:01',
      'arp.dst.hw_mac': '00:50:56:00:10:01',
      '_ws.col.Protocol': 'RARP',
    });
  });
});
