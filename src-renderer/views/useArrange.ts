// Snap to grid (a remembered toggle) and align / distribute of the selected hosts, switches and clients: one edit each.
import { ref, watch } from 'vue';
import { useLabStore } from '../stores/lab.js';
import { useSelectionStore } from '../stores/selection.js';
import { arrangeMoves, type Arrangement } from '../canvas/arrange.js';
import { footprint, placedIds } from '../canvas/placement.js';
import { defaultAnchors } from '../canvas/elements.js';
import { movePositions, type Position } from '../stores/edits.js';

export type { Arrangement };

const SNAP_KEY = 'lab-planner.snap-to-grid';
function storedSnap(): boolean {
  try {
    return globalThis.localStorage?.getItem(SNAP_KEY) === 'on';
  } catch {
    return false;
  }
}
const snap = ref(storedSnap());
watch(snap, (on) => {
  try {
    globalThis.localStorage?.setItem(SNAP_KEY, on ? 'on' : 'off');
  } catch {
    // not remembered, still applied
  }
});

export const ARRANGE_WORDS: Record<Arrangement, { title: string; least: number }> = {
  left: { title: 'Align left edges', least: 2 },
  centre: { title: 'Align centres (horizontally)', least: 2 },
  right: { title: 'Align right edges', least: 2 },
  top: { title: 'Align top edges', least: 2 },
  middle: { title: 'Align middles (vertically)', least: 2 },
  bottom: { title: 'Align bottom edges', least: 2 },
  horizontally: { title: 'Distribute horizontally', least: 3 },
  vertically: { title: 'Distribute vertically', least: 3 },
};

export function useArrange() {
  const lab = useLabStore();
  const selection = useSelectionStore();

  /** The selected elements that have a place of their own: hosts, switches and clients. */
  function movableSelection(): string[] {
    const doc = lab.doc;
    if (!doc) return [];
    const placed = new Set(placedIds(doc));
    return selection.ids.filter((id) => placed.has(id));
  }

  function arrange(how: Arrangement): void {
    const doc = lab.doc;
    if (!doc) return;
    const defaults = defaultAnchors(doc);
    const anchors = new Map(movableSelection().map((id) => [id, doc.layout.positions[id] ?? defaults.get(id) ?? { x: 0, y: 0 }]));
    const items = [...anchors].map(([id, p]) => {
      const f = footprint(doc, id);
      return { id, box: { x1: f.x1 + p.x, y1: f.y1 + p.y, x2: f.x2 + p.x, y2: f.y2 + p.y } };
    });
    const moves: Record<string, Position> = {};
    for (const [id, d] of arrangeMoves(items, how)) {
      const p = anchors.get(id)!;
      moves[id] = { x: p.x + d.x, y: p.y + d.y };
    }
    lab.edit(ARRANGE_WORDS[how].title, (d) => movePositions(d, moves));
  }

  const toggleSnap = () => (snap.value = !snap.value);
  return { snap, toggleSnap, movableSelection, arrange };
}
