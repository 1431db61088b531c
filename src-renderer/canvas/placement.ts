// Where new elements go: the free space nearest the selection or the view centre, never on top of another element.
import type { Lab } from '../../shared/lab.js';
import { hostId, switchId, clientId } from '../../shared/checks.js';
import { defaultAnchors, groupVms, hostPartOffsets, switchPortOffset, type Point } from './elements.js';

/** A box in model coordinates. */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Room kept between a new element and its neighbours. */
export const PLACEMENT_GAP = 40;
const TITLE = 44;

/** The box an element's drawing takes, relative to its anchor (the stored position): parts, padding and the title above. */
export function footprint(lab: Lab, id: string, vmsOf: (host: string) => string[] = (host) => lab.vms.filter((v) => v.host === host).map((v) => v.name)): Box {
  const host = lab.hosts.find((h) => hostId(h.name) === id);
  if (host) {
    const offsets = [...hostPartOffsets(host, vmsOf(host.name)).values()];
    if (offsets.length === 0) return { x1: -60, y1: -40 - TITLE, x2: 60, y2: 40 };
    const xs = offsets.map((p) => p.x);
    const ys = offsets.map((p) => p.y);
    return { x1: Math.min(...xs) - 93, y1: Math.min(...ys) - 45 - TITLE, x2: Math.max(...xs) + 93, y2: Math.max(...ys) + 45 };
  }
  const sw = lab.switches.find((s) => switchId(s.name) === id);
  if (sw) {
    const last = switchPortOffset(Math.min(sw.ports, 12));
    const bottom = switchPortOffset(sw.ports);
    return { x1: -22, y1: -22 - TITLE, x2: last.x + 22, y2: bottom.y + 22 };
  }
  return { x1: -52, y1: -28, x2: 52, y2: 28 };
}

/** The ids of the elements that take room on the canvas of their own: hosts, switches and clients. */
export function placedIds(lab: Lab): string[] {
  return [...lab.hosts.map((h) => hostId(h.name)), ...lab.switches.map((s) => switchId(s.name)), ...lab.clients.map((c) => clientId(c.name))];
}

const at = (box: Box, p: Point): Box => ({ x1: box.x1 + p.x, y1: box.y1 + p.y, x2: box.x2 + p.x, y2: box.y2 + p.y });

/** Where each placed element's drawing is, from the layout (or the default place the canvas gives it). */
export function laidOutBoxes(lab: Lab, except: ReadonlySet<string> = new Set()): Box[] {
  const defaults = defaultAnchors(lab);
  // Each host's VMs found in one pass over the lab's, not one pass per host.
  const vms = groupVms(lab);
  return placedIds(lab)
    .filter((id) => !except.has(id))
    .map((id) => at(footprint(lab, id, (host) => vms.get(host) ?? []), lab.layout.positions[id] ?? defaults.get(id) ?? { x: 0, y: 0 }));
}

const clear = (a: Box, b: Box, gap: number) => a.x2 + gap <= b.x1 || b.x2 + gap <= a.x1 || a.y2 + gap <= b.y1 || b.y2 + gap <= a.y1;

/**
 * The anchor at which an element of footprint `shape` overlaps none of `boxes` (with `gap` between), its centre as near
 * `near` as can be. Candidates lie on rings of a 20-unit grid, searched nearest first; pure, so it is the same everywhere.
 */
export function freeSpot(boxes: readonly Box[], shape: Box, near: Point, gap = PLACEMENT_GAP): Point {
  const step = 20;
  const wanted = { x: near.x - (shape.x1 + shape.x2) / 2, y: near.y - (shape.y1 + shape.y2) / 2 };
  const start = { x: Math.round(wanted.x / step) * step, y: Math.round(wanted.y / step) * step };
  // The boxes nearest the wanted spot first: the one that rules a candidate out is then mostly the first looked at.
  const centre = (b: Box) => ((b.x1 + b.x2) / 2 - near.x) ** 2 + ((b.y1 + b.y2) / 2 - near.y) ** 2;
  const nearFirst = boxes.map((b) => ({ b, d: centre(b) })).sort((a, b) => a.d - b.d).map((e) => e.b);
  const fits = (x: number, y: number) => {
    const placed = { x1: shape.x1 + x, y1: shape.y1 + y, x2: shape.x2 + x, y2: shape.y2 + y };
    for (const b of nearFirst) if (!clear(placed, b, gap)) return false;
    return true;
  };
  if (fits(start.x, start.y)) return start;
  for (let ring = 1; ring <= 400; ring++) {
    // The nearest candidate of the ring that fits; between equally near ones, the first in the ring's order. A
    // candidate no nearer than the best so far is not tried.
    let best: Point | null = null;
    let bestDistance = Infinity;
    const consider = (x: number, y: number) => {
      const distance = (x - wanted.x) ** 2 + (y - wanted.y) ** 2;
      if (distance < bestDistance && fits(x, y)) {
        best = { x, y };
        bestDistance = distance;
      }
    };
    for (let i = -ring; i <= ring; i++) {
      consider(start.x + i * step, start.y - ring * step);
      consider(start.x + i * step, start.y + ring * step);
      if (Math.abs(i) < ring) {
        consider(start.x - ring * step, start.y + i * step);
        consider(start.x + ring * step, start.y + i * step);
      }
    }
    if (best) return best;
  }
  // Nothing free within reach: to the right of everything.
  return { x: Math.max(...boxes.map((b) => b.x2)) + gap - shape.x1, y: start.y };
}

/** Puts the element `id` of the draft at the free spot nearest `near`, away from every other element. */
export function placeInFreeSpace(lab: Lab, id: string, near: Point): Point {
  const spot = freeSpot(laidOutBoxes(lab, new Set([id])), footprint(lab, id), near);
  lab.layout.positions[id] = spot;
  return spot;
}

/** The same for a point meant as the element's anchor (where a palette item was dropped): its centre goes where the anchor puts it. */
export function placeAtFreeAnchor(lab: Lab, id: string, anchor: Point): Point {
  const f = footprint(lab, id);
  return placeInFreeSpace(lab, id, { x: anchor.x + (f.x1 + f.x2) / 2, y: anchor.y + (f.y1 + f.y2) / 2 });
}
