// The cable tool on the canvas: clicks go to the tool, a dashed cable follows the pointer from the picked plug;
// a selected cable lights up both of its ends.
import type { Core, EventObject } from 'cytoscape';
import { watch } from 'vue';
import { useCableToolStore } from '../stores/cableTool.js';

const GHOST = 'tool:ghost';
const DRAFT = 'tool:draft';

/** Binds the tool to a canvas; answers a function that unbinds it. */
export function bindCableTool(cy: Core): () => void {
  const tool = useCableToolStore();
  const clearDraft = () => cy.remove(cy.getElementById(GHOST).union(cy.getElementById(DRAFT)));
  const onTap = (e: EventObject) => {
    if (!tool.active) return;
    const id = (e.target as { id(): string }).id();
    if (id !== GHOST) tool.pick(id);
  };
  const onMove = (e: EventObject) => {
    if (!tool.active || !tool.from || cy.getElementById(tool.from).empty()) return;
    const ghost = cy.getElementById(GHOST);
    if (!ghost.empty()) {
      ghost.position({ ...e.position });
      return;
    }
    // Kinds 'ghost' and 'draft' are overlay kinds: a design sync leaves them alone.
    cy.add([
      { group: 'nodes', data: { id: GHOST, kind: 'ghost' }, position: { ...e.position }, selectable: false, grabbable: false },
      { group: 'edges', data: { id: DRAFT, kind: 'draft', source: tool.from, target: GHOST }, selectable: false },
    ]);
  };
  // A selected cable shows both of its ends.
  const markEnds = () =>
    cy.batch(() => {
      cy.nodes('.cable-end').removeClass('cable-end');
      cy.edges('[kind="cable"]:selected').connectedNodes().addClass('cable-end');
    });
  cy.on('tap', 'node', onTap);
  cy.on('mousemove', onMove);
  cy.on('select unselect remove', 'edge[kind="cable"]', markEnds);
  const stop = watch(
    () => [tool.active, tool.from],
    () => {
      clearDraft();
      cy.container()?.classList.toggle('cable-tool-on', tool.active);
    },
  );
  return () => {
    stop();
    cy.off('tap', 'node', onTap);
    cy.off('mousemove', onMove);
    cy.off('select unselect remove', 'edge[kind="cable"]', markEnds);
    clearDraft();
  };
}
