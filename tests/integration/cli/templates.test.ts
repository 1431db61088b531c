// `lab-planner templates` and `lab-planner new --template`: a new lab from an estate engineers know.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/lab-planner.js'), ...args], { cwd, encoding: 'utf8' });

describe('lab-planner templates and new --template', () => {
  it('lists the templates with their default size', () => {
    const run = cli(root, 'templates');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ {2}field-report-basp +Two R710s with Broadcom BASP \(the field report\) \(2 hosts, 2 VMs per host\)$/m);
    expect(run.stdout).toMatch(/^ {2}lbfo-hyperv-port-cluster +Four-node Server 2012 R2 LBFO cluster, Hyper-V Port \(4 hosts, 4 VMs per host\)$/m);
    expect(JSON.parse(cli(root, 'templates', '--json').stdout).templates).toHaveLength(6);
  });

  it('creates the field report from its template, whose drills fail as the report did', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-planner-template-'));
    expect(cli(dir, 'new', 'estate.lab', '--template', 'field-report-basp', '--hosts', '3', '--vms-per-host', '4').status).toBe(0);
    expect(cli(dir, 'info', 'estate.lab').stdout).toMatch(/3 hosts.*12 VMs/s);
    const drill = cli(dir, 'drill', 'estate.lab');
    expect(drill.status).toBe(1);
    expect(drill.stdout).toContain('3 of 7 drills failed: static-to-dynamic-restart, migrate-then-restart, migrate-back-after-restart');
  });

  it('refuses an unknown template, a bad size, or sizes without a template, writing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-planner-template-'));
    const unknown = cli(dir, 'new', 'x.lab', '--template', 'nope');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('there is no template "nope"');
    expect(cli(dir, 'new', 'x.lab', '--template', 'field-report-basp', '--hosts', 'two').stderr).toContain('--hosts takes a whole number, not "two"');
    expect(cli(dir, 'new', 'x.lab', '--template', 'field-report-basp', '--hosts', '100').stderr).toContain('takes 2 to 64 hosts, not 100');
    expect(cli(dir, 'new', 'x.lab', '--hosts', '3').stderr).toContain('--hosts and --vms-per-host size a template; name it with --template');
    expect(existsSync(join(dir, 'x.lab'))).toBe(false);
  });
});
