// Align and distribute a multi-selection, and snap to grid: pure moves of anchors computed from the elements' boxes.
import type { Box } from './placement.js';
import type { Point } from './elements.js';

export type Arrangement = 'left' | 'centre' | 'right' | 'top' | 'middle' | 'bottom' | 'horizontally' | 'vertically';

/** The grid snapping rounds anchors to, in model units. */
export const GRID = 20;

export const snapPoint = (p: Point, grid = GRID): Point => ({ x: Math.round(p.x / grid) * grid, y: Math.round(p.y / grid) * grid });

/** How far each element moves (by id) to align its box with the others' or to spread the boxes evenly. */
export function arrangeMoves(items: readonly { id: string; box: Box }[], how: Arrangement): Map<string, Point> {
  const moves = new Map<string, Point>();
  if (items.length < 2) return moves;
  const minX = Math.min(...items.map((i) => i.box.x1));
  const maxX = Math.max(...items.map((i) => i.box.x2));
  const minY = Math.min(...items.map((i) => i.box.y1));
  const maxY = Math.max(...items.map((i) => i.box.y2));
  const set = (id: string, dx: number, dy: number) => moves.set(id, { x: Math.round(dx), y: Math.round(dy) });
  for (const { id, box } of items) {
    if (how === 'left') set(id, minX - box.x1, 0);
    else if (how === 'right') set(id, maxX - box.x2, 0);
    else if (how === 'centre') set(id, (minX + maxX) / 2 - (box.x1 + box.x2) / 2, 0);
    else if (how === 'top') set(id, 0, minY - box.y1);
    else if (how === 'bottom') set(id, 0, maxY - box.y2);
    else if (how === 'middle') set(id, 0, (minY + maxY) / 2 - (box.y1 + box.y2) / 2);
  }
  if (how === 'horizontally' || how === 'vertically') {
    const x = how === 'horizontally';
    const lo = (b: Box) => (x ? b.x1 : b.y1);
    const size = (b: Box) => (x ? b.x2 - b.x1 : b.y2 - b.y1);
    const sorted = [...items].sort((a, b) => lo(a.box) - lo(b.box));
    const span = (x ? maxX - minX : maxY - minY) - sorted.reduce((n, i) => n + size(i.box), 0);
    const gap = span / (sorted.length - 1);
    let at = x ? minX : minY;
    for (const { id, box } of sorted) {
      const d = at - lo(box);
      set(id, x ? d : 0, x ? 0 : d);
      at += size(box) + gap;
    }
  }
  return moves;
}
