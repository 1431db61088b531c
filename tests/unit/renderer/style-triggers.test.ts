// The narrowed style triggers: Cytoscape's cached visibility reads the same as with Cytoscape's own triggers through
// class changes on compounds and edges, while the style pass no longer clears the relatives' caches for every property.
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

type Proto = { checkTriggers: ((...a: unknown[]) => void) & { original?: (...a: unknown[]) => void } };
const protoOf = (cy: Core) => Object.getPrototypeOf(cy.style()) as Proto;

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
    for (const cls of ['gone', 'hidden', 'clear', 'inert', 'flat', 'bezier', 'tinted']) {
      const ele = cy.getElementById(id);
      ele.addClass(cls);
      out.push(`${id}+${cls} ${read()}`);
      ele.removeClass(cls);
      out.push(`${id}-${cls} ${read()}`);
    }
  }
  return out;
}

describe('narrowStyleTriggers', () => {
  it('finds the internals it narrows in this Cytoscape, and narrows them once', () => {
    const cy = graph();
    const narrowed = protoOf(cy).checkTriggers;
    expect(narrowed.original).toBeTypeOf('function');
    expect(narrowStyleTriggers(cy)).toBe(true);
    expect(protoOf(cy).checkTriggers).toBe(narrowed);
  });

  it("reads visible, interactive, takesUpSpace and isBundledBezier as Cytoscape's own triggers do", () => {
    const proto = protoOf(graph());
    const narrowed = proto.checkTriggers;
    // The same graph under Cytoscape's own triggers, then under the narrowed ones.
    proto.checkTriggers = narrowed.original!;
    let theirs: string[];
    try {
      const reference = cytoscape({ headless: true, styleEnabled: true, style: style as never, elements: graphs[0].elements().jsons() as never });
      theirs = readings(reference);
      reference.destroy();
    } finally {
      proto.checkTriggers = narrowed;
    }
    const ours = readings(graph());
    expect(ours).toEqual(theirs);
    // The toggles changed what was read, so the comparison says something.
    expect(new Set(ours.map((r) => r.slice(r.indexOf('host:')))).size).toBeGreaterThan(5);
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
