// The quick compound depth answers what Cytoscape's own zDepth answers for every element: hosts, their parts, nested
// compounds, orphans, edges between any of them, and after parts are moved, emptied and removed; the quick effective
// opacity answers what Cytoscape's own does.
import cytoscape, { type Core } from 'cytoscape';
import { afterEach, describe, expect, it } from 'vitest';
import { quickEffectiveOpacity, quickZDepth } from '../../../src-renderer/canvas/zDepth.js';

type Patched = ((this: unknown) => number | undefined) & { original?: (this: unknown) => number | undefined };
const graphs: Core[] = [];
afterEach(() => graphs.splice(0).forEach((cy) => cy.destroy()));

function graph(): Core {
  const cy = cytoscape({
    headless: true,
    elements: [
      { data: { id: 'host1' } },
      { data: { id: 'team', parent: 'host1' } },
      { data: { id: 'nic1', parent: 'team' } },
      { data: { id: 'nic2', parent: 'team' } },
      { data: { id: 'vm', parent: 'host1' } },
      { data: { id: 'host2' } },
      { data: { id: 'vm2', parent: 'host2' } },
      { data: { id: 'switch' } },
      { data: { id: 'empty' } },
      { data: { id: 'cable', source: 'nic1', target: 'switch' } },
      { data: { id: 'vnic', source: 'vm', target: 'team' } },
      { data: { id: 'hosts', source: 'host1', target: 'host2' } },
      { data: { id: 'loop', source: 'empty', target: 'empty' } },
    ],
  });
  graphs.push(cy);
  expect(quickZDepth(cy)).toBe(true);
  return cy;
}

const proto = (cy: Core) => Object.getPrototypeOf(cy.collection()) as { zDepth: Patched };
/** Every element's depth, by the quick walk and by Cytoscape's own. */
function both(cy: Core): { ours: Record<string, number>; theirs: Record<string, number> } {
  const original = proto(cy).zDepth.original!;
  const ours: Record<string, number> = {};
  const theirs: Record<string, number> = {};
  cy.elements().forEach((e) => {
    ours[e.id()] = (e as unknown as { zDepth(): number }).zDepth();
    theirs[e.id()] = original.call(e) as number;
  });
  return { ours, theirs };
}

describe('quickZDepth', () => {
  it('is applied once and keeps Cytoscape\'s own', () => {
    const cy = graph();
    const quick = proto(cy).zDepth;
    expect(quick.original).toBeTypeOf('function');
    expect(quickZDepth(cy)).toBe(true);
    expect(proto(cy).zDepth).toBe(quick);
  });

  it("answers Cytoscape's depth for every element, and the answers differ by element", () => {
    const { ours, theirs } = both(graph());
    expect(ours).toEqual(theirs);
    // A nested compound is deeper than a host; parts are on top; an edge between hosts is as deep as they are.
    expect(ours.team).toBe(1);
    expect(ours.host1).toBe(0);
    expect(ours.hosts).toBe(0);
    expect(ours.nic1).toBeGreaterThan(1e15);
    expect(new Set(Object.values(ours)).size).toBe(3);
  });

  it('follows parts moved, hosts emptied and parents removed', () => {
    const cy = graph();
    cy.getElementById('vm2').move({ parent: 'team' });
    expect(both(cy).ours.host2).toBe(both(cy).theirs.host2);
    cy.getElementById('nic2').move({ parent: null });
    cy.getElementById('host1').move({ parent: 'host2' });
    let r = both(cy);
    expect(r.ours).toEqual(r.theirs);
    expect(r.ours.team).toBe(2);
    cy.getElementById('host2').remove();
    cy.add([{ data: { id: 'late', parent: 'switch' } }, { data: { id: 'e2', source: 'switch', target: 'empty' } }]);
    r = both(cy);
    expect(r.ours).toEqual(r.theirs);
    expect(r.ours.switch).toBe(0);
  });
});

describe('quickEffectiveOpacity', () => {
  type OpacityFn = ((this: unknown) => number | undefined) & { original?: (this: unknown) => number | undefined };
  function styled(): Core {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: [
        { selector: '.half', style: { opacity: 0.5 } },
        { selector: '.faint', style: { opacity: 0.3 } },
        { selector: '.hidden', style: { opacity: 0 } },
      ],
      elements: [
        { data: { id: 'host1' }, classes: 'half' },
        { data: { id: 'team', parent: 'host1' }, classes: 'faint' },
        { data: { id: 'nic1', parent: 'team' }, classes: 'half' },
        { data: { id: 'nic2', parent: 'team' } },
        { data: { id: 'vm', parent: 'host1' } },
        { data: { id: 'switch' } },
        { data: { id: 'port', parent: 'switch' }, classes: 'faint' },
        { data: { id: 'cable', source: 'nic1', target: 'port' }, classes: 'half' },
      ],
    });
    graphs.push(cy);
    expect(quickEffectiveOpacity(cy)).toBe(true);
    return cy;
  }
  const opacities = (cy: Core) => {
    const patched = (Object.getPrototypeOf(cy.collection()) as { effectiveOpacity: OpacityFn }).effectiveOpacity;
    const ours: Record<string, number> = {};
    const theirs: Record<string, number> = {};
    cy.elements().forEach((e) => {
      ours[e.id()] = patched.call(e) as number;
      theirs[e.id()] = patched.original!.call(e) as number;
    });
    return { ours, theirs };
  };

  it("answers Cytoscape's opacity for every element: its own times its ancestors', nearest first", () => {
    const cy = styled();
    const { ours, theirs } = opacities(cy);
    expect(ours).toEqual(theirs);
    expect(ours.nic1).toBe(0.5 * (0.3 * 0.5));
    expect(ours.vm).toBe(0.5);
    expect(ours.cable).toBe(0.5);
    expect(new Set(Object.values(ours)).size).toBe(5);
  });

  it('follows classes changed and parts moved', () => {
    const cy = styled();
    cy.getElementById('host1').removeClass('half').addClass('hidden');
    cy.getElementById('nic2').move({ parent: 'switch' });
    cy.getElementById('port').move({ parent: null });
    const { ours, theirs } = opacities(cy);
    expect(ours).toEqual(theirs);
    expect(ours.nic1).toBe(0);
    expect(ours.nic2).toBe(1);
  });
});
