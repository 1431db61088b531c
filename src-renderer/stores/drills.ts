// Drill runs of the open lab: progress, cancel, the last report, and which drill and moment (the drill clock) are shown.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { DrillReport, DrillResult, Snapshot } from '../../shared/drill.js';
import type { EventPayload } from '../../shared/api.js';
import { call, ApiRefusal } from '../api/client.js';
import { useLabStore } from './lab.js';
import { DrillState, type SimState } from '../canvas/simState.js';

let runCounter = 0;

export const useDrillsStore = defineStore('drills', () => {
  const lab = useLabStore();
  /** The drill shown in the step editor and the results. */
  const selected = ref<string | null>(null);
  const report = shallowRef<DrillReport | null>(null);
  /** The lab revision the report was run on: results of an older document are marked as such. */
  const reportRevision = ref(-1);
  const running = ref<{ runId: string; done: number; total: number; current: string } | null>(null);
  const runError = ref<string | null>(null);
  /** The drill clock: the moment shown (ms from the drill's start); everything drawn derives from it. */
  const atMs = ref(0);
  /** The VM whose path the canvas shows ("show on canvas"); null: the first VM that failed. */
  const focusVm = ref<string | null>(null);
  /** Whether the drill results are on screen: the canvas draws the simulated lab only then. */
  const resultsOpen = ref(false);
  const resultsView = ref<'vms' | 'tables' | 'events'>('vms');
  /** Results shown from a what-if cell: the cell each drill name came from, so traces and tables ask for that cell. */
  const cellOf = shallowRef<Record<string, string | null>>({});
  /** Set while a run opened from the run history is shown: "run #2, 2026-12-03 06:12 UTC". */
  const recordedRun = ref<string | null>(null);
  /** How drills.trace and drills.stateAt name the shown result: the lab's drill, or the matrix cell it came from. */
  const source = computed(() => {
    const r = result.value;
    if (!r) return null;
    const cellId = cellOf.value[r.name];
    return cellId ? { cellId, seed: r.seed } : { drill: r.name, seed: r.seed };
  });

  const result = computed<DrillResult | null>(() => report.value?.drills.find((d) => d.name === selected.value) ?? null);
  /** The step the moment falls in: -1 before the first step (the baseline after the warm-up). */
  const step = computed({
    get: () => (result.value ? stepAt(result.value, atMs.value) : -1),
    set: (i: number) => {
      if (result.value) atMs.value = momentOfStep(result.value, i);
    },
  });
  /** The tables at the end of the step the moment falls in (the tables at the moment itself come from drills.stateAt). */
  const snapshot = computed<Snapshot | null>(() => {
    const r = result.value;
    if (!r) return null;
    return step.value < 0 ? r.baseline : (r.steps[step.value]?.snapshot ?? r.baseline);
  });
  /** The simulated state of the shown drill, indexed once per result. */
  const states = computed(() => (result.value ? new DrillState(result.value.changes ?? []) : null));
  const simulated = computed<SimState | null>(() => states.value?.at(atMs.value) ?? null);

  function setMoment(ms: number): void {
    const r = result.value;
    atMs.value = r ? Math.max(0, Math.min(Math.round(ms), r.durationMs)) : 0;
  }
  const stale = computed(() => report.value !== null && recordedRun.value === null && reportRevision.value !== lab.revision);

  async function run(drills?: string[]): Promise<void> {
    const docId = lab.status?.docId;
    if (!docId || running.value) return;
    const runId = `run-${Date.now()}-${++runCounter}`;
    running.value = { runId, done: 0, total: drills?.length ?? lab.doc?.drills.length ?? 0, current: '' };
    runError.value = null;
    const revision = lab.revision;
    try {
      await lab.settled();
      // Every run of the window goes into the lab's run history (Drills → Run history…).
      const next = await call('drills.run', { docId, runId, ...(drills ? { drills } : {}), record: true });
      if (recordedRun.value !== null) {
        report.value = null;
        recordedRun.value = null;
      }
      // Results of drills not in this run stay, unless the lab changed since they ran.
      const kept = report.value && reportRevision.value === revision ? report.value.drills.filter((d) => !next.drills.some((n) => n.name === d.name)) : [];
      const order = lab.doc?.drills.map((d) => d.name) ?? [];
      const drillsNow = [...kept, ...next.drills].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
      report.value = { ...next, passed: drillsNow.every((d) => d.passed), drills: drillsNow };
      cellOf.value = Object.fromEntries(Object.entries(cellOf.value).filter(([name]) => !next.drills.some((d) => d.name === name)));
      reportRevision.value = revision;
      if (drills?.length === 1) selected.value = drills[0];
      else if (!next.drills.some((d) => d.name === selected.value)) selected.value = next.drills.find((d) => !d.passed)?.name ?? next.drills[0]?.name ?? null;
      openAtTrouble();
    } catch (e) {
      if (!(e instanceof ApiRefusal && e.code === 'cancelled')) runError.value = e instanceof Error ? e.message : String(e);
    } finally {
      running.value = null;
    }
  }

  async function cancel(): Promise<void> {
    if (running.value) await call('run.cancel', { runId: running.value.runId }).catch(() => undefined);
  }

  function progress(p: EventPayload<'run.progress'>): void {
    if (running.value && p.runId === running.value.runId) running.value = { runId: p.runId, done: p.done, total: p.total, current: p.current };
  }

  /** Shows a result run elsewhere (a what-if matrix cell) as if it came from a drill run. */
  function showResult(shown: DrillResult, cellId?: string): void {
    if (recordedRun.value !== null) report.value = null;
    recordedRun.value = null;
    cellOf.value = { ...cellOf.value, [shown.name]: cellId ?? null };
    const others = report.value && reportRevision.value === lab.revision ? report.value.drills.filter((d) => d.name !== shown.name) : [];
    const all = [...others, shown];
    report.value = { format: 'lab-planner/drill-results', lab: lab.doc?.meta.title ?? '', seed: shown.seed, passed: all.every((d) => d.passed), drills: all };
    reportRevision.value = lab.revision;
    selected.value = shown.name;
    openAtTrouble();
  }

  /** Shows a recorded run's results as a drill run's, named by `label`, opened at its first failing drill. */
  function showRecorded(recorded: DrillReport, label: string): void {
    cellOf.value = {};
    report.value = recorded;
    reportRevision.value = lab.revision;
    recordedRun.value = label;
    if (!recorded.drills.some((d) => d.name === selected.value)) selected.value = recorded.drills.find((d) => !d.passed)?.name ?? recorded.drills[0]?.name ?? null;
    openAtTrouble();
  }

  function openAtTrouble(): void {
    focusVm.value = null;
    atMs.value = result.value ? momentOfStep(result.value, firstFailingStep(result.value)) : 0;
  }

  function forget(): void {
    report.value = null;
    recordedRun.value = null;
    runError.value = null;
    atMs.value = 0;
    focusVm.value = null;
  }

  return { selected, report, result, source, resultsOpen, resultsView, snapshot, step, atMs, focusVm, simulated, setMoment, running, runError, stale, recordedRun, run, cancel, progress, showResult, showRecorded, forget };
});

/** The step a moment falls in: the last that began at or before it; -1 before the first. */
export function stepAt(result: DrillResult, atMs: number): number {
  let i = -1;
  for (const s of result.steps) if (s.atMs <= atMs) i = s.index;
  return i;
}

/** The moment a step's tables were taken (just before its window ends); the baseline's for -1. */
export function momentOfStep(result: DrillResult, index: number): number {
  const s = result.steps[index];
  return s ? Math.max(s.atMs, s.endMs - 1) : result.baseline.atMs;
}

/** The last step after which a VM was down, so the drill clock opens where the trouble shows. */
export function firstFailingStep(result: DrillResult): number {
  if (result.passed || result.steps.length === 0) return -1;
  return result.steps.length - 1;
}
