// Elements the canvas brings to the eye: those of a design check or a matrix cell, pinned by a click or shown while hovered.
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';

/** error, warning, info: a design check's severity; event: what a what-if case acts on. */
export type FocusTone = 'error' | 'warning' | 'info' | 'event';
export interface Focus {
  /** Who asked, e.g. "check:3" or "cell:12": a second click on the same thing lets go. */
  key: string;
  ids: readonly string[];
  tone: FocusTone;
}

export const useFocusStore = defineStore('focus', () => {
  const pinned = shallowRef<Focus | null>(null);
  const hovered = shallowRef<Focus | null>(null);
  const current = computed(() => hovered.value ?? pinned.value);

  /** Pins the focus, or lets it go when the same key is pinned already. */
  function toggle(next: Focus): boolean {
    pinned.value = pinned.value?.key === next.key ? null : next;
    return pinned.value !== null;
  }

  const pin = (next: Focus | null) => (pinned.value = next);
  const hover = (next: Focus | null) => (hovered.value = next);
  function clear(): void {
    pinned.value = null;
    hovered.value = null;
  }

  return { pinned, hovered, current, toggle, pin, hover, clear };
});
