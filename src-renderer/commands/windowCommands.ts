// The window's own commands (file, edit, view, drills, help), registered once when the window starts.
import { useLabStore } from '../stores/lab.js';
import { useSelectionStore } from '../stores/selection.js';
import { useDrillsStore } from '../stores/drills.js';
import { usePreferencesStore } from '../stores/preferences.js';
import { useMatrixStore } from '../stores/matrix.js';
import { useRunHistoryStore } from '../stores/runHistory.js';
import { useLabCompareStore } from '../stores/labCompare.js';
import { canvasHolder } from '../canvas/current.js';
import { useCommands } from '../views/useCommands.js';
import { useExports } from '../views/useExports.js';
import { useCableToolStore } from '../stores/cableTool.js';
import { registerCommands, registerCommandSource, type Command } from './registry.js';

/** Registers the window's commands in menu order; answers a function that takes them out again. */
export function registerWindowCommands(): () => void {
  const commands = useCommands();
  const exports = useExports();
  const lab = useLabStore();
  const selection = useSelectionStore();
  const drills = useDrillsStore();
  const prefs = usePreferencesStore();
  const matrix = useMatrixStore();
  const history = useRunHistoryStore();
  const compare = useLabCompareStore();
  const cableTool = useCableToolStore();

  const hasDoc = () => lab.doc !== null;
  const exportable = () => hasDoc() && !exports.busy.value;
  const idle = () => hasDoc() && !drills.running;
  const selectedDrill = () => (drills.selected && lab.doc?.drills.some((d) => d.name === drills.selected) ? { drill: drills.selected } : undefined);
  const show = (kind: 'new' | 'export-diagram' | 'merge' | 'palette' | 'shortcuts' | 'docs' | 'about') => () => (commands.dialog.value = { kind });

  const fileStart: Command[] = [
    { id: 'new', title: 'New empty lab', category: 'File', shortcut: 'Ctrl+N', inTextFields: true, run: commands.newEmpty },
    { id: 'new-from-example', title: 'New from example…', category: 'File', shortcut: 'Ctrl+Shift+N', inMenu: false, run: show('new') },
  ];
  const examples = () =>
    commands.examples.value.map((e): Command => ({ id: `new-from-example:${e.id}`, title: `New from example: ${e.title}`, category: 'File', run: () => commands.newFromExample(e.id) }));
  const fileOpen: Command[] = [
    { id: 'new-from-template', title: 'New from template…', category: 'File', run: commands.chooseTemplate },
    { id: 'open', title: 'Open…', category: 'File', shortcut: 'Ctrl+O', inTextFields: true, run: commands.open },
  ];
  const recent = () =>
    commands.recent.value.slice(0, 8).map((f): Command => ({ id: `open-recent:${f.path}`, title: `Open recent: ${f.displayName}`, category: 'File', run: () => commands.openPath(f.path) }));
  const recovery = () =>
    commands.recovery.value.slice(0, 10).map((r): Command => ({
      id: `restore:${r.id}`,
      title: `Restore autosaved: ${r.title} (${r.savedAt.slice(0, 16).replace('T', ' ')})`,
      category: 'File',
      run: () => commands.restore(r.id),
    }));
  const fileRest: Command[] = [
    { id: 'save', title: 'Save', category: 'File', shortcut: 'Ctrl+S', inTextFields: true, enabled: hasDoc, run: () => void commands.save() },
    { id: 'save-as', title: 'Save As…', category: 'File', shortcut: 'Ctrl+Shift+S', inTextFields: true, enabled: hasDoc, run: () => void commands.saveAs() },
    { id: 'import-json', title: 'Import JSON…', category: 'File', run: commands.importJson },
    { id: 'import-hyperv', title: 'Import from Hyper-V…', category: 'File', run: commands.importHyperV },
    { id: 'export-json', title: 'Export JSON', category: 'File', enabled: hasDoc, run: () => void commands.exportJson() },
    { id: 'export-report', title: 'Export report (HTML)', category: 'File', enabled: exportable, run: () => void exports.exportReport() },
    { id: 'export-capture', title: 'Export capture (pcap)…', category: 'File', enabled: exportable, run: () => void exports.openCaptureDialog(selectedDrill()) },
    { id: 'export-all-captures', title: 'Export all captures (pcapng)…', category: 'File', enabled: exportable, run: () => void exports.openCaptureDialog(selectedDrill(), true) },
    { id: 'export-diagram', title: 'Export diagram…', category: 'File', enabled: hasDoc, run: show('export-diagram') },
    { id: 'export-canvas-png', title: 'Export canvas as PNG', category: 'File', enabled: hasDoc, run: exports.exportCanvasPng },
    { id: 'merge', title: 'Merge another copy…', category: 'File', enabled: hasDoc, run: show('merge') },
    { id: 'compare-with', title: 'Compare with…', category: 'File', enabled: hasDoc, run: () => void compare.choose(!!commands.info.value?.canPickFiles) },
    { id: 'close', title: 'Close lab', category: 'File', shortcut: 'Ctrl+W', enabled: hasDoc, run: () => commands.unlessUnsaved('close the lab', () => void lab.close()) },
  ];
  const edit: Command[] = [
    { id: 'undo', title: () => (lab.canUndo ? `Undo ${lab.undoStack.at(-1)!.label}` : 'Undo'), category: 'Edit', shortcut: 'Ctrl+Z', enabled: () => lab.canUndo, run: lab.undo },
    { id: 'redo', title: () => (lab.canRedo ? `Redo ${lab.redoStack.at(-1)!.label}` : 'Redo'), category: 'Edit', shortcut: 'Ctrl+Shift+Z', keys: ['Ctrl+Y'], enabled: () => lab.canRedo, run: lab.redo },
    { id: 'delete', title: 'Delete', category: 'Edit', shortcut: 'Delete', keys: ['Backspace'], enabled: () => selection.ids.length > 0, run: commands.deleteSelection },
    { id: 'cable-tool', title: () => (cableTool.active ? 'Cable tool (on)' : 'Cable tool'), category: 'Edit', shortcut: 'C', enabled: hasDoc, run: cableTool.toggle },
    { id: 'select-all', title: 'Select All', category: 'Edit', shortcut: 'Ctrl+A', enabled: hasDoc, run: commands.selectAll },
  ];
  const view: Command[] = [
    { id: 'command-palette', title: 'Command palette…', category: 'View', shortcut: 'Ctrl+Shift+P', inTextFields: true, run: show('palette') },
    { id: 'fit', title: 'Fit', category: 'View', shortcut: 'F', keys: ['Ctrl+0'], run: () => canvasHolder.adapter?.fit() },
    { id: 'zoom-in', title: 'Zoom in', category: 'View', shortcut: '+', keys: ['='], run: () => canvasHolder.adapter?.zoomBy(1.25) },
    { id: 'zoom-out', title: 'Zoom out', category: 'View', shortcut: '-', run: () => canvasHolder.adapter?.zoomBy(0.8) },
    { id: 'auto-layout', title: 'Auto layout', category: 'View', enabled: hasDoc, run: () => void commands.autoLayout() },
    { id: 'toggle-theme', title: () => (prefs.theme === 'dark' ? 'Light theme' : 'Dark theme'), category: 'View', run: prefs.toggleTheme },
    { id: 'theme-light', title: 'Theme: light', category: 'View', inMenu: false, run: () => (prefs.theme = 'light') },
    { id: 'theme-dark', title: 'Theme: dark', category: 'View', inMenu: false, run: () => (prefs.theme = 'dark') },
    {
      id: 'theme-system',
      title: 'Theme: follow the system',
      category: 'View',
      inMenu: false,
      run: () => (prefs.theme = globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'),
    },
  ];
  const drillCommands: Command[] = [
    { id: 'run-drill', title: 'Run drill', category: 'Drills', shortcut: 'Ctrl+Enter', keys: ['F5'], inTextFields: true, enabled: idle, run: commands.runDrill },
    { id: 'run-all-drills', title: 'Run all drills', category: 'Drills', shortcut: 'Ctrl+Shift+Enter', keys: ['Shift+F5'], inTextFields: true, enabled: idle, run: commands.runAll },
    { id: 'cancel-run', title: 'Cancel run', category: 'Drills', enabled: () => !!drills.running, run: () => void drills.cancel() },
    { id: 'run-matrix', title: 'Run what-if matrix', category: 'Drills', shortcut: 'Ctrl+Shift+M', enabled: () => hasDoc() && !matrix.running, run: commands.runMatrix },
    { id: 'cancel-matrix', title: 'Cancel what-if matrix', category: 'Drills', enabled: () => !!matrix.running, run: () => void matrix.cancel() },
    { id: 'run-history', title: 'Run history…', category: 'Drills', enabled: hasDoc, run: () => void history.show() },
    { id: 'export-drill-capture', title: 'Export capture of the drill…', category: 'Drills', enabled: () => hasDoc() && !!drills.selected, run: () => void exports.openCaptureDialog(selectedDrill()) },
  ];
  const help: Command[] = [
    { id: 'help-docs', title: 'Documentation', category: 'Help', run: show('docs') },
    { id: 'shortcut-reference', title: 'Keyboard shortcuts', category: 'Help', shortcut: '?', run: show('shortcuts') },
    { id: 'about', title: 'About Lab Planner', category: 'Help', run: show('about') },
    { id: 'version', title: () => `Version ${commands.info.value?.appVersion ?? '…'}`, category: 'Help', run: show('about') },
  ];

  const off = [
    registerCommands(fileStart),
    registerCommandSource('examples', examples),
    registerCommands(fileOpen),
    registerCommandSource('recent', recent),
    registerCommandSource('recovery', recovery),
    registerCommands([...fileRest, ...edit, ...view, ...drillCommands, ...help]),
  ];
  return () => off.forEach((f) => f());
}
