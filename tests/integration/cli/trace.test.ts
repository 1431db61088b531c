// `lab-planner trace` as an engineer runs it: one line per hop, the JSON event list, exit codes.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { traceSchema } from '../../../shared/trace.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/lab-planner.js'), ...args], { cwd: root, encoding: 'utf8' });
const FIELD_REPORT = 'examples/field-report.lab.json';

describe('lab-planner trace', () => {
  it('shows the echo request for 1.1.1.1 rewritten by HostB’s team to the old MAC and dropped at HostB/VM-Switch, and exits 1 as the drill fails', () => {
    const run = cli('trace', FIELD_REPORT, '--drill', 'migrate-then-restart', '--vm', 'Guest1', '--from', '60', '--to', '70');
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Trace of drill migrate-then-restart \(seed 1\), 60\.000 s to 70\.000 s, frames of Guest1: \d+ hops$/);
    const rewrite = lines.findIndex((l) => /team VM-Team on HostB\s+rewritten\s+ICMP echo request 1\.1\.1\.100 → 1\.1\.1\.1/.test(l));
    expect(rewrite).toBeGreaterThan(0);
    expect(lines[rewrite]).toContain('destination MAC 00-24-E8-0B-00-03 → 00-15-5D-01-0A-00, from its VM table entry learnt 10:00:15.300');
    expect(lines[rewrite + 1]).toMatch(/HostB\/VM-Switch\s+dropped\s+ICMP echo request 1\.1\.1\.100 → 1\.1\.1\.1 .*: the virtual switch has no port with the destination MAC$/);
    expect(lines.filter((l) => /^\s+\d+\.\d{6} s /.test(l)).every((l) => Number(l.trim().split(' ')[0]) >= 60 && Number(l.trim().split(' ')[0]) <= 70)).toBe(true);
  });

  it('prints the events as JSON with --json, the same for the same seed', () => {
    const args = ['trace', FIELD_REPORT, '--drill', 'migrate-then-restart', '--vm', 'Guest1', '--from', '60', '--to', '70', '--kind', 'icmp', '--json'];
    const run = cli(...args);
    expect(run.status).toBe(1);
    const trace = traceSchema.parse(JSON.parse(run.stdout));
    expect(trace).toMatchObject({ format: 'lab-planner/trace', drill: 'migrate-then-restart', seed: 1 });
    const rewrite = trace.events.find((e) => e.action === 'rewritten')!;
    expect(rewrite).toMatchObject({ device: 'team VM-Team on HostB', frame: { kind: 'icmp-echo-request', dst: '00-15-5D-01-0A-00', ip: { dst: '1.1.1.1' } }, before: { dst: '00-24-E8-0B-00-03' } });
    const drop = trace.events.find((e) => e.frameId === rewrite.frameId && e.action === 'dropped')!;
    expect(drop).toMatchObject({ device: 'HostB/VM-Switch', reason: 'vswitch-no-port' });
    expect(trace.events.every((e) => e.frame.kind.startsWith('icmp-'))).toBe(true);
    expect(cli(...args).stdout).toBe(run.stdout);
  });

  it('exits 0 for a drill that passes, and lists only drops with --drops', () => {
    const run = cli('trace', FIELD_REPORT, '--drill', 'live-migrate', '--drops', '--json');
    expect(run.status).toBe(0);
    const trace = traceSchema.parse(JSON.parse(run.stdout));
    expect(trace.events.length).toBeGreaterThan(0);
    expect(trace.events.every((e) => e.action === 'dropped' && typeof e.reasonText === 'string')).toBe(true);
  });

  it('refuses what it cannot trace with one line on stderr and exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['trace', FIELD_REPORT], /name the drill to trace with --drill NAME/],
      [['trace', FIELD_REPORT, '--drill', 'nope'], /no drill named "nope"/],
      [['trace', FIELD_REPORT, '--drill', 'live-migrate', '--vm', 'Guest9'], /no VM named "Guest9"/],
      [['trace', FIELD_REPORT, '--drill', 'live-migrate', '--from', '9000'], /lasts .* s; a window from 9000 s starts after it ends/],
      [['trace', FIELD_REPORT, '--drill', 'live-migrate', '--from', 'soon'], /--from takes seconds from the drill start/],
      [['trace', FIELD_REPORT, '--drill', 'live-migrate', '--kind', 'tcp'], /--kind is arp or icmp/],
    ];
    for (const [args, message] of cases) {
      const run = cli(...args);
      expect({ args, status: run.status }).toEqual({ args, status: 2 });
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('is listed in lab-planner --help', () => {
    expect(cli('--help').stdout).toMatch(/^\s+trace\s+Lists every hop of every frame/m);
    expect(cli('trace', '--help').stdout).toContain('lab-planner trace LAB --drill NAME [--vm VM]... [--from SEC] [--to SEC] [--kind arp|icmp] [--drops]');
  });
});
