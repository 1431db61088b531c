// What the engineer has selected on the canvas (element ids of shared/checks.ts).
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';

export const useSelectionStore = defineStore('selection', () => {
  const ids = shallowRef<readonly string[]>([]);
  const single = computed(() => (ids.value.length === 1 ? ids.value[0] : null));

  function select(next: readonly string[]): void {
    const same = next.length === ids.value.length && next.every((id, i) => id === ids.value[i]);
    if (!same) ids.value = [...next];
  }

  const clear = () => select([]);
  return { ids, single, select, clear };
});
