// Draws only the rows of a long list that are in view (fixed row height), so thousands of rows scroll smoothly.
import { computed, ref, type Ref } from 'vue';

export const OVERSCAN = 8;

/** The slice of `count` rows of `rowHeight` px that a viewport of `viewHeight` px scrolled to `scrollTop` shows. */
export function visibleRange(count: number, rowHeight: number, scrollTop: number, viewHeight: number): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + viewHeight) / rowHeight) + OVERSCAN);
  return { first, last: Math.max(first, last) };
}

export function useWindowedRows<T>(rows: Ref<readonly T[]>, rowHeight: number, viewHeight: number) {
  const scrollTop = ref(0);
  const range = computed(() => visibleRange(rows.value.length, rowHeight, scrollTop.value, viewHeight));
  const shown = computed(() => rows.value.slice(range.value.first, range.value.last).map((row, i) => ({ row, index: range.value.first + i })));
  const onScroll = (e: Event) => (scrollTop.value = (e.target as HTMLElement).scrollTop);
  /** Scrolls the viewport element so row `index` is in view. */
  function scrollTo(viewport: HTMLElement | null, index: number): void {
    if (!viewport) return;
    const top = index * rowHeight;
    if (top < viewport.scrollTop || top + rowHeight > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = Math.max(0, top - viewport.clientHeight / 2);
    scrollTop.value = viewport.scrollTop;
  }
  return { shown, onScroll, scrollTo, totalHeight: computed(() => rows.value.length * rowHeight) };
}
