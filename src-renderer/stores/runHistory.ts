// Drills → Run history…: the lab's recorded runs, one opened in the drill results, two compared.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { RequestValue, RunSummary } from '../../shared/api.js';
import { plural } from '../../shared/words.js';
import { call } from '../api/client.js';
import { useLabStore } from './lab.js';
import { useDrillsStore } from './drills.js';
import { useMatrixStore } from './matrix.js';

export type RunComparisonView = RequestValue<'runs.compare'>;

/** "2026-12-03 06:12:40 UTC": the time a run was recorded, the same in every time zone. */
export function runTime(run: Pick<RunSummary, 'ranAt'>): string {
  return `${run.ranAt.slice(0, 19).replace('T', ' ')} UTC`;
}

/** "7 drills: 5 passed, 2 failed" */
export function runCounts(run: Pick<RunSummary, 'drills'>): string {
  const failed = run.drills.filter((d) => !d.passed).length;
  const passed = run.drills.length - failed;
  return `${plural(run.drills.length, 'drill')}: ${passed} passed, ${failed} failed`;
}

export const useRunHistoryStore = defineStore('runHistory', () => {
  const lab = useLabStore();
  const drills = useDrillsStore();
  const matrix = useMatrixStore();
  const shown = ref(false);
  const runs = shallowRef<RunSummary[]>([]);
  const comparison = shallowRef<RunComparisonView | null>(null);
  const error = ref<string | null>(null);

  const failed = (e: unknown) => (error.value = e instanceof Error ? e.message : String(e));

  async function show(): Promise<void> {
    shown.value = true;
    comparison.value = null;
    error.value = null;
    await refresh();
  }

  async function refresh(): Promise<void> {
    const docId = lab.status?.docId;
    if (!docId) return;
    try {
      runs.value = (await call('runs.list', { docId })).runs;
    } catch (e) {
      failed(e);
    }
  }

  /** Shows the run's results where a drill run's are shown, and closes the history. */
  async function open(run: number): Promise<void> {
    const docId = lab.status?.docId;
    if (!docId) return;
    try {
      const found = await call('runs.get', { docId, run });
      matrix.shown = false;
      drills.showRecorded(found.report, `run #${run}, ${runTime(found.run)}`);
      shown.value = false;
    } catch (e) {
      failed(e);
    }
  }

  async function compare(from: number, to: number): Promise<void> {
    const docId = lab.status?.docId;
    if (!docId) return;
    error.value = null;
    try {
      comparison.value = await call('runs.compare', { docId, from, to });
    } catch (e) {
      failed(e);
    }
  }

  function close(): void {
    shown.value = false;
    comparison.value = null;
  }

  return { shown, runs, comparison, error, show, refresh, open, compare, close };
});
