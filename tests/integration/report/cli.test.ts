import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../src-main/cli/main.js';
import type { CliIo } from '../../../src-main/cli/io.js';

function captureIo(cwd: string): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTty: false, cwd, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

describe('lab-planner report', () => {
  it('writes one self-contained HTML file for the field report lab', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    const lab = resolve('examples/field-report.lab.json');
    const io = captureIo(dir);
    expect(await runCli(['report', lab, '-o', 'report.html', '--threads', '1'], io)).toBe(0);
    expect(io.stdout).toMatch(/Wrote .*report\.html \(\d+ KiB\): 5 design checks, 7 drills, 45 matrix cases/);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('migrate-then-restart');
    expect(html).not.toMatch(/<script/i);
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('asks where to write the report', async () => {
    const io = captureIo(process.cwd());
    expect(await runCli(['report', 'examples/field-report.lab.json'], io)).toBe(2);
    expect(io.stderr).toMatch(/say where to write the report with -o FILE\.html/);
  });
});
