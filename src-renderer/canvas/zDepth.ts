// Cytoscape sorts every element by its compound depth before it draws a changed graph (a paste, an open), and it finds
// an element's depth by building the collection of all its ancestors, twice per comparison: on a 1,000-VM lab that
// sort took some 45 ms of a paste's frame. The depth is the length of the element's chain of parents, which is walked
// here without building anything; what it answers is Cytoscape's own, element for element. The same goes for an
// element's effective opacity, its own times its ancestors', which Cytoscape asks for every element it draws.
import type { Core } from 'cytoscape';

/** Cytoscape's depth of a childless node: drawn above every compound. */
const CHILDLESS = (Number.MAX_SAFE_INTEGER || 9007199254740991) - 1;

interface Internal {
  _private: { group: string; parent?: Internal | null; children: unknown[]; source: Internal; target: Internal };
  pstyle(name: string): { value: number };
}
type ZDepthFn = (this: ArrayLike<Internal>) => number | undefined;
type ZDepth = ZDepthFn & { original?: ZDepthFn };

function depthOf(ele: Internal): number {
  const p = ele._private;
  if (p.group === 'nodes') {
    if (p.children.length === 0) return CHILDLESS;
    let depth = 0;
    for (let up = p.parent; up; up = up._private.parent) depth++;
    return depth;
  }
  // An edge is as deep as its deeper end.
  return Math.max(depthOf(p.source), depthOf(p.target), 0);
}

/**
 * Makes an element's compound depth a walk up its parents. Answers whether it did: a Cytoscape whose elements keep
 * their parents otherwise is left as it is (slower, still right).
 */
export function quickZDepth(cy: Core): boolean {
  const proto = Object.getPrototypeOf(cy.collection()) as { zDepth?: ZDepth };
  if (typeof proto.zDepth !== 'function') return false;
  if (proto.zDepth.original) return true;
  const original = proto.zDepth;
  const quick: ZDepth = function (this: ArrayLike<Internal>) {
    const ele = this[0];
    if (!ele) return undefined;
    const p = ele._private as Partial<Internal['_private']> | undefined;
    // Not the internals walked here: Cytoscape's own answers.
    if (!p || !Array.isArray(p.children) || (p.group === 'edges' && (!p.source || !p.target))) return original.call(this);
    return depthOf(ele);
  };
  quick.original = original;
  proto.zDepth = quick;
  return true;
}

interface StyledCollection extends ArrayLike<Internal> {
  cy(): { styleEnabled(): boolean; hasCompoundNodes(): boolean };
}
type OpacityFn = (this: StyledCollection) => number | undefined;
type Opacity = OpacityFn & { original?: OpacityFn };

/**
 * Makes an element's effective opacity a walk up its parents, multiplying nearest first as Cytoscape does. Answers
 * whether it did.
 */
export function quickEffectiveOpacity(cy: Core): boolean {
  const proto = Object.getPrototypeOf(cy.collection()) as { effectiveOpacity?: Opacity };
  if (typeof proto.effectiveOpacity !== 'function') return false;
  if (proto.effectiveOpacity.original) return true;
  const original = proto.effectiveOpacity;
  const quick: Opacity = function (this: StyledCollection) {
    const ele = this[0];
    const p = ele?._private as Partial<Internal['_private']> | undefined;
    if (!ele || !p || !('parent' in p) || !this.cy().styleEnabled() || !this.cy().hasCompoundNodes()) return original.call(this);
    let opacity = ele.pstyle('opacity').value;
    for (let up = p.parent; up; up = up._private.parent) opacity = up.pstyle('opacity').value * opacity;
    return opacity;
  };
  quick.original = original;
  proto.effectiveOpacity = quick;
  return true;
}
