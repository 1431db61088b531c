// File → Compare with…: the differences from another lab (a file or a bundled example) to the open
// one, in `lab-planner diff`'s words, with what they are about marked on the canvas until closed.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { LabChangeView, RequestParams } from '../../shared/api.js';
import { call, ApiRefusal } from '../api/client.js';
import { useLabStore } from './lab.js';
import { useSelectionStore } from './selection.js';
import { canvasHolder } from '../canvas/current.js';

export type CompareTarget = Pick<RequestParams<'lab.compare'>, 'path' | 'example'>;

export const useLabCompareStore = defineStore('labCompare', () => {
  const lab = useLabStore();
  const selection = useSelectionStore();
  /** The chooser is open (the browser host, or Electron when the native dialog is not used). */
  const choosing = ref(false);
  const result = shallowRef<{ other: string; changes: LabChangeView[]; target: CompareTarget; docId: string; revision: number } | null>(null);
  const error = ref<string | null>(null);
  /** Every element a difference is about, once. */
  const marked = computed(() => [...new Set(result.value?.changes.flatMap((c) => c.elements) ?? [])]);
  /** The open lab changed since the comparison: offer to compare again. */
  const outdated = computed(() => result.value !== null && result.value.revision !== lab.revision);

  /** Electron picks the file in its open dialog; the browser host shows the window's own chooser. */
  async function choose(canPickFiles: boolean): Promise<void> {
    error.value = null;
    if (!canPickFiles) {
      choosing.value = true;
      return;
    }
    await compareWith({});
  }

  async function compareWith(target: CompareTarget): Promise<void> {
    const docId = lab.status?.docId;
    if (!docId) return;
    error.value = null;
    try {
      await lab.settled();
      const revision = lab.revision;
      const answer = await call('lab.compare', { docId, ...target });
      result.value = { ...answer, target, docId, revision };
      choosing.value = false;
    } catch (e) {
      if (e instanceof ApiRefusal && e.code === 'cancelled') return;
      if (e instanceof ApiRefusal && e.code === 'needs-path') {
        choosing.value = true;
        return;
      }
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  const again = () => (result.value ? compareWith(result.value.target) : Promise.resolve());

  /** Selects what the difference is about and brings it into view. */
  function reveal(change: LabChangeView): void {
    if (change.elements.length === 0) return;
    selection.select(change.elements);
    canvasHolder.adapter?.centreOn(change.elements[0]);
  }

  function close(): void {
    result.value = null;
    choosing.value = false;
    error.value = null;
  }

  return { choosing, result, error, marked, outdated, choose, compareWith, again, reveal, close };
});
