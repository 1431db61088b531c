// Placing palette items: the lab edit, the selection of the new element, the host a VM goes to.
import { ref } from 'vue';
import { useLabStore } from '../stores/lab.js';
import { useSelectionStore } from '../stores/selection.js';
import { resolveElement } from '../stores/elements.js';
import type { Position } from '../stores/edits.js';
import { placeItem, PALETTE, type PaletteItem } from './paletteItems.js';
import { placeAtFreeAnchor, placedIds } from '../canvas/placement.js';

export const switchPorts = ref(24);
export const paletteError = ref<string | null>(null);

export function usePalette() {
  const lab = useLabStore();
  const selection = useSelectionStore();

  /** The host a new VM goes to: the selected host (or the host of the selected part). */
  function targetHost(): string | undefined {
    const id = selection.single;
    const doc = lab.doc;
    if (!id || !doc) return undefined;
    const ref = resolveElement(doc, id);
    if (!ref) return undefined;
    if ('host' in ref) return doc.hosts[ref.host]?.name;
    if (ref.kind === 'vm') return doc.vms[ref.vm]?.host;
    return undefined;
  }

  /** Adds the item anchored as near `at` as the free space allows: never on top of another element. */
  function place(item: PaletteItem, at: Position): void {
    let added = '';
    const host = targetHost();
    const label = PALETTE.find((p) => p.item === item)?.label ?? item;
    paletteError.value = lab.edit(`Add ${label}`, (d) => {
      added = placeItem(d, item, at, { ports: switchPorts.value, ...(host ? { host } : {}) });
      if (placedIds(d).includes(added)) placeAtFreeAnchor(d, added, at);
    });
    if (!paletteError.value && added) selection.select([added]);
  }
  return { place };
}
