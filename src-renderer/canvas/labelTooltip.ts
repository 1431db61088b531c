// The whole text of a label cut to fit its box, in a tooltip under the pointer (text only, never HTML).
import type { Core, EventObject, NodeSingular } from 'cytoscape';

/** Binds the tooltip to a canvas; answers a function that unbinds it. */
export function bindLabelTooltip(cy: Core): () => void {
  const box = cy.container()!;
  const tip = document.createElement('div');
  tip.className = 'canvas-tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  box.appendChild(tip);
  const show = (e: EventObject) => {
    const full = (e.target as NodeSingular).data('full') as string | undefined;
    if (!full) return;
    tip.textContent = full;
    const p = e.renderedPosition;
    tip.style.left = `${Math.round(p.x + 12)}px`;
    tip.style.top = `${Math.round(p.y + 16)}px`;
    tip.hidden = false;
  };
  const hide = () => (tip.hidden = true);
  cy.on('mouseover', 'node[full]', show);
  cy.on('mouseout', 'node[full]', hide);
  cy.on('viewport remove', hide);
  return () => {
    cy.off('mouseover', 'node[full]', show);
    cy.off('mouseout', 'node[full]', hide);
    cy.off('viewport remove', hide);
    tip.remove();
  };
}
