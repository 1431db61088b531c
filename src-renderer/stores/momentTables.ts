// The step tables at the drill clock's moment: asked of the service (drills.stateAt) once the clock rests,
// with the tables of the step the moment falls in shown meanwhile, and the stale entry the engineer opened.
import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { Snapshot } from '../../shared/drill.js';
import { call } from '../api/client.js';
import { useLabStore } from './lab.js';
import { useDrillsStore } from './drills.js';

/** The clock must rest this long before the tables are asked for, so dragging the scrubber stays smooth. */
export const TABLES_DEBOUNCE_MS = 150;

export const useMomentTablesStore = defineStore('momentTables', () => {
  const lab = useLabStore();
  const drills = useDrillsStore();
  /** The tables and the moment they are for; null until the service answered for this result. */
  const tables = shallowRef<{ atMs: number; snapshot: Snapshot } | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** The team VM-table row the engineer opened from the canvas badge: "team:HostB/VM-Team 1.1.1.1". */
  const openedEntry = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let asked = 0;

  async function fetchAt(atMs: number): Promise<void> {
    const docId = lab.status?.docId;
    const source = drills.source;
    if (!docId || !source) return;
    const ticket = ++asked;
    loading.value = true;
    try {
      const answer = await call('drills.stateAt', { docId, ...source, atMs });
      if (ticket !== asked) return;
      tables.value = { atMs, snapshot: answer.snapshot };
      error.value = null;
    } catch (e) {
      if (ticket !== asked) return;
      tables.value = null;
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (ticket === asked) loading.value = false;
    }
  }

  /** The tables are asked for only while they are on screen: each answer re-runs the drill to the moment. */
  const shown = () => drills.resultsOpen && drills.resultsView === 'tables';

  watch(
    () => [drills.result, drills.atMs, shown()] as const,
    ([result, atMs, visible], before) => {
      if (timer) clearTimeout(timer);
      if (!result || (before && before[0] !== result)) tables.value = null;
      if (!result || !visible) {
        loading.value = false;
        return;
      }
      if (tables.value?.atMs === atMs) return;
      loading.value = true;
      timer = setTimeout(() => void fetchAt(atMs), TABLES_DEBOUNCE_MS);
    },
  );

  function openEntry(teamElement: string, ip: string): void {
    openedEntry.value = `${teamElement} ${ip}`;
  }

  return { tables, loading, error, openedEntry, openEntry };
});
