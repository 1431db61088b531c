// Cytoscape, as it applies a style property to an element of a graph with compound nodes (hosts hold their NICs and
// VMs), clears the cached visibility of the element, its parents, its descendants and all their edges, building four
// collections to do so, for every property it applies. Opening a 1,000-VM lab applies some twenty properties to each
// of its 4,400 elements: most of the style pass went on those collections. The cache holds only what is derived from
// a few properties (whether an element is displayed, visible, interactive, a bundled bezier), so the relatives' caches
// are cleared here only when one of those changes; the element's own is cleared as before, and every other trigger
// (z-order, bounds) runs as Cytoscape has it.
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
interface StyleInternals {
  /** Narrowed here: `original` is Cytoscape's own. */
  checkTriggers: Trigger & { original?: Trigger };
  checkZOrderTrigger: Trigger;
  checkBoundsTrigger: Trigger;
  checkConnectedEdgesBoundsTrigger: Trigger;
  checkParallelEdgesBoundsTrigger: Trigger;
}

/**
 * Makes the style pass clear the cache only for the properties it is derived from. Answers whether it did: a
 * Cytoscape whose style has other internals is left as it is (slower, still right).
 */
export function narrowStyleTriggers(cy: Core): boolean {
  const proto = Object.getPrototypeOf(cy.style()) as Partial<StyleInternals>;
  const parts = ['checkTriggers', 'checkZOrderTrigger', 'checkBoundsTrigger', 'checkConnectedEdgesBoundsTrigger', 'checkParallelEdgesBoundsTrigger'] as const;
  if (!parts.every((p) => typeof proto[p] === 'function')) return false;
  if (proto.checkTriggers!.original) return true;
  const original = proto.checkTriggers!;
  const narrowed: StyleInternals['checkTriggers'] = function (this: StyleInternals, ele, name, from, to) {
    // The element's own cache is cleared as Cytoscape clears it (one assignment); its relatives' only when the
    // property is one theirs are derived from.
    const own = ele as { _private: { styleCache: unknown }; dirtyStyleCache(): void };
    if (STYLE_CACHE_INPUTS.has(name)) own.dirtyStyleCache();
    else own._private.styleCache = null;
    this.checkZOrderTrigger(ele, name, from, to);
    this.checkBoundsTrigger(ele, name, from, to);
    this.checkConnectedEdgesBoundsTrigger(ele, name, from, to);
    this.checkParallelEdgesBoundsTrigger(ele, name, from, to);
  };
  narrowed.original = original;
  proto.checkTriggers = narrowed;
  return true;
}
