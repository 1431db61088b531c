// Commands for finding your way in a big lab: find, the minimap, collapsing and expanding hosts.
import { useLabStore } from '../stores/lab.js';
import { useSelectionStore } from '../stores/selection.js';
import { useCanvasOverviewStore } from '../stores/canvasOverview.js';
import { hostOfElement } from '../canvas/collapsedHosts.js';
import { registerCommands, type Command } from './registry.js';

/** Registers the find, minimap and collapse commands; answers a function that takes them out again. */
export function registerOverviewCommands(): () => void {
  const lab = useLabStore();
  const selection = useSelectionStore();
  const overview = useCanvasOverviewStore();
  const hasDoc = () => lab.doc !== null;
  const hasHosts = () => (lab.doc?.hosts.length ?? 0) > 0;
  /** The hosts of the selection: hosts selected, or the hosts holding the selected parts. */
  const selectedHosts = () => {
    const doc = lab.doc;
    if (!doc) return [];
    return [...new Set(selection.ids.map((id) => hostOfElement(doc, id)).filter((h): h is string => h !== null))];
  };

  const commands: Command[] = [
    { id: 'find', title: 'Find…', category: 'Edit', shortcut: 'Ctrl+F', keysOutsideFields: ['/'], inTextFields: true, enabled: hasDoc, run: overview.openFind },
    { id: 'toggle-minimap', title: () => (overview.minimapShown ? 'Hide minimap' : 'Show minimap'), category: 'View', enabled: hasDoc, run: overview.toggleMinimap },
    { id: 'collapse-hosts', title: 'Collapse selected hosts', category: 'View', enabled: () => selectedHosts().some((h) => !overview.isCollapsed(h)), run: () => overview.collapse(selectedHosts()) },
    { id: 'expand-hosts', title: 'Expand selected hosts', category: 'View', enabled: () => selectedHosts().some((h) => overview.isCollapsed(h)), run: () => overview.expand(selectedHosts()) },
    { id: 'collapse-all-hosts', title: 'Collapse all hosts', category: 'View', enabled: hasHosts, run: overview.collapseAll },
    { id: 'expand-all-hosts', title: 'Expand all hosts', category: 'View', enabled: () => overview.collapsed.size > 0, run: overview.expandAll },
  ];
  return registerCommands(commands);
}
