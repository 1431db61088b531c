// The narrowed style triggers: Cytoscape's cached visibility and every element's bounds read the same as with
// Cytoscape's own triggers through class changes on compounds and edges, while the style pass no longer clears the
// relatives' caches for every property nor tells of changed bounds once per property.
import cytoscape, { type Core } from 'cytoscape';
import { afterEach, describe, expect, it } from 'vitest';
import { narrowStyleTriggers } from '../../../src-renderer/canvas/styleTriggers.js';

const style = [
  { selector: 'node', style: { width: 20, height: 20, 'background-color': '#ccc', label: 'data(id)', 'font-size': 10, 'border-width': 1 } },
  { selector: 'edge', style: { width: 1, 'line-color': '#999', 'curve-style': 'straight' } },
  { selector: '.gone', style: { display: 'none' } },
  { selector: '.hidden', style: { visibility: 'hidden' } },
  { selector: '.clear', style: { opacity: 0 } },
  { selector: '.inert', style: { events: 'no' } },
  { selector: '.flat', style: { width: 0 } },
  { selector: '.bezier', style: { 'curve-style': 'bezier' } },
  { selector: '.tinted', style: { 'background-color': '#f00', 'border-color': '#0f0', label: 'x' } },
  // Several properties that change bounds at once: the node's own, its host's and its edges'.
  { selector: '.grown', style: { width: 60, height: 44, 'border-width': 6, 'font-size': 18, label: 'a longer label', 'text-margin-y': 8 } },
  { selector: '.wide', style: { width: 7, 'source-arrow-shape': 'triangle', 'arrow-scale': 3, label: 'cable', 'font-size': 14 } },
];

/** Cytoscape's parsed style of a property (its public typings leave pstyle out). */
const parsed = (ele: unknown, name: string) => (ele as { pstyle(n: string): { value: unknown; strValue: string } }).pstyle(name);

/** What Cytoscape derives from an element's style and caches (some of it left out of its public typings). */
interface Derived {
  id(): string;
  isEdge(): boolean;
  visible(): boolean;
  interactive(): boolean;
  takesUpSpace(): boolean;
  isBundledBezier(): boolean;
}

const graphs: Core[] = [];
function graph(): Core {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: style as never,
    elements: [
      { data: { id: 'host' } },
      { data: { id: 'vm', parent: 'host' } },
      { data: { id: 'nic', parent: 'host' } },
      { data: { id: 'port' } },
      { data: { id: 'vnic', source: 'vm', target: 'nic' } },
      { data: { id: 'cable', source: 'nic', target: 'port' } },
    ],
  });
  graphs.push(cy);
  expect(narrowStyleTriggers(cy)).toBe(true);
  return cy;
}
afterEach(() => graphs.splice(0).forEach((cy) => cy.destroy()));

type Patched = ((...a: unknown[]) => unknown) & { original?: (...a: unknown[]) => unknown };
type Proto = { checkTriggers: Patched; applyContextStyle: Patched };
const protoOf = (cy: Core) => Object.getPrototypeOf(cy.style()) as Proto;
const PATCHED = ['checkTriggers', 'applyContextStyle'] as const;

/** Runs fn under Cytoscape's own triggers, the narrowed ones put back after. */
function underCytoscapes<T>(cy: Core, fn: () => T): T {
  const proto = protoOf(cy);
  const narrowed = PATCHED.map((k) => proto[k]);
  for (const k of PATCHED) proto[k] = proto[k].original!;
  try {
    return fn();
  } finally {
    PATCHED.forEach((k, i) => (proto[k] = narrowed[i]));
  }
}

const box = (b: { x1: number; y1: number; x2: number; y2: number }) => [b.x1, b.y1, b.x2, b.y2].map((v) => v.toFixed(2)).join(',');
/** Every element's bounds as the renderer reads them: whole, without labels, and the host's compound box. */
function bounds(cy: Core): string {
  return cy
    .elements()
    .map((e) => `${e.id()}:${box(e.boundingBox())}/${box(e.boundingBox({ includeLabels: false }))}`)
    .join(' ');
}

/** Toggles classes on every element, reading each element's derived state after each toggle. */
function readings(cy: Core): string[] {
  const out: string[] = [];
  // As the renderer does before it draws: the dirty elements' style is applied, then what is drawn is read.
  const read = () => {
    cy.elements().forEach((e) => void parsed(e, 'display'));
    return (cy.elements().toArray() as unknown as Derived[])
      .map((e) => `${e.id()}:${+e.visible()}${+e.interactive()}${+e.takesUpSpace()}${e.isEdge() ? +e.isBundledBezier() : ''}`)
      .join(' ');
  };
  out.push(read());
  for (const id of ['host', 'vm', 'nic', 'port', 'vnic', 'cable']) {
    for (const cls of ['gone', 'hidden', 'clear', 'inert', 'flat', 'bezier', 'tinted', 'grown', 'wide']) {
      const ele = cy.getElementById(id);
      ele.addClass(cls);
      out.push(`${id}+${cls} ${read()} | ${bounds(cy)}`);
      ele.removeClass(cls);
      out.push(`${id}-${cls} ${read()} | ${bounds(cy)}`);
    }
  }
  return out;
}

/** How many 'bounds' events each element emitted while fn ran. */
function boundsEvents(cy: Core, fn: () => void): Record<string, number> {
  const seen: Record<string, number> = {};
  const count = (e: cytoscape.EventObject) => void (seen[(e.target as cytoscape.SingularElementArgument).id()] = (seen[(e.target as cytoscape.SingularElementArgument).id()] ?? 0) + 1);
  cy.on('bounds', '*', count);
  try {
    fn();
  } finally {
    cy.off('bounds', '*', count);
  }
  return seen;
}

describe('narrowStyleTriggers', () => {
  it('finds the internals it narrows in this Cytoscape, and narrows them once', () => {
    const cy = graph();
    const narrowed = protoOf(cy).checkTriggers;
    expect(narrowed.original).toBeTypeOf('function');
    expect(narrowStyleTriggers(cy)).toBe(true);
    expect(protoOf(cy).checkTriggers).toBe(narrowed);
  });

  it("reads visible, interactive, takesUpSpace, isBundledBezier and every element's bounds as Cytoscape's own triggers do", () => {
    const first = graph();
    // The same graph under Cytoscape's own triggers, then under the narrowed ones.
    const theirs = underCytoscapes(first, () => {
      const reference = cytoscape({ headless: true, styleEnabled: true, style: style as never, elements: first.elements().jsons() as never });
      const r = readings(reference);
      reference.destroy();
      return r;
    });
    const ours = readings(graph());
    expect(ours).toEqual(theirs);
    // The toggles changed what was read, so the comparison says something: the visibility and the bounds both moved.
    expect(new Set(ours.map((r) => r.slice(r.indexOf('host:'), r.indexOf(' | ')))).size).toBeGreaterThan(5);
    expect(new Set(ours.map((r) => r.slice(r.indexOf(' | ')))).size).toBeGreaterThan(5);
  });

  it("tells of an element's changed bounds once per style application, not once per property", () => {
    const cy = graph();
    const vm = cy.getElementById('vm');
    const ours = boundsEvents(cy, () => {
      vm.addClass('grown');
      void parsed(vm, 'width');
    });
    vm.removeClass('grown');
    void parsed(vm, 'width');
    const theirs = underCytoscapes(cy, () =>
      boundsEvents(cy, () => {
        vm.addClass('grown');
        void parsed(vm, 'width');
      }),
    );
    // Cytoscape's own: one event for the VM and one for its host per property that changes bounds.
    expect(theirs.vm).toBeGreaterThan(3);
    expect(theirs.host).toBe(theirs.vm);
    // Narrowed: the VM and its host are each told once (the class change's own notice besides).
    expect(ours.vm).toBeGreaterThanOrEqual(1);
    expect(ours.vm).toBeLessThanOrEqual(2);
    expect(ours.host).toBe(1);
  });

  it('runs every trigger as Cytoscape has it outside the style pass (a bypass on one element)', () => {
    const cy = graph();
    const vm = cy.getElementById('vm');
    const host = cy.getElementById('host');
    const before = host.boundingBox();
    const told = boundsEvents(cy, () => vm.style('width', 200));
    expect(told.vm).toBeGreaterThanOrEqual(1);
    expect(told.host).toBeGreaterThanOrEqual(1);
    expect(host.boundingBox().w).toBeGreaterThan(before.w + 100);
  });

  it("leaves the relatives' caches for a property they are not derived from, and clears them for one they are", () => {
    const cy = graph();
    const host = cy.getElementById('host');
    const vm = cy.getElementById('vm');
    expect(host.visible() && vm.visible()).toBe(true);
    const hostCache = (host as unknown as { _private: { styleCache: unknown } })._private;
    const before = hostCache.styleCache;
    expect(before).toBeTruthy();
    vm.addClass('tinted');
    expect(parsed(vm, 'background-color').strValue).toBe('rgb(255,0,0)');
    expect(hostCache.styleCache).toBe(before);
    vm.addClass('hidden');
    expect(parsed(vm, 'visibility').value).toBe('hidden');
    expect(hostCache.styleCache).toBeNull();
  });
});
