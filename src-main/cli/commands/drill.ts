// `lab-planner drill LAB`: runs the lab's drills and reports reachability, verdicts and diagnoses.
import { parseArgs } from 'node:util';
import type { DrillReport, DrillResult } from '../../../shared/drill.js';
import { runDrills } from '../../core/drills/runner.js';
import { clockFormatter } from '../../core/drills/clock.js';
import { downtimeWords, plannedBetween, vmDowntimeWords } from '../../../shared/downtime-words.js';
import { appendRunHistory, LabFileError } from '../../store/index.js';
import { APP_VERSION } from '../../version.js';
import { loadLabForCli } from '../load.js';
import { UserError, EXIT_OK, EXIT_FAILED, type Command } from '../io.js';

export const drillCommand: Command = {
  summary: 'Runs the drills of a lab and reports which VMs lose the network, for how long, and why.',
  usage: 'lab-planner drill LAB [--drill NAME]... [--seed N] [--json] [--record] [--pcap DIR [--capture POINT]...]',
  options: {
    '--drill NAME': 'run only this drill (repeat for several; default: every drill)',
    '--seed N': "the random seed (default: the lab's settings.seed)",
    '--json': 'the results as JSON, as typed in shared/drill.ts',
    '--record': "append the run to the .lab file's history",
    '--pcap DIR': 'write one pcap file per drill and capture point into DIR',
    '--capture POINT': 'with --pcap: capture only at this point (HostB/NIC3, switch1/port2, Client1 or a VM); repeat for several',
  },
  run: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        drill: { type: 'string', multiple: true },
        seed: { type: 'string' },
        json: { type: 'boolean', default: false },
        record: { type: 'boolean', default: false },
        pcap: { type: 'string' },
        capture: { type: 'string', multiple: true },
      },
    });
    if (positionals.length !== 1) throw new UserError(`give exactly one lab file\nUsage: ${drillCommand.usage}`);
    const seed = values.seed === undefined ? undefined : parseSeed(values.seed);
    const loaded = loadLabForCli(positionals[0], io);
    const { lab } = loaded;
    const names = values.drill ?? lab.drills.map((d) => d.name);
    for (const name of names) {
      if (!lab.drills.some((d) => d.name === name)) {
        const known = lab.drills.map((d) => d.name).join(', ') || 'none';
        throw new UserError(`${loaded.path}: the lab has no drill named "${name}" (drills: ${known})`);
      }
    }
    if (names.length === 0) throw new UserError(`${loaded.path}: the lab has no drills to run`);

    if (values.capture && values.pcap === undefined) throw new UserError('--capture names where to capture; give --pcap DIR for the files');
    let report;
    if (values.pcap !== undefined) {
      const { runDrillsWithPcap } = await import('../pcap-output.js');
      const run = await runDrillsWithPcap(lab, { drills: names, seed, dir: values.pcap, points: values.capture }, io);
      report = run.report;
      for (const file of run.files) io.err(`capture written: ${file}\n`);
    } else {
      report = runDrills(lab, { drills: names, seed });
    }
    if (values.record) {
      if (loaded.kind !== 'lab') throw new UserError(`${loaded.path}: --record appends to a .lab file's history; this is a JSON document`);
      try {
        appendRunHistory(loaded.path, report, { seed: report.seed, appVersion: APP_VERSION });
      } catch (error) {
        if (error instanceof LabFileError) throw new UserError(error.message);
        throw error;
      }
    }
    io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.passed ? EXIT_OK : EXIT_FAILED;
  },
};

export function parseSeed(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n > 2 ** 31 - 1) {
    throw new UserError(`--seed takes a whole number from 0 to ${2 ** 31 - 1}, not "${text}"`);
  }
  return n;
}

const MAX_VM_COLUMNS = 6;

export function formatReport(report: DrillReport): string {
  const lines: string[] = [];
  for (const drill of report.drills) lines.push(...formatDrill(drill), '');
  const failed = report.drills.filter((d) => !d.passed).map((d) => d.name);
  lines.push(
    failed.length === 0
      ? `All ${report.drills.length} drills passed (seed ${report.seed}).`
      : `${failed.length} of ${report.drills.length} drills failed: ${failed.join(', ')} (seed ${report.seed}).`,
    '',
  );
  return lines.join('\n');
}

function formatDrill(drill: DrillResult): string[] {
  const clock = clockFormatter(drill.clockStart);
  const at = (ms: number) => clock(ms * 1000);
  const out = [`Drill ${drill.name}: ${drill.passed ? 'PASSED' : 'FAILED'}`];
  if (drill.description) out.push(`  ${drill.description}`);
  out.push(
    `  ${drill.client || 'no client'} pings ${drill.vms.length === 1 ? drill.vms[0].name : `${drill.vms.length} VMs`}; ` +
      `expected: reachable within ${drill.expect.reachableWithinSec} s of the last step` +
      (drill.expect.maxDowntimeSec !== undefined ? `, at most ${drill.expect.maxDowntimeSec} s down` : '') +
      (drill.expect.expectDown.length ? `; down at the end: ${drill.expect.expectDown.join(', ')}` : ''),
    '',
  );
  const shown = drill.vms.slice(0, MAX_VM_COLUMNS);
  const rows: string[][] = [['#', 'time', 'step', ...shown.map((v) => v.name)]];
  if (drill.vms.length > MAX_VM_COLUMNS) rows[0].push(`(+${drill.vms.length - MAX_VM_COLUMNS} VMs)`);
  drill.steps.forEach((step, i) => {
    rows.push([
      String(i + 1),
      at(step.atMs),
      step.problem ? `${step.label} (not done: ${step.problem})` : step.label,
      ...shown.map((v) => downtimeWords(v.downtimePerStepMs[i], plannedBetween(v, step.atMs, step.endMs), 'up')),
    ]);
  });
  rows.push([
    '',
    at(drill.durationMs),
    'end',
    ...shown.map((v) => (v.reachableAtEnd ? 'reachable' : 'UNREACHABLE')),
  ]);
  out.push(...table(rows).map((l) => `  ${l}`), '');
  for (const vm of drill.vms) {
    out.push(`  ${vm.name}: ${vm.passed ? 'pass' : 'FAIL'}, ${vm.verdict}`);
    if (vm.downtimeMs > 0 || vm.plannedDowntimeMs > 0) out.push(`    Downtime: ${vmDowntimeWords(vm)}`);
    if (vm.diagnosis) {
      out.push(`    Where it dies (${vm.diagnosis.code}): ${vm.diagnosis.text}`);
      if (vm.diagnosis.knownIssue) out.push(`    Known issue: ${vm.diagnosis.knownIssue}`);
      if (vm.diagnosis.remedies.length) out.push('    Remedies:', ...vm.diagnosis.remedies.map((r) => `      - ${r}`));
    }
  }
  return out;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd(),
  );
}
