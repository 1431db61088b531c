// Where Cytoscape draws a routed cable, worked out from the elements as routing.ts leaves them.
import type { CanvasElement, Point } from '../../../src-renderer/canvas/elements.js';
import type { Box } from '../../../src-renderer/canvas/routing.js';

const numbers = (s: string | undefined) => (s ?? '').split(' ').filter(Boolean).map(Number);

/** An end fixed on its node (source-/target-endpoint, relative to the node's centre), or the node's centre. */
function endAt(centre: Point, endpoint: string | undefined): Point {
  const [dx, dy] = numbers(endpoint);
  return endpoint ? { x: centre.x + dx, y: centre.y + dy } : centre;
}

/** The polyline Cytoscape draws for a routed cable: source, the segment points (edge-distances: node-position), target. */
export function polyline(elements: readonly CanvasElement[], id: string): Point[] {
  const edge = elements.find((e) => e.data.id === id)!;
  const at = (nodeId: string) => elements.find((e) => e.data.id === nodeId)!.position!;
  const s = at(edge.data.source!);
  const t = at(edge.data.target!);
  const w = numbers(edge.data.segmentWeights);
  const d = numbers(edge.data.segmentDistances);
  const len = Math.hypot(t.x - s.x, t.y - s.y);
  const n = { x: -(t.y - s.y) / len, y: (t.x - s.x) / len };
  const mids = w.map((wi, i) => ({ x: s.x + wi * (t.x - s.x) + d[i] * n.x, y: s.y + wi * (t.y - s.y) + d[i] * n.y }));
  return [endAt(s, edge.data.sourceEndpoint), ...mids, endAt(t, edge.data.targetEndpoint)];
}

export const inside = (p: Point, b: Box) => p.x > b.x1 && p.x < b.x2 && p.y > b.y1 && p.y < b.y2;

/** Whether a straight run from p to q passes through the inside of a box (shrunk a little: touching is not crossing). */
export function crosses(p: Point, q: Point, b: Box): boolean {
  const inset = { x1: b.x1 + 2, y1: b.y1 + 2, x2: b.x2 - 2, y2: b.y2 - 2 };
  for (let i = 1; i < 50; i++) {
    if (inside({ x: p.x + ((q.x - p.x) * i) / 50, y: p.y + ((q.y - p.y) * i) / 50 }, inset)) return true;
  }
  return false;
}
