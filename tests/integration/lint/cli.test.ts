import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src-main/cli/main.js';
import type { CliIo } from '../../../src-main/cli/io.js';

function captureIo(cwd = process.cwd()): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTty: false, cwd, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

describe('lab-planner lint', () => {
  it('exits 1 on the field report lab and names the learn-once risk', async () => {
    const io = captureIo();
    expect(await runCli(['lint', 'examples/field-report.lab.json'], io)).toBe(1);
    expect(io.stdout).toMatch(/^2 errors, 2 warnings, 1 note/);
    expect(io.stdout).toMatch(/ERROR {3}learn-once-team-dynamic-macs/);
  });

  it('prints machine-readable checks with --json', async () => {
    const io = captureIo();
    await runCli(['lint', 'examples/field-report.lab.json', '--json'], io);
    const out = JSON.parse(io.stdout);
    expect(out.format).toBe('lab-planner/design-checks');
    expect(out.checks[0].code).toBe('learn-once-team-dynamic-macs');
  });

  it('exits 0 when the design has only warnings and notes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-'));
    const lab = JSON.parse((await import('node:fs')).readFileSync('examples/field-report.lab.json', 'utf8'));
    lab.vms[0].macMode = 'static';
    lab.vms[0].staticMac = '00-15-5D-00-20-01';
    writeFileSync(join(dir, 'static.lab.json'), JSON.stringify(lab));
    const io = captureIo(dir);
    expect(await runCli(['lint', 'static.lab.json'], io)).toBe(0);
  });

  it('exits 2 with the problems for a broken document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-'));
    writeFileSync(join(dir, 'bad.lab.json'), JSON.stringify({ vms: [{ name: 'Guest1', ip: 'nope', host: 'HostA' }] }));
    const io = captureIo(dir);
    expect(await runCli(['lint', 'bad.lab.json'], io)).toBe(2);
    expect(io.stderr).toMatch(/vms\[0\]\.ip: is not an IPv4 address/);
  });
});
