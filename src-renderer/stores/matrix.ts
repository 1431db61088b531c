// The what-if matrix of the open lab: the run with progress and cancel, the heatmap's data, the cell opened.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { EventPayload, MatrixCellDetail, MatrixView } from '../../shared/api.js';
import type { Drill } from '../../shared/drill.js';
import { call, ApiRefusal } from '../api/client.js';
import { useLabStore } from './lab.js';
import { useDrillsStore } from './drills.js';

let runCounter = 0;

export const useMatrixStore = defineStore('matrix', () => {
  const lab = useLabStore();
  const drills = useDrillsStore();
  /** The window's bottom panel shows the matrix instead of the drills. */
  const shown = ref(false);
  const depth = ref<1 | 2>(1);
  const view = shallowRef<MatrixView | null>(null);
  /** The lab revision the matrix ran on: a matrix of an older document is marked as such. */
  const viewRevision = ref(-1);
  const running = ref<{ runId: string; done: number; total: number; current: string } | null>(null);
  const error = ref<string | null>(null);
  const cancelled = ref(false);
  /** The cell whose drill is shown in the drill results, and the drill to keep it as. */
  const opened = shallowRef<{ cell: MatrixCellDetail; drillToAdd: Drill } | null>(null);
  const opening = ref<number | null>(null);
  const stale = computed(() => view.value !== null && viewRevision.value !== lab.revision);

  async function run(): Promise<void> {
    const docId = lab.status?.docId;
    if (!docId || running.value) return;
    const runId = `matrix-${Date.now()}-${++runCounter}`;
    running.value = { runId, done: 0, total: 0, current: '' };
    error.value = null;
    cancelled.value = false;
    const revision = lab.revision;
    try {
      await lab.settled();
      const next = await call('matrix.run', { docId, runId, depth: depth.value });
      if (lab.status?.docId !== docId) return; // another lab was opened meanwhile
      view.value = next;
      viewRevision.value = revision;
      opened.value = null;
    } catch (e) {
      if (e instanceof ApiRefusal && e.code === 'cancelled') cancelled.value = true;
      else error.value = e instanceof Error ? e.message : String(e);
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

  /** Runs the cell's drill in full and shows its result where drill results are shown. */
  async function openCell(index: number): Promise<void> {
    const docId = lab.status?.docId;
    const cell = view.value?.cells[index];
    if (!docId || !cell) return;
    opening.value = index;
    error.value = null;
    try {
      await lab.settled();
      const answer = await call('matrix.runCell', { docId, cellId: cell.id, seed: view.value!.seed });
      if (lab.status?.docId !== docId) return;
      opened.value = { cell: answer.cell, drillToAdd: answer.drillToAdd };
      drills.showResult(answer.result, cell.id);
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      opening.value = null;
    }
  }

  /** Keeps the opened cell's drill in the lab (undoable), selected in the drill list. */
  function addOpenedAsDrill(): string | null {
    const drill = opened.value?.drillToAdd;
    if (!drill) return null;
    const refusal = lab.edit(`Add drill ${drill.name}`, (d) => void d.drills.push(structuredClone(drill)));
    if (!refusal) drills.selected = drill.name;
    return refusal;
  }

  function forget(): void {
    view.value = null;
    opened.value = null;
    error.value = null;
    cancelled.value = false;
  }

  return { shown, depth, view, viewRevision, running, error, cancelled, opened, opening, stale, run, cancel, progress, openCell, addOpenedAsDrill, forget };
});
