// Drill runs of the open lab: progress, cancel, the last report and which drill and step are shown.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { DrillReport, DrillResult, Snapshot } from '../../shared/drill.js';
import type { EventPayload } from '../../shared/api.js';
import { call, ApiRefusal } from '../api/client.js';
import { useLabStore } from './lab.js';

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
  /** Step shown by the slider: -1 is the baseline after the warm-up. */
  const step = ref(-1);

  const result = computed<DrillResult | null>(() => report.value?.drills.find((d) => d.name === selected.value) ?? null);
  const snapshot = computed<Snapshot | null>(() => {
    const r = result.value;
    if (!r) return null;
    return step.value < 0 ? r.baseline : (r.steps[Math.min(step.value, r.steps.length - 1)]?.snapshot ?? r.baseline);
  });
  const stale = computed(() => report.value !== null && reportRevision.value !== lab.revision);

  async function run(drills?: string[]): Promise<void> {
    const docId = lab.status?.docId;
    if (!docId || running.value) return;
    const runId = `run-${Date.now()}-${++runCounter}`;
    running.value = { runId, done: 0, total: drills?.length ?? lab.doc?.drills.length ?? 0, current: '' };
    runError.value = null;
    const revision = lab.revision;
    try {
      await lab.settled();
      const next = await call('drills.run', { docId, runId, ...(drills ? { drills } : {}) });
      // Results of drills not in this run stay, unless the lab changed since they ran.
      const kept = report.value && reportRevision.value === revision ? report.value.drills.filter((d) => !next.drills.some((n) => n.name === d.name)) : [];
      const order = lab.doc?.drills.map((d) => d.name) ?? [];
      const drillsNow = [...kept, ...next.drills].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
      report.value = { ...next, passed: drillsNow.every((d) => d.passed), drills: drillsNow };
      reportRevision.value = revision;
      if (drills?.length === 1) selected.value = drills[0];
      else if (!next.drills.some((d) => d.name === selected.value)) selected.value = next.drills.find((d) => !d.passed)?.name ?? next.drills[0]?.name ?? null;
      const failedStep = result.value ? firstFailingStep(result.value) : -1;
      step.value = failedStep;
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
  function showResult(shown: DrillResult): void {
    const others = report.value && reportRevision.value === lab.revision ? report.value.drills.filter((d) => d.name !== shown.name) : [];
    const all = [...others, shown];
    report.value = { format: 'lab-planner/drill-results', lab: lab.doc?.meta.title ?? '', seed: shown.seed, passed: all.every((d) => d.passed), drills: all };
    reportRevision.value = lab.revision;
    selected.value = shown.name;
    step.value = firstFailingStep(shown);
  }

  function forget(): void {
    report.value = null;
    runError.value = null;
    step.value = -1;
  }

  return { selected, report, result, snapshot, step, running, runError, stale, run, cancel, progress, showResult, forget };
});

/** The last step after which a VM was down, so the slider opens where the trouble shows. */
export function firstFailingStep(result: DrillResult): number {
  if (result.passed || result.steps.length === 0) return -1;
  return result.steps.length - 1;
}
