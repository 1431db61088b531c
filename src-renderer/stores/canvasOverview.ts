// How the canvas shows a big lab: the find box, the minimap, and which hosts are drawn collapsed (for this window session).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { useLabStore } from './lab.js';
import { isBigLab } from '../canvas/minimapView.js';

export type MinimapSetting = 'auto' | 'shown' | 'hidden';

export const useCanvasOverviewStore = defineStore('canvasOverview', () => {
  const lab = useLabStore();

  // ---- find ----
  const findOpen = ref(false);
  /** Bumped on every "find" so a box already open takes the focus again. */
  const findRequest = ref(0);
  function openFind(): void {
    findOpen.value = true;
    findRequest.value++;
  }
  const closeFind = () => (findOpen.value = false);

  // ---- minimap ----
  const minimap = ref<MinimapSetting>('auto');
  const bigLab = computed(() => (lab.doc ? isBigLab(lab.doc) : false));
  const minimapShown = computed(() => (minimap.value === 'auto' ? bigLab.value : minimap.value === 'shown'));
  const toggleMinimap = () => (minimap.value = minimapShown.value ? 'hidden' : 'shown');

  // ---- collapsed hosts: remembered per lab for this session, not written into the lab ----
  const collapsedByDoc = new Map<string, ReadonlySet<string>>();
  const collapsed = shallowRef<ReadonlySet<string>>(new Set());
  watch(
    () => lab.status?.docId ?? null,
    (docId) => (collapsed.value = (docId && collapsedByDoc.get(docId)) || new Set()),
  );
  function setCollapsed(next: ReadonlySet<string>): void {
    collapsed.value = next;
    const docId = lab.status?.docId;
    if (docId) collapsedByDoc.set(docId, next);
  }
  const collapse = (hosts: readonly string[]) => setCollapsed(new Set([...collapsed.value, ...hosts]));
  const expand = (hosts: readonly string[]) => setCollapsed(new Set([...collapsed.value].filter((h) => !hosts.includes(h))));
  const isCollapsed = (host: string) => collapsed.value.has(host);
  const collapseAll = () => setCollapsed(new Set(lab.doc?.hosts.map((h) => h.name) ?? []));
  const expandAll = () => setCollapsed(new Set());

  return { findOpen, findRequest, openFind, closeFind, minimap, bigLab, minimapShown, toggleMinimap, collapsed, collapse, expand, isCollapsed, collapseAll, expandAll };
});
