// The quick bounding box answers what Cytoscape's own answers, for every element and every combination of options
// the renderer and the window ask with: from the cache while it is good, and after elements are moved, restyled,
// re-parented and given new labels (when the cache is not good and Cytoscape computes the box).
import cytoscape, { type Core } from 'cytoscape';
import { afterEach, describe, expect, it } from 'vitest';
import { quickBoundingBox } from '../../../src-renderer/canvas/quickBounds.js';

type Box = { x1: number; y1: number; x2: number; y2: number; w: number; h: number };
type BoundsFn = ((this: unknown, options?: Record<string, boolean>) => Box) & { original?: (this: unknown, options?: Record<string, boolean>) => Box };
const graphs: Core[] = [];
afterEach(() => graphs.splice(0).forEach((cy) => cy.destroy()));

function graph(): Core {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    layout: { name: 'preset' },
    style: [
      { selector: 'node', style: { width: 40, height: 24, label: 'data(id)', 'border-width': 2, 'overlay-padding': 6 } },
      { selector: 'node.wide', style: { width: 90 } },
      { selector: 'node[kind="host"]', style: { padding: '12px' } },
      { selector: 'edge', style: { width: 2, 'curve-style': 'bezier', 'source-label': 'NIC', 'target-label': 'p1', label: 'data(id)' } },
    ],
    elements: [
      { data: { id: 'host1', kind: 'host' } },
      { data: { id: 'team', parent: 'host1' } },
      { data: { id: 'nic1', parent: 'team' }, position: { x: 10, y: 20 } },
      { data: { id: 'nic2', parent: 'team' }, position: { x: 70.4, y: 20.6 } },
      { data: { id: 'vm', parent: 'host1' }, position: { x: 40, y: 90 } },
      { data: { id: 'switch' }, position: { x: 300, y: 40 } },
      { data: { id: 'lonely' }, position: { x: -200.5, y: -80.5 } },
      { data: { id: 'cable1', source: 'nic1', target: 'switch' } },
      { data: { id: 'cable2', source: 'nic2', target: 'switch' } },
      { data: { id: 'vnic', source: 'vm', target: 'team' } },
    ],
  });
  graphs.push(cy);
  expect(quickBoundingBox(cy)).toBe(true);
  return cy;
}

const proto = (cy: Core) => Object.getPrototypeOf(cy.collection()) as { boundingBox: BoundsFn };
const FLAGS = ['includeNodes', 'includeEdges', 'includeLabels', 'includeMainLabels', 'includeSourceLabels', 'includeTargetLabels', 'includeOverlays', 'includeOutlines'];
/** No options, the empty options, every combination of the flags, and one option left out of each. */
const OPTIONS: (Record<string, boolean> | undefined)[] = [
  undefined,
  {},
  ...Array.from({ length: 1 << FLAGS.length }, (_, bits) => Object.fromEntries(FLAGS.map((f, i) => [f, (bits & (1 << i)) !== 0]))),
  ...FLAGS.map((f) => ({ [f]: false })),
];
/**
 * A headless Cytoscape measures no text: the cached label boxes are given here (and the overlay's), each its own, so that every way of
 * putting the cached parts together shows (a box of the labels alone, of the body with a source label, …).
 */
function labelBoxes(cy: Core): void {
  cy.elements().forEach((e, i) => {
    const p = (e as unknown as { _private: { bodyBounds: Box; overlayBounds: Box; labelBounds: Record<string, Box> } })._private;
    const b = p.bodyBounds;
    const box = (dx: number, dy: number, w: number, h: number): Box => ({ x1: b.x1 + dx, y1: b.y1 + dy, x2: b.x1 + dx + w, y2: b.y1 + dy + h, w, h });
    Object.assign(p.labelBounds, { mainRot: box(-5 - i, 30, 60, 12), sourceRot: box(-30, -10 - i, 14, 10), targetRot: box(40 + i, 5, 18, 10) });
    p.labelBounds.all = box(-30, -10 - i, 90 + 2 * i, 52 + i);
    // The overlay drawn on hover and selection reaches past the body.
    p.overlayBounds = box(-6 - i, -6, b.w + 12 + 2 * i, b.h + 12);
  });
}
const copy = (b: Box): Box => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2, w: b.w, h: b.h });

/** For every element and options: the quick answer, then Cytoscape's own for the same state. */
function compare(cy: Core): { ours: Box[]; theirs: Box[] } {
  const original = proto(cy).boundingBox.original!;
  const ours: Box[] = [];
  const theirs: Box[] = [];
  cy.elements().forEach((e) => {
    for (const o of OPTIONS) {
      ours.push(copy(e.boundingBox(o)));
      theirs.push(copy(original.call(e, o)));
    }
  });
  return { ours, theirs };
}

describe('quickBoundingBox', () => {
  it("is applied once and keeps Cytoscape's own", () => {
    const cy = graph();
    const quick = proto(cy).boundingBox;
    expect(quick.original).toBeTypeOf('function');
    expect(quickBoundingBox(cy)).toBe(true);
    expect(proto(cy).boundingBox).toBe(quick);
  });

  it("answers Cytoscape's box for every element and every combination of options, and the answers differ", () => {
    const cy = graph();
    // Once to fill every cache: the quick path then reads them.
    cy.elements().forEach((e) => void e.boundingBox());
    labelBoxes(cy);
    const { ours, theirs } = compare(cy);
    expect(ours).toEqual(theirs);
    expect(new Set(ours.map((b) => JSON.stringify(b))).size).toBeGreaterThan(10);
  });

  it('does not answer an old box after elements move, change style or parent', () => {
    const cy = graph();
    cy.elements().forEach((e) => void e.boundingBox());
    const before = copy(cy.getElementById('cable1').boundingBox());
    // A move of a node changes its own box and its cables'; the quick answer comes first, before Cytoscape's own.
    cy.getElementById('switch').position({ x: 520, y: 140 });
    const after = copy(cy.getElementById('cable1').boundingBox());
    expect(after).not.toEqual(before);
    expect(after).toEqual(copy(proto(cy).boundingBox.original!.call(cy.getElementById('cable1'))));
    let r = compare(cy);
    expect(r.ours).toEqual(r.theirs);

    const vm = cy.getElementById('vm');
    const narrow = copy(vm.boundingBox());
    vm.addClass('wide');
    expect(copy(vm.boundingBox()).w).toBeGreaterThan(narrow.w);
    r = compare(cy);
    expect(r.ours).toEqual(r.theirs);

    cy.getElementById('nic2').move({ parent: null });
    cy.getElementById('lonely').position({ x: 0.4, y: 0.6 });
    r = compare(cy);
    expect(r.ours).toEqual(r.theirs);
  });

  it('asks Cytoscape for boxes of many elements and for boxes not to be read from the cache', () => {
    const cy = graph();
    cy.elements().forEach((e) => void e.boundingBox());
    const original = proto(cy).boundingBox.original!;
    expect(copy(cy.elements().boundingBox())).toEqual(copy(original.call(cy.elements())));
    expect(copy(cy.nodes().boundingBox({ includeLabels: false }))).toEqual(copy(original.call(cy.nodes(), { includeLabels: false })));
    const nic = cy.getElementById('nic1');
    // Cytoscape's own option, missing from its typings.
    const uncached = { useCache: false } as Record<string, boolean>;
    expect(copy(proto(cy).boundingBox.call(nic, uncached))).toEqual(copy(original.call(nic, uncached)));
  });
});
