// Benchmark of the what-if matrix: the field report's lab and generated 16-host / 256-VM and
// 64-host / 1,000-VM labs, each matrix timed with the symmetry reduction and in full beside it.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lab, LabInput } from '../../shared/lab.js';
import { readLab } from '../../src-main/core/lab.js';
import { runMatrixInPool } from '../../src-main/service/matrix-pool.js';
import { MatrixThreads, matrixWorkerScript } from '../../src-main/service/matrix-threads.js';
import { toMatrixView, toMatrixWire } from '../../src-main/service/matrix-view.js';

function parse(input: unknown): Lab {
  const parsed = readLab(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.lab;
}

export function fieldReportLab(): Lab {
  return parse(JSON.parse(readFileSync(new URL('../../examples/field-report.lab.json', import.meta.url), 'utf8')));
}

const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

/**
 * A cluster of `hosts` R710s, each with a BASP team (learn-once on even hosts, Intel AFT on odd ones)
 * split over two switches, and `vmsPerHost` VMs alternating dynamic and static MACs (the last hosts
 * fewer when `totalVms` runs out first).
 */
export function generatedLab(hosts = 16, vmsPerHost = 16, totalVms = hosts * vmsPerHost): Lab {
  return parse(generatedLabInput(hosts, vmsPerHost, totalVms));
}

/** The generated lab as a document, before parsing: tests change it to break one symmetry. */
export function generatedLabInput(hosts = 16, vmsPerHost = 16, totalVms = hosts * vmsPerHost): LabInput & Required<Pick<LabInput, 'hosts' | 'vms' | 'cables'>> {
  const ports = Math.max(64, hosts + 2);
  const input: LabInput & Required<Pick<LabInput, 'hosts' | 'vms' | 'cables'>> = {
    meta: { title: `Generated ${hosts}-host, ${Math.min(totalVms, hosts * vmsPerHost)}-VM cluster`, description: '', author: 'bench' },
    switches: [
      { name: 'switch1', ports },
      { name: 'switch2', ports },
    ],
    clients: [{ name: 'Client1', ip: '10.9.0.100', mac: '00-1C-23-00-00-64' }],
    hosts: [],
    vms: [],
    cables: [
      { a: { switch: 'switch1', port: ports }, b: { switch: 'switch2', port: ports } },
      { a: { client: 'Client1' }, b: { switch: 'switch1', port: ports - 1 } },
    ],
  };
  for (let h = 0; h < hosts; h++) {
    const name = `Host${h + 1}`;
    input.hosts.push({
      name,
      managementIp: `10.0.1.${10 + h}`,
      nics: [1, 2, 3, 4].map((n) => ({ name: `NIC${n}`, mac: `00-24-E8-${hex(h)}-00-0${n}` })),
      teams: [
        { name: 'VM-Team', members: ['NIC3', 'NIC4'], primary: 'NIC3', driverProfile: h % 2 === 0 ? 'broadcom-basp-2009-12-15' : 'intel-ans-aft' },
      ],
      virtualSwitches: [{ name: 'VM-Switch', uplink: { team: 'VM-Team' } }],
    });
    input.cables.push(
      { a: { host: name, nic: 'NIC3' }, b: { switch: 'switch1', port: h + 1 } },
      { a: { host: name, nic: 'NIC4' }, b: { switch: 'switch2', port: h + 1 } },
    );
    for (let v = 0; v < vmsPerHost; v++) {
      const n = h * vmsPerHost + v;
      if (n >= totalVms) break;
      const isStatic = v % 2 === 1;
      input.vms.push({
        name: `VM${n + 1}`,
        ip: `10.9.${1 + Math.floor(n / 200)}.${1 + (n % 200)}`,
        host: name,
        macMode: isStatic ? 'static' : 'dynamic',
        ...(isStatic ? { staticMac: `00-15-5D-F0-${hex(Math.floor(n / 256))}-${hex(n % 256)}` } : {}),
      });
    }
  }
  return input;
}

interface Timed {
  ms: number;
  cells: number;
  simulated: number;
  threads: number;
  lostAny: boolean;
}

interface TimeOptions {
  threads?: number;
  reduce?: boolean;
  threadPool?: MatrixThreads;
  /** Runs to take the median of: a matrix of a few milliseconds is otherwise mostly noise. */
  repeat?: number;
}

async function timeMatrix(lab: Lab, depth: 1 | 2, options: TimeOptions = {}): Promise<Timed> {
  const times: number[] = [];
  let last: Timed | null = null;
  for (let i = 0; i < (options.repeat ?? 1); i++) {
    const start = performance.now();
    const run = await runMatrixInPool(lab, { depth, threads: options.threads, reduce: options.reduce, threadPool: options.threadPool });
    if (!run.ok) throw new Error('the matrix was cancelled');
    times.push(performance.now() - start);
    last = { ms: 0, cells: run.result.cells.length, simulated: run.simulated, threads: run.threads, lostAny: run.result.lostAny };
  }
  const sorted = times.sort((a, b) => a - b);
  return { ...last!, ms: Math.round(sorted[Math.floor(sorted.length / 2)]) };
}

/** Steady state: six runs warm the JIT of every thread taking part, then the median of the next seven. */
async function steadyMs(lab: Lab, options: TimeOptions): Promise<number> {
  await timeMatrix(lab, 1, { ...options, repeat: 6 });
  return (await timeMatrix(lab, 1, { ...options, repeat: 7 })).ms;
}

const ratio = (full: number, reduced: number) => Number((full / Math.max(reduced, 1)).toFixed(2));

/** A figure, the same matrix simulated in full beside it, and the ratio full / reduced. */
async function compare(figures: Record<string, number | string | boolean>, name: string, lab: Lab, depth: 1 | 2, threads: number | undefined, targetMs: number, repeat = 1) {
  const reduced = await timeMatrix(lab, depth, { threads, repeat });
  const full = await timeMatrix(lab, depth, { threads, reduce: false, repeat });
  figures[`${name}.cells`] = reduced.cells;
  figures[`${name}.simulated`] = reduced.simulated;
  figures[`${name}.threads`] = reduced.threads;
  figures[`${name}.ms`] = reduced.ms;
  figures[`${name}.full.ms`] = full.ms;
  figures[`${name}.fullOverReduced`] = ratio(full.ms, reduced.ms);
  figures[`${name}.targetMs`] = targetMs;
  figures[`${name}.underTarget`] = reduced.ms < targetMs;
  return { reduced, full };
}

export async function bench(): Promise<Record<string, number | string | boolean>> {
  const figures: Record<string, number | string | boolean> = {};
  const only = process.env.LAB_PLANNER_BENCH_MATRIX?.split(',');
  const wants = (part: string) => !only || only.includes(part);
  const field = fieldReportLab();
  // The first runs pay the JIT; the figures are of a warm process, as in the service.
  await timeMatrix(field, 1, { threads: 1, repeat: 5 });
  await timeMatrix(field, 1, { threads: 1, repeat: 5, reduce: false });
  if (wants('field')) {
    await compare(figures, 'matrix.fieldReport.depth1.defaultThreads', field, 1, undefined, 50, 9);
    figures['matrix.fieldReport.depth1.threads2.ms'] = (await timeMatrix(field, 1, { threads: 2, repeat: 3 })).ms;
  }

  const big = generatedLab(16, 16);
  if (wants('16x256')) {
    const one = await compare(figures, 'matrix.generated16x256.depth1.threads1', big, 1, 1, 1500);
    const two = await compare(figures, 'matrix.generated16x256.depth1.threads2', big, 1, 2, 1500);
    figures['matrix.generated16x256.depth1.twoThreadsOverOne'] = ratio(one.reduced.ms, two.reduced.ms);
    figures['matrix.generated16x256.depth1.full.twoThreadsOverOne'] = ratio(one.full.ms, two.full.ms);
    // The service keeps its threads: a second run pays no start-up and sends the lab no more.
    const script = matrixWorkerScript();
    if (script) {
      // Two threads: this one and one worker thread, as the service runs them on two cores.
      const pool = new MatrixThreads(script, 1);
      await timeMatrix(big, 1, { threads: 2, threadPool: pool });
      const warm = await timeMatrix(big, 1, { threads: 2, threadPool: pool });
      const warmFull = await timeMatrix(big, 1, { threads: 2, threadPool: pool, reduce: false });
      // Steady state, as in a service that has run the matrix a few times: each side warmed by the same
      // runs first, then the median of the next ones (one warm run alone varies by a quarter here).
      const steadyTwo = await steadyMs(big, { threads: 2, threadPool: pool });
      pool.close();
      const steadyOne = await steadyMs(big, { threads: 1 });
      figures['matrix.generated16x256.depth1.threads1.steady.ms'] = steadyOne;
      figures['matrix.generated16x256.depth1.threads2.steady.ms'] = steadyTwo;
      figures['matrix.generated16x256.depth1.steady.twoThreadsOverOne'] = ratio(steadyOne, steadyTwo);
      figures['matrix.generated16x256.depth1.steady.twoThreadsOverOne.target'] = 1.7;
      figures['matrix.generated16x256.depth1.threads2.warm.ms'] = warm.ms;
      figures['matrix.generated16x256.depth1.threads2.warm.full.ms'] = warmFull.ms;
      figures['matrix.generated16x256.depth1.warm.twoThreadsOverOne'] = ratio(one.reduced.ms, warm.ms);
      figures['matrix.generated16x256.depth1.warm.full.twoThreadsOverOne'] = ratio(one.full.ms, warmFull.ms);
    }
    Object.assign(figures, await twoCoresCeiling());
    const run = await runMatrixInPool(big, { depth: 1 });
    if (run.ok) {
      const answer = JSON.stringify(toMatrixWire(run.result)).length;
      // What matrix.run answered before: every cell written out with its drill.
      const before = JSON.stringify({ ...toMatrixView(run.result), cells: toMatrixView(run.result).cells.map((c) => ({ ...c, drill: run.result.cells[c.index].drill })) }).length;
      figures['matrix.generated16x256.answerBytes'] = answer;
      figures['matrix.generated16x256.answerBytes.withDrills'] = before;
      figures['matrix.generated16x256.answerBytes.withDrillsOverCompact'] = ratio(before, answer);
      figures['matrix.generated16x256.answerBytes.target'] = 500_000;
      figures['matrix.generated16x256.answerBytes.underTarget'] = answer < 500_000;
    }
  }
  if (wants('16x256depth2')) await compare(figures, 'matrix.generated16x256.depth2.defaultThreads', big, 2, undefined, 10_000);
  if (wants('64x1000')) await compare(figures, 'matrix.generated64x1000.depth1.defaultThreads', generatedLab(64, 16, 1000), 1, undefined, 20_000);
  return figures;
}

/**
 * What two cores give this workload at best: the same one-thread matrix run in two separate processes
 * at once against one alone. Nothing is shared between them, so no way of splitting one matrix over
 * two threads can beat this ratio on this machine.
 */
async function twoCoresCeiling(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'lab-planner-bench-'));
  const file = join(dir, 'generated-16x256.lab.json');
  writeFileSync(file, JSON.stringify(generatedLabInput(16, 16)));
  const bin = fileURLToPath(new URL('../../bin/lab-planner.js', import.meta.url));
  const once = () =>
    new Promise<void>((resolve, reject) => {
      // --depth 1 --threads 1: the matrix in the process's own thread; it exits 1 when a cell loses a VM.
      const child = spawn(process.execPath, [bin, 'matrix', file, '--threads', '1', '--json'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('exit', (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(err || `lab-planner matrix exited with ${code}`))));
    });
  const timed = async (runs: () => Promise<unknown>) => {
    const start = performance.now();
    await runs();
    return performance.now() - start;
  };
  try {
    const alone: number[] = [];
    const together: number[] = [];
    for (let i = 0; i < 3; i++) {
      alone.push(await timed(once));
      together.push(await timed(() => Promise.all([once(), once()])));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    return {
      'matrix.generated16x256.depth1.processAloneMs': Math.round(median(alone)),
      'matrix.generated16x256.depth1.twoProcessesAtOnceMs': Math.round(median(together)),
      'matrix.generated16x256.depth1.twoCoresCeiling': ratio(2 * median(alone), median(together)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
