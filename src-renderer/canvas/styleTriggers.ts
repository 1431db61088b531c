// Cytoscape, as it applies a style property to an element of a graph with compound nodes (hosts hold their NICs and
// VMs), clears the cached visibility of the element, its parents, its descendants and all their edges, building four
// collections to do so, for every property it applies. Opening a 1,000-VM lab applies some twenty properties to each
// of its 4,400 elements: most of the style pass went on those collections. The cache holds only what is derived from
// a few properties (whether an element is displayed, visible, interactive, a bundled bezier), so the relatives' caches
// are cleared here only when one of those changes; the element's own is cleared as before.
//
// For every property that can change an element's size (a dozen per element: width, label, font, border, padding…),
// Cytoscape also clears the element's bounds and its host's, and tells both with a 'bounds' event: two events per
// property, half of what remained of the style pass. While one element's style is applied, those are noted and done
// once when it is applied: the same caches cleared, one event each instead of a dozen. Outside the style pass (a
// bypass set on one element) every trigger runs as Cytoscape has it.
import type { Core } from 'cytoscape';

/**
 * What Cytoscape's style cache is derived from (its takesUpSpace, visible, interactive and isBundledBezier): an
 * element's display, visibility, opacity, events, curve style and size; a compound's size follows its padding and
 * minimum size too.
 */
export const STYLE_CACHE_INPUTS: ReadonlySet<string> = new Set([
  'display',
  'visibility',
  'opacity',
  'events',
  'curve-style',
  'width',
  'height',
  'padding',
  'padding-top',
  'padding-bottom',
  'padding-left',
  'padding-right',
  'min-width',
  'min-height',
  'min-width-bias-left',
  'min-width-bias-right',
  'min-height-bias-top',
  'min-height-bias-bottom',
  'compound-sizing-wrt-labels',
]);

type Trigger = (ele: unknown, name: string, from: unknown, to: unknown) => void;
type TriggerKind = 'triggersBounds' | 'triggersBoundsOfConnectedEdges' | 'triggersBoundsOfParallelEdges';
type ApplyContextStyle = (cxtMeta: unknown, cxtStyle: unknown, ele: unknown) => unknown;
interface StyleInternals {
  /** Narrowed here: `original` is Cytoscape's own. */
  checkTriggers: Trigger & { original?: Trigger };
  /** Wrapped here so one element's bounds triggers are done once: `original` is Cytoscape's own. */
  applyContextStyle: ApplyContextStyle & { original?: ApplyContextStyle };
  checkTrigger(ele: unknown, name: string, from: unknown, to: unknown, kind: (prop: Record<TriggerKind, unknown>) => unknown, then: () => void): void;
  checkZOrderTrigger: Trigger;
  checkBoundsTrigger: Trigger;
  checkConnectedEdgesBoundsTrigger: Trigger;
  checkParallelEdgesBoundsTrigger: Trigger;
}

/** The part of an element the deferred bounds triggers touch (what Cytoscape's own triggers call). */
interface BoundsOwner {
  removed(): boolean;
  dirtyCompoundBoundsCache(): void;
  dirtyBoundingBoxCache(): void;
  connectedEdges(): { forEach(fn: (e: BoundsOwner) => void): void };
  parallelEdges(): { forEach(fn: (e: BoundsOwner) => void): void };
}

/** The element whose style is being applied, and which of its bounds triggers fired meanwhile. */
interface Pending {
  ele: unknown;
  bounds: boolean;
  connected: boolean;
  parallel: boolean;
}

/**
 * Makes the style pass clear the cache only for the properties it is derived from. Answers whether it did: a
 * Cytoscape whose style has other internals is left as it is (slower, still right).
 */
export function narrowStyleTriggers(cy: Core): boolean {
  const proto = Object.getPrototypeOf(cy.style()) as Partial<StyleInternals>;
  const parts = [
    'checkTriggers',
    'applyContextStyle',
    'checkTrigger',
    'checkZOrderTrigger',
    'checkBoundsTrigger',
    'checkConnectedEdgesBoundsTrigger',
    'checkParallelEdgesBoundsTrigger',
  ] as const;
  if (!parts.every((p) => typeof proto[p] === 'function')) return false;
  if (proto.checkTriggers!.original) return true;
  let pending: Pending | null = null;
  const original = proto.checkTriggers!;
  const narrowed: StyleInternals['checkTriggers'] = function (this: StyleInternals, ele, name, from, to) {
    // The element's own cache is cleared as Cytoscape clears it (one assignment); its relatives' only when the
    // property is one theirs are derived from.
    const own = ele as { _private: { styleCache: unknown }; dirtyStyleCache(): void };
    if (STYLE_CACHE_INPUTS.has(name)) own.dirtyStyleCache();
    else own._private.styleCache = null;
    this.checkZOrderTrigger(ele, name, from, to);
    const noted = pending?.ele === ele ? pending : null;
    if (!noted) {
      this.checkBoundsTrigger(ele, name, from, to);
      this.checkConnectedEdgesBoundsTrigger(ele, name, from, to);
      this.checkParallelEdgesBoundsTrigger(ele, name, from, to);
      return;
    }
    // Cytoscape's own test of whether the change matters (checkTrigger), the clearing left for later.
    if (!noted.bounds) this.checkTrigger(ele, name, from, to, (p) => p.triggersBounds, () => (noted.bounds = true));
    if (!noted.connected) this.checkTrigger(ele, name, from, to, (p) => p.triggersBoundsOfConnectedEdges, () => (noted.connected = true));
    if (!noted.parallel) this.checkTrigger(ele, name, from, to, (p) => p.triggersBoundsOfParallelEdges, () => (noted.parallel = true));
  };
  narrowed.original = original;
  const applyOriginal = proto.applyContextStyle!;
  const applyOnce: StyleInternals['applyContextStyle'] = function (this: StyleInternals, cxtMeta, cxtStyle, ele) {
    if (pending) return applyOriginal.call(this, cxtMeta, cxtStyle, ele);
    const mine: Pending = (pending = { ele, bounds: false, connected: false, parallel: false });
    try {
      return applyOriginal.call(this, cxtMeta, cxtStyle, ele);
    } finally {
      pending = null;
      doBoundsTriggers(mine);
    }
  };
  applyOnce.original = applyOriginal;
  proto.checkTriggers = narrowed;
  proto.applyContextStyle = applyOnce;
  return true;
}

/** What Cytoscape's three bounds triggers do, once for all of an element's properties that fired them. */
function doBoundsTriggers(p: Pending): void {
  const ele = p.ele as BoundsOwner;
  if (ele.removed()) return;
  if (p.bounds) {
    ele.dirtyCompoundBoundsCache();
    ele.dirtyBoundingBoxCache();
  }
  if (p.connected) ele.connectedEdges().forEach((edge) => edge.dirtyBoundingBoxCache());
  if (p.parallel) ele.parallelEdges().forEach((edge) => edge.dirtyBoundingBoxCache());
}
