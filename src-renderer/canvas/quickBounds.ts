// Cytoscape asks for an element's bounding box several times for every element it draws (the element, its label, a
// cable's end labels): on a 1,000-VM lab, some 30 ms of each full redraw after a paste or an undo. Each ask builds a
// memoised dirtiness check of its own and a filled-in copy of the options before it reads the cached box. When the
// box is cached and still good (the element's style is clean and it has not moved since), the same cached box is read
// here without building anything; every other ask goes to Cytoscape's own, which computes it.
import type { Core } from 'cytoscape';

type Box = { x1: number; y1: number; x2: number; y2: number; w: number; h: number };
interface Position {
  x: number;
  y: number;
}
interface BoundsInternals {
  group: string;
  position: Position;
  source?: { _private: { position: Position } };
  target?: { _private: { position: Position } };
  bbCache?: Box | null;
  bbCachePosKey?: number | null;
  styleDirty?: boolean;
  bodyBounds?: Box | null;
  overlayBounds?: Box | null;
  labelBounds?: { all?: Box | null; mainRot?: Box | null; sourceRot?: Box | null; targetRot?: Box | null };
}
type Options = Record<string, unknown> | undefined;
type BoundingBoxFn = (this: ArrayLike<{ _private: BoundsInternals }>, options?: Options) => Box;
type BoundingBox = BoundingBoxFn & { original?: BoundingBoxFn };

// Cytoscape's hash of rounded positions (its hashIntsArray: sdbm from seed 9261), the key its cached box was made at.
const SEED = 9261;
const K = 65599;
function positionKey(p: BoundsInternals): number | null {
  const r = Math.round;
  if (p.group === 'edges') {
    const s = p.source?._private.position;
    const t = p.target?._private.position;
    if (!s || !t) return null;
    let h = SEED;
    h = (h * K + r(s.x)) | 0;
    h = (h * K + r(s.y)) | 0;
    h = (h * K + r(t.x)) | 0;
    return (h * K + r(t.y)) | 0;
  }
  if (!p.position) return null;
  const h = (SEED * K + r(p.position.x)) | 0;
  return (h * K + r(p.position.y)) | 0;
}

// An option Cytoscape fills in when not given: every one of them defaults to true.
const option = (options: Options, name: string): unknown => (options === undefined || options[name] === undefined ? true : options[name]);
// The options Cytoscape's cache key is made of (it reads includeNodes under a misspelt name, so never); all given
// means the whole cached box is answered.
const KEYED = ['includeEdges', 'includeLabels', 'includeMainLabels', 'includeSourceLabels', 'includeTargetLabels', 'includeOverlays', 'includeOutlines'];

function grow(b: Box, from: Box | null | undefined): void {
  if (from == null) return;
  const { x1, y1, x2, y2 } = from;
  // As Cytoscape's own: a box of no area or no size does not count.
  if (x2 - x1 === 0 || y2 - y1 === 0) return;
  if (x1 == null || y1 == null || x2 == null || y2 == null) return;
  b.x1 = x1 < b.x1 ? x1 : b.x1;
  b.x2 = x2 > b.x2 ? x2 : b.x2;
  b.y1 = y1 < b.y1 ? y1 : b.y1;
  b.y2 = y2 > b.y2 ? y2 : b.y2;
  b.w = b.x2 - b.x1;
  b.h = b.y2 - b.y1;
}

const finite = (x: number) => (x === Infinity || x === -Infinity ? 0 : x);

/** The cached box as Cytoscape reads it for these options; the element's box is known to be good. */
function fromCache(p: BoundsInternals, options: Options): Box {
  let bb = p.bbCache!;
  // No options (how the renderer asks) are all the defaults: the whole cached box.
  if (options !== undefined && !KEYED.every((name) => option(options, name))) {
    const isNode = p.group === 'nodes';
    bb = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity, w: 0, h: 0 };
    if ((option(options, 'includeNodes') && isNode) || (option(options, 'includeEdges') && !isNode)) grow(bb, option(options, 'includeOverlays') ? p.overlayBounds : p.bodyBounds);
    if (option(options, 'includeLabels')) {
      const labels = p.labelBounds ?? {};
      if (option(options, 'includeMainLabels') && (isNode || (option(options, 'includeSourceLabels') && option(options, 'includeTargetLabels')))) grow(bb, labels.all);
      else {
        if (option(options, 'includeMainLabels')) grow(bb, labels.mainRot);
        if (option(options, 'includeSourceLabels')) grow(bb, labels.sourceRot);
        if (option(options, 'includeTargetLabels')) grow(bb, labels.targetRot);
      }
    }
    bb.w = bb.x2 - bb.x1;
    bb.h = bb.y2 - bb.y1;
  }
  bb.x1 = finite(bb.x1);
  bb.y1 = finite(bb.y1);
  bb.x2 = finite(bb.x2);
  bb.y2 = finite(bb.y2);
  bb.w = finite(bb.x2 - bb.x1);
  bb.h = finite(bb.y2 - bb.y1);
  return bb;
}

/**
 * Makes a single element's bounding box, when its cached one is still good, a read of that cache. Answers whether it
 * did: a Cytoscape without a collection bounding box is left as it is.
 */
export function quickBoundingBox(cy: Core): boolean {
  const proto = Object.getPrototypeOf(cy.collection()) as { boundingBox?: BoundingBox };
  if (typeof proto.boundingBox !== 'function') return false;
  if (proto.boundingBox.original) return true;
  const original = proto.boundingBox;
  const quick: BoundingBox = function (this: ArrayLike<{ _private: BoundsInternals }>, options?: Options) {
    const useCache = options === undefined || options.useCache === undefined || options.useCache === true;
    const p = this.length === 1 ? this[0]._private : undefined;
    if (!useCache || !p || p.bbCache == null || p.styleDirty || p.bbCachePosKey == null || p.bbCachePosKey !== positionKey(p)) return original.call(this, options);
    return fromCache(p, options);
  };
  quick.original = original;
  proto.boundingBox = quick;
  return true;
}
