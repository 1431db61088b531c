// Benchmark of simulation mode's core: the trace of the field-report migrate-then-restart (whole
// drill, all VMs) and drills.stateAt on a 64-host, 1,000-VM lab whose drill pings every VM.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { readLab } from '../../src-main/core/lab.js';
import { traceDrill } from '../../src-main/core/drills/trace.js';
import { runDrill } from '../../src-main/core/drills/runner.js';
import { createLabService } from '../../src-main/service/create-service.js';
import { exportLabJson } from '../../src-main/store/index.js';
import type { DocumentState } from '../../shared/api.js';
import type { Lab } from '../../shared/lab.js';
import { bigLab } from './store.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (ms: number) => Math.round(ms * 10) / 10;

function timeMs(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** The 1,000-VM lab with a drill that pings every VM while one is migrated and restarted and a team toggled. */
function bigLabWithAllVmDrill(): Lab {
  const lab = bigLab();
  const vm = lab.vms[0].name;
  lab.drills.unshift({
    ...lab.drills[0],
    name: 'all-vms',
    description: 'every VM pinged',
    vms: undefined,
    steps: [
      { action: 'live-migrate', vm, to: lab.hosts[1].name },
      { action: 'restart', vm },
      { action: 'disable-team', host: lab.hosts[1].name, team: 'VM-Team' },
      { action: 'enable-team', host: lab.hosts[1].name, team: 'VM-Team' },
    ],
  });
  return lab;
}

export async function bench(): Promise<Record<string, number | string | boolean>> {
  const parsed = readLab(JSON.parse(readFileSync(join(root, 'examples/field-report.lab.json'), 'utf8')));
  if (!parsed.ok) throw new Error('the field-report example does not parse');
  const lab = parsed.lab;
  const drill = lab.drills.find((d) => d.name === 'migrate-then-restart')!;
  let events = 0;
  const traceMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    traceMs.push(
      timeMs(() => {
        const t = traceDrill(lab, drill);
        if (!t.ok) throw new Error(t.message);
        events = t.trace.events.length;
      }),
    );
  }
  const plainMs: number[] = [];
  for (let i = 0; i < 20; i++) plainMs.push(timeMs(() => runDrill(lab, drill)));

  const dir = mkdtempSync(join(tmpdir(), 'lab-planner-sim-bench-'));
  const service = await createLabService({ host: 'browser', workspace: dir, stateDir: join(dir, 'state'), watchIntervalMs: 0 });
  try {
    const big = bigLabWithAllVmDrill();
    const opened = await service.handle('lab.importJson', { text: exportLabJson(big), fileName: 'big.lab.json' });
    if (!opened.ok) throw new Error(opened.error.message);
    const docId = (opened.value as DocumentState).docId;
    const durationMs = runDrill(big, big.drills[0], { snapshots: false }).result.durationMs;
    const stateAt = async (atMs: number) => {
      const start = performance.now();
      const answer = await service.handle('drills.stateAt', { docId, drill: 'all-vms', atMs });
      if (!answer.ok) throw new Error(answer.error.message);
      return performance.now() - start;
    };
    const coldHalfwayMs = await stateAt(durationMs / 2);
    const forwardMs: number[] = [];
    for (let i = 1; i <= 20; i++) forwardMs.push(await stateAt(durationMs / 2 + i * 1000));
    const backMs = await stateAt(durationMs / 4);
    // The event list the window asks for on a big lab: one VM, ten seconds around the middle; and the whole drill, capped.
    const allVms = big.drills[0];
    const vm = big.vms[0].name;
    let windowEvents = 0;
    const windowMs = timeMs(() => {
      const t = traceDrill(big, allVms, { vms: [vm], fromMs: durationMs / 2 - 5000, toMs: durationMs / 2 + 5000 });
      if (!t.ok) throw new Error(t.message);
      windowEvents = t.trace.events.length;
    });
    let capped = false;
    const cappedMs = timeMs(() => {
      const t = traceDrill(big, allVms);
      if (!t.ok) throw new Error(t.message);
      capped = t.trace.truncated;
    });
    const drillStart = performance.now();
    await service.handle('drills.run', { docId, runId: 'bench', drills: ['all-vms'] });
    const drillRunMs = performance.now() - drillStart;
    return {
      trace_fieldReport_migrateThenRestart_median_ms: round(median(traceMs)),
      trace_fieldReport_migrateThenRestart_first_ms: round(traceMs[0]),
      trace_fieldReport_migrateThenRestart_events: events,
      trace_fieldReport_target: 'whole drill, all VMs < 50 ms',
      drill_fieldReport_migrateThenRestart_untraced_median_ms: round(median(plainMs)),
      stateAt_64x1000_allVms_coldHalfway_ms: round(coldHalfwayMs),
      stateAt_64x1000_allVms_scrubForward1s_median_ms: round(median(forwardMs)),
      stateAt_64x1000_allVms_scrubBackToQuarter_ms: round(backMs),
      stateAt_64x1000_drillDurationSec: durationMs / 1000,
      drillsRun_64x1000_allVms_ms: round(drillRunMs),
      trace_64x1000_oneVm_10sWindow_ms: round(windowMs),
      trace_64x1000_oneVm_10sWindow_events: windowEvents,
      trace_64x1000_wholeDrill_capped_ms: round(cappedMs),
      trace_64x1000_wholeDrill_truncated: capped,
    };
  } finally {
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
