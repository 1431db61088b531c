// The simulation drawn over the design keeps a hidden stale-entry badge beside every team; a team that leaves the
// design (its host deleted, the paste that made it undone) takes its badge with it, and the others keep theirs.
import cytoscape, { type Core } from 'cytoscape';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulationLayer } from '../../../src-renderer/canvas/simulationLayer.js';
import type { SimDrawing } from '../../../src-renderer/canvas/simDrawing.js';

const graphs: Core[] = [];
afterEach(() => graphs.splice(0).forEach((cy) => cy.destroy()));

function graph(): Core {
  const cy = cytoscape({
    headless: true,
    elements: ['HostA', 'HostB'].flatMap((h) => [
      { data: { id: `host:${h}`, kind: 'host' } },
      { data: { id: `team:${h}/VM-Team`, kind: 'team', parent: `host:${h}` }, position: { x: 0, y: 0 } },
    ]),
  });
  graphs.push(cy);
  return cy;
}

const drawing = (badges: SimDrawing['badges'] = []): SimDrawing => ({ classes: new Map(), moved: new Map(), badges });
const badgeIds = (cy: Core) => cy.nodes('node[kind="badge"]').map((b) => b.id()).sort();

describe('stale-entry badges', () => {
  it('a team removed from the design takes its badge with it; the other team keeps its own', () => {
    const cy = graph();
    const layer = new SimulationLayer(cy, () => new Map());
    layer.draw(drawing([{ id: 'badge:team:HostB/VM-Team', team: 'team:HostB/VM-Team', ip: '10.0.0.2', label: 'stale entry: Guest1' }]));
    expect(badgeIds(cy)).toEqual(['badge:team:HostA/VM-Team', 'badge:team:HostB/VM-Team']);

    cy.remove(cy.getElementById('host:HostB').union(cy.getElementById('team:HostB/VM-Team')));
    layer.designChanged([]);
    expect(badgeIds(cy)).toEqual(['badge:team:HostA/VM-Team']);

    // The team back (the delete undone) gets a badge again the next time the simulation is drawn.
    cy.add([
      { data: { id: 'host:HostB', kind: 'host' } },
      { data: { id: 'team:HostB/VM-Team', kind: 'team', parent: 'host:HostB' }, position: { x: 0, y: 0 } },
    ]);
    layer.designChanged(['host:HostB', 'team:HostB/VM-Team']);
    layer.draw(drawing());
    expect(badgeIds(cy)).toEqual(['badge:team:HostA/VM-Team', 'badge:team:HostB/VM-Team']);
  });

  it('a design change that removes no team leaves every badge', () => {
    const cy = graph();
    const layer = new SimulationLayer(cy, () => new Map());
    layer.draw(drawing());
    layer.designChanged([]);
    expect(badgeIds(cy)).toEqual(['badge:team:HostA/VM-Team', 'badge:team:HostB/VM-Team']);
  });
});
