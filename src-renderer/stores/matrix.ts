// The what-if matrix of the open lab: the run with progress and cancel, the heatmap filling as cells
// finish, the cell opened. Once run, the matrix follows the engineer's edits: each edit runs it
// again, and the service simulates only the cases the edit changed.
import { defineStore } from 'pinia';
import { computed, nextTick, ref, shallowRef, watch } from 'vue';
import type { EventPayload, MatrixCellDetail, MatrixHeader, MatrixView } from '../../shared/api.js';
import type { Drill } from '../../shared/drill.js';
import { expandCells, expandMatrixView } from '../../shared/matrix-view.js';
import { call, ApiRefusal } from '../api/client.js';
import { useLabStore } from './lab.js';
import { useDrillsStore } from './drills.js';

let runCounter = 0;
/** Edits in quick succession (typing a name) run the matrix once, after the last. */
const FOLLOW_EDITS_AFTER_MS = 400;
/** A filling heatmap is redrawn at most this often: cells arrive every 100 ms, and a depth-2 run has thousands. */
const REDRAW_FILLING_MS = 300;
/** ...and never sooner than this many times the last redraw took, so that however slow the machine and however
 * many cells have come, the window spends at most a third of its time redrawing and stays free for Cancel. */
const REDRAW_IDLE_FACTOR = 2;

export const useMatrixStore = defineStore('matrix', () => {
  const lab = useLabStore();
  const drills = useDrillsStore();
  /** The window's bottom panel shows the matrix instead of the drills. */
  const shown = ref(false);
  const depth = ref<1 | 2>(1);
  const view = shallowRef<MatrixView | null>(null);
  /** The lab revision the matrix ran on: a matrix of an older document is marked as such. */
  const viewRevision = ref(-1);
  const running = ref<{ runId: string; done: number; total: number; current: string; etaMs: number | null } | null>(null);
  /** The run's heatmap while it fills: the cells finished so far, by index. */
  const partial = shallowRef<MatrixView | null>(null);
  let streamed: { header: MatrixHeader; cells: MatrixCellDetail[] } | null = null;
  const error = ref<string | null>(null);
  const cancelled = ref(false);
  /** Cancel was asked for and the service has not answered yet: the run's heatmap is gone, its cells are ignored. */
  const cancelling = ref(false);
  /** The cell whose drill is shown in the drill results, and the drill to keep it as. */
  const opened = shallowRef<{ cell: MatrixCellDetail; drill: Drill; drillToAdd: Drill } | null>(null);
  const opening = ref<number | null>(null);
  const stale = computed(() => view.value !== null && viewRevision.value !== lab.revision);
  /** What the heatmap shows: the run filling in, else the last finished matrix. */
  const shownView = computed(() => partial.value ?? view.value);
  const byIndex = computed(() => new Map((shownView.value?.cells ?? []).map((c) => [c.index, c])));
  const cellAt = (index: number): MatrixCellDetail | undefined => byIndex.value.get(index);

  async function run(): Promise<void> {
    const docId = lab.status?.docId;
    if (!docId || running.value) return;
    const runId = `matrix-${Date.now()}-${++runCounter}`;
    running.value = { runId, done: 0, total: 0, current: '', etaMs: null };
    error.value = null;
    cancelled.value = false;
    cancelling.value = false;
    streamed = null;
    redrawGap = REDRAW_FILLING_MS;
    const revision = lab.revision;
    try {
      await lab.settled();
      const next = await call('matrix.run', { docId, runId, depth: depth.value });
      if (lab.status?.docId !== docId) return; // another lab was opened meanwhile
      view.value = expandMatrixView(next);
      viewRevision.value = revision;
      if (opened.value && !view.value.cells.some((c) => c.id === opened.value!.cell.id)) opened.value = null;
    } catch (e) {
      if (e instanceof ApiRefusal && e.code === 'cancelled') cancelled.value = true;
      else error.value = e instanceof Error ? e.message : String(e);
    } finally {
      stopRedraws();
      cancelling.value = false;
      running.value = null;
      partial.value = null;
      streamed = null;
    }
    if (view.value && viewRevision.value !== lab.revision && !cancelled.value && !error.value) followEdits();
  }

  let redrawTimer: ReturnType<typeof setTimeout> | null = null;
  let lastRedraw = 0;
  /** How long the next redraw waits after the last one began: the minimum, or longer if the last one was slow. */
  let redrawGap = REDRAW_FILLING_MS;
  function stopRedraws(): void {
    if (redrawTimer) clearTimeout(redrawTimer);
    redrawTimer = null;
  }
  /** Shows the cells streamed so far. */
  function redrawFilling(): void {
    stopRedraws();
    if (!streamed) return;
    const began = Date.now();
    lastRedraw = began;
    const h = streamed.header;
    partial.value = { depth: h.depth, seed: h.seed, client: h.client, vms: h.vms, cells: [...streamed.cells].sort((a, b) => a.index - b.index), groups: [], lostAny: streamed.cells.some((c) => c.status === 'lost') };
    // The heatmap is patched on the next tick; what that took with the sort sets the gap before the next redraw.
    void nextTick(() => {
      const took = Date.now() - began;
      redrawGap = Math.max(REDRAW_FILLING_MS, (1 + REDRAW_IDLE_FACTOR) * took);
    });
  }

  /** Finished cells of the running matrix, shown as they come: the first at once, then a few times a second, so the
   * window stays responsive however fast they arrive. */
  function cellsFinished(p: EventPayload<'matrix.cells'>): void {
    if (!running.value || p.runId !== running.value.runId || cancelling.value) return;
    if (p.header) streamed = { header: p.header, cells: [] };
    if (!streamed) return;
    streamed.cells.push(...expandCells(streamed.header, p));
    running.value = { ...running.value, done: p.done, total: p.total, etaMs: p.etaMs };
    const sinceLast = Date.now() - lastRedraw;
    if (!partial.value || partial.value.cells.length === 0 || sinceLast >= redrawGap) redrawFilling();
    else if (!redrawTimer) redrawTimer = setTimeout(redrawFilling, redrawGap - sinceLast);
  }

  let followTimer: ReturnType<typeof setTimeout> | null = null;
  /** Runs the matrix again for the lab as edited, once the edits pause. */
  function followEdits(): void {
    if (followTimer) clearTimeout(followTimer);
    followTimer = setTimeout(() => {
      followTimer = null;
      if (view.value && stale.value && !running.value && lab.status?.docId) void run();
    }, FOLLOW_EDITS_AFTER_MS);
  }
  watch(
    () => lab.revision,
    () => {
      if (view.value && !running.value) followEdits();
    },
  );

  /**
   * Cancels the run. The filling heatmap goes at once and the cells still on their way are ignored, so a window
   * busy drawing thousands of squares is free again before the service has even heard; a run that finished
   * meanwhile is still shown.
   */
  async function cancel(): Promise<void> {
    if (!running.value || cancelling.value) return;
    cancelling.value = true;
    stopRedraws();
    partial.value = null;
    streamed = null;
    await call('run.cancel', { runId: running.value.runId }).catch(() => undefined);
  }

  function progress(p: EventPayload<'run.progress'>): void {
    if (running.value && p.runId === running.value.runId) running.value = { ...running.value, done: p.done, total: p.total, current: p.current };
  }

  /** Runs the cell's drill in full and shows its result where drill results are shown. */
  async function openCell(index: number): Promise<void> {
    const docId = lab.status?.docId;
    const cell = cellAt(index);
    const seed = shownView.value?.seed;
    if (!docId || !cell || seed === undefined) return;
    opening.value = index;
    error.value = null;
    try {
      await lab.settled();
      const answer = await call('matrix.runCell', { docId, cellId: cell.id, seed });
      if (lab.status?.docId !== docId) return;
      opened.value = { cell: answer.cell, drill: answer.drill, drillToAdd: answer.drillToAdd };
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
    if (followTimer) clearTimeout(followTimer);
    followTimer = null;
    view.value = null;
    opened.value = null;
    error.value = null;
    cancelled.value = false;
  }

  return {
    shown, depth, view, shownView, viewRevision, running, error, cancelled, cancelling, opened, opening, stale,
    cellAt, run, cancel, progress, cellsFinished, openCell, addOpenedAsDrill, forget,
  };
});
