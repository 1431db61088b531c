import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src-main/cli/main.js';
import type { CliIo } from '../../../src-main/cli/io.js';

function captureIo(cwd = process.cwd(), isTty = false): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTty, cwd, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

describe('lab-planner matrix', () => {
  it('exits 1 on the field report lab and prints the grouped outcomes as a table', async () => {
    const io = captureIo();
    expect(await runCli(['matrix', 'examples/field-report.lab.json', '--threads', '1'], io)).toBe(1);
    expect(io.stdout).toMatch(/45 cases, 4 lose a VM, 37 keep every VM, 4 cut the client itself off/);
    expect(io.stdout).toMatch(/Outcome +VMs +Cases +Max down +What happens/);
    expect(io.stdout).toMatch(/LOST .*stale-team-vm-mac after migration to a host behind a Broadcom/);
    expect(io.stdout).toMatch(/Guest1: live-migrate to HostB, then restart: Guest1 \(stale-team-vm-mac, down \d+\.\d s\)/);
    expect(io.stderr).toBe('');
  });

  it('draws a progress bar on a terminal and clears it before the table', async () => {
    const tty = captureIo(process.cwd(), true);
    await runCli(['matrix', 'examples/field-report.lab.json', '--threads', '1'], tty);
    expect(tty.stderr).toMatch(/\r\[#{30}\] 45\/45 cases, 4 lose a VM/);
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(tty.stdout).toMatch(/^What-if matrix of/);
  });

  it('prints the whole matrix as JSON', async () => {
    const io = captureIo();
    await runCli(['matrix', 'examples/field-report.lab.json', '--json', '--threads', '1', '--depth', '2'], io);
    const out = JSON.parse(io.stdout);
    expect(out.format).toBe('lab-planner/matrix');
    expect(out.depth).toBe(2);
    expect(out.cells.length).toBe(out.results.length);
  });

  it('exits 0 when no case loses a VM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'matrix-'));
    const lab = JSON.parse(readFileSync('examples/field-report.lab.json', 'utf8'));
    // Intel teams with probes on: transparent, and a one-way cable is caught too.
    for (const host of lab.hosts) Object.assign(host.teams[0], { driverProfile: 'intel-ans-aft', monitoring: true });
    writeFileSync(join(dir, 'intel.lab.json'), JSON.stringify(lab));
    expect(await runCli(['matrix', 'intel.lab.json', '--threads', '1'], captureIo(dir))).toBe(0);
  });

  it('refuses a depth other than 1 or 2 and a thread count below 1', async () => {
    const io = captureIo();
    expect(await runCli(['matrix', 'examples/field-report.lab.json', '--depth', '3'], io)).toBe(2);
    expect(io.stderr).toMatch(/--depth is 1 \(single failures\) or 2 \(pairs\)/);
    expect(await runCli(['matrix', 'examples/field-report.lab.json', '--threads', '0'], captureIo())).toBe(2);
  });
});

describe('lab-planner matrix --queue and lab-planner worker', () => {
  it('refuse an address that is not Redis, and a Redis nobody answers at, in one sentence', async () => {
    const io = captureIo();
    expect(await runCli(['matrix', 'examples/field-report.lab.json', '--queue', 'http://127.0.0.1:6379'], io)).toBe(2);
    expect(io.stderr).toBe('lab-planner matrix: --queue speaks http, not redis: give a Redis address like redis://127.0.0.1:6379/0, not "http://127.0.0.1:6379"\n');
    const nobody = captureIo();
    expect(await runCli(['worker', '--queue', 'redis://127.0.0.1:1'], nobody)).toBe(2);
    expect(nobody.stderr).toMatch(/^lab-planner worker: cannot reach Redis at 127\.0\.0\.1:1: .*ECONNREFUSED/);
    const both = captureIo();
    expect(await runCli(['matrix', 'examples/field-report.lab.json', '--queue', 'redis://127.0.0.1:1', '--threads', '2'], both)).toBe(2);
    expect(both.stderr).toMatch(/give --threads or --queue, not both/);
  });
});
