// Cable routes: orthogonal runs that leave a host below its NICs and a switch beside its port, go round the boxes
// in between, and run side by side in lanes where several share a way. Drawn as Cytoscape `segments` edges.
import type { CanvasElement, Point } from './elements.js';

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Node sizes as style.ts draws them (the wider virtual switch), for the boxes' extents. */
const SIZE: Record<string, [number, number]> = { nic: [80, 40], team: [110, 38], vswitch: [150, 38], vm: [96, 54], port: [24, 24], client: [104, 56] };
const PADDING: Record<string, number> = { host: 20, switch: 12 };
/** A host's or switch's name sits above its box. */
const TITLE = 36;
/** Space between a box and the first lane, and between two lanes. */
export const CLEARANCE = 12;
export const LANE = 7;
const PORT_GAP = 15;
/** A collapsed host's one box as style.ts draws it: no padding, its double border drawn half outside. */
export const COLLAPSED_HOST = { width: 280, height: 90, border: 4 };

const isCollapsedHost = (e: CanvasElement) => e.group === 'nodes' && e.data.kind === 'host' && (e.classes ?? '').split(' ').includes('collapsed');

function collapsedBox(at: Point): Box {
  const w = (COLLAPSED_HOST.width + COLLAPSED_HOST.border) / 2;
  const h = (COLLAPSED_HOST.height + COLLAPSED_HOST.border) / 2;
  return { x1: at.x - w, y1: at.y - h, x2: at.x + w, y2: at.y + h };
}

/** The boxes of the compounds (hosts, switches), title included, from their parts' positions; a collapsed host's own box. */
export function compoundBoxes(elements: readonly CanvasElement[]): Map<string, Box> {
  const kindOf = new Map<string, string>();
  for (const e of elements) if (e.group === 'nodes') kindOf.set(e.data.id, e.data.kind);
  const boxes = new Map<string, Box>();
  for (const e of elements) if (isCollapsedHost(e) && e.position) boxes.set(e.data.id, collapsedBox(e.position));
  for (const e of elements) {
    const parent = e.data.parent;
    if (e.group !== 'nodes' || !parent || !e.position) continue;
    const [w, h] = SIZE[e.data.kind] ?? [84, 44];
    const pad = PADDING[kindOf.get(parent) ?? 'host'] ?? 20;
    const b = boxes.get(parent);
    const x1 = e.position.x - w / 2 - pad;
    const x2 = e.position.x + w / 2 + pad;
    const y1 = e.position.y - h / 2 - pad - TITLE;
    const y2 = e.position.y + h / 2 + pad;
    if (!b) boxes.set(parent, { x1, y1, x2, y2 });
    else boxes.set(parent, { x1: Math.min(b.x1, x1), y1: Math.min(b.y1, y1), x2: Math.max(b.x2, x2), y2: Math.max(b.y2, y2) });
  }
  return boxes;
}

interface End {
  at: Point;
  box: Box;
  boxId: string;
  /** +1 leaves downwards, -1 upwards. */
  dir: 1 | -1;
  /** Where the vertical run out of the box is: the plug's own x, or the gap beside a port with ports beyond it. */
  x: number;
  /**
   * On a collapsed host's box, the point of its bottom edge the cable starts from, relative to the box's centre
   * (Cytoscape's source-/target-endpoint), so Cytoscape need not find the border on the line to the first bend.
   */
  door?: Point;
}

/** `doorX`: where a cable leaves a collapsed host's box (boxDoors). */
function endOf(node: CanvasElement, other: Point, boxes: Map<string, Box>, doorX?: number): End | null {
  const at = node.position;
  if (!at) return null;
  const own = isCollapsedHost(node) ? boxes.get(node.data.id) : undefined;
  if (own) {
    const x = doorX ?? at.x;
    return { at, box: own, boxId: node.data.id, dir: 1, x, door: { x: x - at.x, y: own.y2 - at.y } };
  }
  const parent = node.data.parent;
  const box = parent ? boxes.get(parent) : undefined;
  if (!box || !parent) {
    const [w, h] = SIZE[node.data.kind] ?? [84, 44];
    return { at, box: { x1: at.x - w / 2, y1: at.y - h / 2, x2: at.x + w / 2, y2: at.y + h / 2 }, boxId: node.data.id, dir: other.y >= at.y ? 1 : -1, x: at.x };
  }
  if (node.data.kind === 'port') {
    const dir = other.y >= (box.y1 + box.y2) / 2 ? 1 : -1;
    // A port with another row of ports between it and the side it leaves by runs out through the gap between columns.
    const edgeRow = dir > 0 ? at.y + 12 + PADDING.switch + 2 >= box.y2 : at.y - 12 - PADDING.switch - TITLE - 2 <= box.y1;
    return { at, box, boxId: parent, dir, x: edgeRow ? at.x : at.x + PORT_GAP };
  }
  // A host's NICs are its bottom row: a cable leaves the host below them.
  return { at, box, boxId: parent, dir: 1, x: at.x };
}

const crossesVertical = (b: Box, x: number, ya: number, yb: number) => x > b.x1 && x < b.x2 && Math.max(ya, yb) > b.y1 && Math.min(ya, yb) < b.y2;

/** A vertical run at `x` from `ya` to `yb` moved sideways until no box is in its way (a few tries), to the side nearer `from`. */
export function clearColumn(x: number, ya: number, yb: number, obstacles: readonly Box[], from = x): number {
  const target = x;
  for (let tries = 0; tries < 8; tries++) {
    const hit = obstacles.find((b) => crossesVertical(b, x, ya, yb));
    if (!hit) return x;
    const left = hit.x1 - CLEARANCE;
    const right = hit.x2 + CLEARANCE;
    const cost = (side: number) => Math.abs(side - from) + Math.abs(side - target);
    x = cost(left) <= cost(right) ? left : right;
  }
  return x;
}

const crossesHorizontal = (b: Box, y: number, xa: number, xb: number) => y > b.y1 && y < b.y2 && Math.max(xa, xb) > b.x1 && Math.min(xa, xb) < b.x2;

/** A horizontal run at `y` from `xa` to `xb` pushed further out (down for `dir` +1, up for -1) past the boxes in its way. */
export function clearRow(y: number, xa: number, xb: number, dir: 1 | -1, obstacles: readonly Box[], lane = 0): number {
  for (let tries = 0; tries < 8; tries++) {
    const hit = obstacles.find((b) => crossesHorizontal(b, y, xa, xb));
    if (!hit) return y;
    y = dir > 0 ? hit.y2 + CLEARANCE + lane * LANE : hit.y1 - CLEARANCE - lane * LANE;
  }
  return y;
}

/** Lanes: the n-th user of a way (a side of a box, a column) runs n lanes further out. */
class Lanes {
  private readonly used = new Map<string, number>();
  take(key: string): number {
    const n = this.used.get(key) ?? 0;
    this.used.set(key, n + 1);
    return n;
  }
}

/** The waypoints of a cable between two plugs, the plugs themselves left out. */
export function routePoints(a: End, b: End, obstacles: readonly Box[], lanes: Lanes): Point[] {
  const laneA = lanes.take(`${a.boxId}:${a.dir}`);
  const laneB = lanes.take(`${b.boxId}:${b.dir}`);
  const exitY = (e: End, lane: number) => (e.dir > 0 ? e.box.y2 + CLEARANCE + lane * LANE : e.box.y1 - CLEARANCE - lane * LANE);
  let ya = exitY(a, laneA);
  let yb = exitY(b, laneB);
  const out: Point[] = [];
  if (a.x !== a.at.x && !a.door) out.push({ x: a.x, y: a.at.y });
  out.push({ x: a.x, y: ya });
  const facing = (a.dir > 0 && b.dir < 0 && ya <= yb) || (a.dir < 0 && b.dir > 0 && ya >= yb);
  if (facing) {
    // The boxes face each other: one horizontal run in the channel between them.
    const ym = Math.round((ya + yb) / 2);
    out.push({ x: a.x, y: ym }, { x: b.x, y: ym });
  } else {
    const column = clearColumn(b.x, ya, yb, obstacles, a.x);
    const lane = column === b.x ? 0 : lanes.take(`column:${Math.round(column / 20)}`);
    let x = column === b.x ? column : column + (column < b.x ? -lane : lane) * LANE;
    // A lane that would run through a box beside the column shares the column instead.
    if (x !== column && obstacles.some((o) => crossesVertical(o, x, ya, yb))) x = column;
    // The runs to and from the column go past the boxes beside them (a taller host next door).
    ya = clearRow(ya, a.x, x, a.dir, obstacles, laneA);
    yb = clearRow(yb, x, b.x, b.dir, obstacles, laneB);
    out[out.length - 1] = { x: a.x, y: ya };
    out.push({ x, y: ya }, { x, y: yb });
  }
  out.push({ x: b.x, y: yb });
  if (b.x !== b.at.x && !b.door) out.push({ x: b.x, y: b.at.y });
  return simplify([a.at, ...out, b.at]).slice(1, -1);
}

/** Drops repeated points and points in the middle of a straight run. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out.at(-1);
    if (last && Math.abs(last.x - p.x) < 0.5 && Math.abs(last.y - p.y) < 0.5) continue;
    const prev = out.at(-2);
    if (prev && last && ((Math.abs(prev.x - last.x) < 0.5 && Math.abs(last.x - p.x) < 0.5) || (Math.abs(prev.y - last.y) < 0.5 && Math.abs(last.y - p.y) < 0.5))) out.pop();
    out.push(p);
  }
  return out;
}

/** Waypoints as Cytoscape's segment weights and distances (edge-distances: node-position) from source to target. */
export function toSegments(source: Point, target: Point, points: readonly Point[]): { weights: number[]; distances: number[] } | null {
  const dx = target.x - source.x;
  const dy = target.y - source.y;
  const length2 = dx * dx + dy * dy;
  if (length2 < 1) return null;
  const length = Math.sqrt(length2);
  // A weight is a fraction of the whole cable: on a cable 5,000 units long a thousandth is 5 units, enough to put a
  // bend inside the port beside it (which Cytoscape cannot draw); a millionth is well under a pixel. A distance is in
  // units already.
  const round = (v: number, per: number) => Math.round(v * per) / per;
  const weights: number[] = [];
  const distances: number[] = [];
  for (const p of points) {
    const vx = p.x - source.x;
    const vy = p.y - source.y;
    weights.push(round((vx * dx + vy * dy) / length2, 1e6));
    // Cytoscape's normal is (-dy, dx) / length.
    distances.push(round((vx * -dy + vy * dx) / length, 1e3));
  }
  return { weights, distances };
}

type CableEnd = 'source' | 'target';
const doorKey = (cable: CanvasElement, end: CableEnd) => `${cable.data.id} ${end}`;

/**
 * Where each cable leaves a collapsed host's box: spread along its bottom edge in the order of where the cables go,
 * left to right, so that they do not cross under the box.
 */
function boxDoors(cables: readonly CanvasElement[], byId: ReadonlyMap<string, CanvasElement>, boxes: ReadonlyMap<string, Box>): Map<string, number> {
  const onBox = new Map<string, { key: string; towards: number }[]>();
  for (const cable of cables) {
    for (const [end, other] of [['source', 'target'], ['target', 'source']] as const) {
      const node = byId.get(cable.data[end]!);
      if (!node || !isCollapsedHost(node)) continue;
      const list = onBox.get(node.data.id) ?? [];
      list.push({ key: doorKey(cable, end), towards: byId.get(cable.data[other]!)?.position?.x ?? 0 });
      onBox.set(node.data.id, list);
    }
  }
  const doors = new Map<string, number>();
  for (const [id, list] of onBox) {
    const box = boxes.get(id);
    if (!box) continue;
    list.sort((p, q) => p.towards - q.towards);
    list.forEach((d, i) => doors.set(d.key, Math.round(box.x1 + ((box.x2 - box.x1) * (i + 1)) / (list.length + 1))));
  }
  return doors;
}

/** Gives every cable of the elements its route, in place; a cable that cannot be routed is drawn straight. */
export function routeCables(elements: CanvasElement[]): void {
  const boxes = compoundBoxes(elements);
  const byId = new Map<string, CanvasElement>();
  for (const e of elements) if (e.group === 'nodes') byId.set(e.data.id, e);
  const obstacles = [...boxes.values()];
  const lanes = new Lanes();
  const cables = elements.filter((e) => e.group === 'edges' && e.data.kind === 'cable');
  const doors = boxDoors(cables, byId, boxes);
  // Cables leave a box in order of their plugs (or doors) from left to right, so lanes of one bundle do not cross.
  const plugX = (c: CanvasElement) => doors.get(doorKey(c, 'source')) ?? byId.get(c.data.source!)?.position?.x ?? 0;
  cables.sort((p, q) => plugX(p) - plugX(q));
  for (const cable of cables) {
    // A route from an earlier drawing (a host since collapsed or opened) would be read against the wrong ends.
    for (const key of ['segmentWeights', 'segmentDistances', 'sourceEndpoint', 'targetEndpoint'] as const) delete cable.data[key];
    const s = byId.get(cable.data.source!);
    const t = byId.get(cable.data.target!);
    if (!s?.position || !t?.position) continue;
    const a = endOf(s, t.position, boxes, doors.get(doorKey(cable, 'source')));
    const b = endOf(t, s.position, boxes, doors.get(doorKey(cable, 'target')));
    if (!a || !b) continue;
    const seg = toSegments(s.position, t.position, routePoints(a, b, obstacles, lanes));
    if (!seg || seg.weights.length === 0) continue;
    cable.data.segmentWeights = seg.weights.join(' ');
    cable.data.segmentDistances = seg.distances.join(' ');
    if (a.door) cable.data.sourceEndpoint = `${a.door.x} ${a.door.y}`;
    if (b.door) cable.data.targetEndpoint = `${b.door.x} ${b.door.y}`;
  }
}
