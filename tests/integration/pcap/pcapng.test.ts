// One pcapng file with an interface per capture point: tshark names the point that saw each frame.
import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePcapng } from '../../../src-main/core/net/pcapng.js';
import { clockStartSeconds } from '../../../src-main/core/net/pcap.js';
import { runDrill, capturePointLabel } from '../../../src-main/core/drills/runner.js';
import { example } from '../../unit/core/helpers.js';

const tsharkPresent = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!tsharkPresent)('all captures of a drill in one pcapng file', () => {
  it('names the capture point of every frame, in time order, on the drill clock', () => {
    const lab = example('field-report');
    const points = [{ host: 'HostB', nic: 'NIC3' }, { client: 'Client1' }];
    const { captures } = runDrill(lab, lab.drills.find((d) => d.name === 'live-migrate')!, { captures: points });
    const dir = mkdtempSync(join(tmpdir(), 'pcapng-'));
    const file = join(dir, 'all.pcapng');
    writeFileSync(file, writePcapng(captures.map((c) => ({ name: c.point, packets: c.records.map((r) => ({ atMs: r.atUs / 1000, direction: r.direction, frame: r.frame })) })), { startSec: clockStartSeconds(lab.settings.clockStart) }));
    const out = execFileSync('tshark', ['-r', file, '-T', 'fields', '-E', 'separator=|', '-e', 'frame.interface_name', '-e', 'frame.time_epoch', '-e', 'eth.type'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, HOME: dir },
    });
    const rows = out.trim().split('\n').map((l) => l.split('|'));
    const total = captures.reduce((n, c) => n + c.records.length, 0);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(points.map(capturePointLabel)));
    for (const c of captures) expect(rows.filter((r) => r[0] === c.point)).toHaveLength(c.records.length);
    const times = rows.map((r) => Number(r[1]));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(36_000);
  });
});
