// The window's actions (open, save, import, run) and its dialogs; commands/windowCommands.ts names them for the menus and keys.
import { ref, shallowRef } from 'vue';
import { useLabStore } from '../stores/lab.js';
import { useSelectionStore } from '../stores/selection.js';
import { useDrillsStore } from '../stores/drills.js';
import { useMatrixStore } from '../stores/matrix.js';
import { useFocusStore } from '../stores/focus.js';
import { canvasHolder } from '../canvas/current.js';
import { anchorOf, firstPartId } from '../canvas/elements.js';
import { movePositions, type Position } from '../stores/edits.js';
import { useEditing } from './useEditing.js';
import { hostId, switchId, clientId } from '../../shared/checks.js';
import { call } from '../api/client.js';
import type { ImportSummary, RequestParams, RequestValue } from '../../shared/api.js';

export type Dialog =
  | { kind: 'open' }
  | { kind: 'save-as'; then?: () => void }
  | { kind: 'replace'; path: string; then?: () => void }
  | { kind: 'new' }
  | { kind: 'new-from-template' }
  | { kind: 'export-diagram' }
  | { kind: 'merge' }
  | { kind: 'discard'; action: string; then: () => void }
  | { kind: 'import-hyperv'; summary?: ImportSummary }
  | { kind: 'palette' }
  | { kind: 'shortcuts' }
  | { kind: 'docs'; page?: string }
  | { kind: 'about' };

const dialog = shallowRef<Dialog | null>(null);
const info = shallowRef<RequestValue<'app.info'> | null>(null);
const recent = shallowRef<RequestValue<'recent.list'>['files']>([]);
const examples = shallowRef<RequestValue<'examples.list'>['examples']>([]);
/** Work autosaved by an earlier session, offered in the File menu and on the start screen. */
const recovery = shallowRef<RequestValue<'recovery.list'>['entries']>([]);
const importRequest = ref(0);

export function useCommands() {
  const lab = useLabStore();
  const selection = useSelectionStore();
  const drills = useDrillsStore();
  const matrix = useMatrixStore();
  const focus = useFocusStore();
  const editing = useEditing();

  /** Runs `then` at once, or after the engineer agrees to drop unsaved changes. */
  function unlessUnsaved(action: string, then: () => void): void {
    if (lab.status?.dirty) dialog.value = { kind: 'discard', action, then };
    else then();
  }

  async function refreshLists(): Promise<void> {
    const [r, e] = await Promise.all([call('recent.list', {}).catch(() => null), call('examples.list', {}).catch(() => null)]);
    if (r) recent.value = r.files;
    if (e) examples.value = e.examples;
  }

  async function opened(ok: Promise<boolean>): Promise<void> {
    if (await ok) {
      selection.clear();
      drills.forget();
      matrix.forget();
      focus.clear();
      drills.selected = lab.doc?.drills[0]?.name ?? null;
      void refreshLists();
    }
  }

  const newEmpty = () => unlessUnsaved('start a new lab', () => void opened(lab.newLab({ kind: 'empty' })));
  const newFromExample = (id: string) => unlessUnsaved('open the example', () => void opened(lab.newLab({ kind: 'example', id })));
  /** Answers the size fields the template refused, by field; empty when the lab was made. The template command asked about unsaved work already. */
  async function newFromTemplate(params: RequestParams<'lab.newFromTemplate'>): Promise<Record<string, string>> {
    const made = lab.newFromTemplate(params);
    await opened(made.then((r) => r.ok));
    return (await made).fields;
  }
  /** File → New from template…: asks once about unsaved work, before the templates are shown. */
  const chooseTemplate = () => unlessUnsaved('start a lab from a template', () => (dialog.value = { kind: 'new-from-template' }));
  const openPath = (path: string) => unlessUnsaved('open another lab', () => openChosen(path));
  /** Opens a file picked in the window's own Open dialog: Open… asked about unsaved work before showing it. */
  const openChosen = (path: string) => void opened(lab.open(path));
  const open = () =>
    unlessUnsaved('open another lab', () => {
      if (info.value?.canPickFiles) void opened(lab.open());
      else dialog.value = { kind: 'open' };
    });

  /** Saves under a name (asking one when needed, and before replacing another lab); `then` runs once saved. */
  async function saveAs(path?: string, then?: () => void, overwrite = false): Promise<void> {
    if (path === undefined && !info.value?.canPickFiles) {
      dialog.value = { kind: 'save-as', then };
      return;
    }
    const outcome = await lab.saveAs(path, overwrite);
    if (outcome === 'needs-path') dialog.value = { kind: 'save-as', then };
    else if (outcome === 'exists' && path !== undefined) dialog.value = { kind: 'replace', path, then };
    else if (outcome === 'saved') {
      void refreshLists();
      then?.();
    }
  }

  /** Saves (save-as for a lab never saved); `then` runs only if the save went through. */
  async function save(then?: () => void): Promise<void> {
    const outcome = await lab.save();
    if (outcome === 'needs-path') await saveAs(undefined, then);
    else if (outcome === 'saved') then?.();
  }

  async function exportJson(): Promise<void> {
    const electron = info.value?.host === 'electron';
    const out = await lab.exportJson(electron);
    if (!out || electron) return;
    const url = URL.createObjectURL(new Blob([out.text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = out.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  function importJson(): void {
    unlessUnsaved('import a lab', () => {
      if (info.value?.canPickFiles) void opened(lab.importJson());
      else importRequest.value++;
    });
  }

  /** File → Import from Hyper-V…: Electron picks the folder natively; the browser host asks for one in the workspace. */
  function importHyperV(): void {
    unlessUnsaved('import from Hyper-V', () => {
      if (!info.value?.canPickFiles) dialog.value = { kind: 'import-hyperv' };
      else void lab.importHyperV().then((summary) => summary && (dialog.value = { kind: 'import-hyperv', summary }));
    });
  }

  function restore(id: string): void {
    unlessUnsaved('restore autosaved work', () => {
      recovery.value = recovery.value.filter((r) => r.id !== id);
      void opened(lab.restore(id));
    });
  }

  const importText = (text: string, fileName: string) => void opened(lab.importJson(text, fileName));

  /** Deletes the selection; a toast says what went with it and offers Undo. */
  const deleteSelection = (): void => editing.deleteSelection();

  function selectAll(): void {
    const cy = canvasHolder.adapter?.cy;
    if (cy) selection.select(cy.nodes('[kind="host"], [kind="switch"], [kind="client"], [kind="vm"]').map((n) => n.id()).concat(cy.edges('[kind="cable"]').map((e) => e.id())));
  }

  async function autoLayout(): Promise<void> {
    const adapter = canvasHolder.adapter;
    const doc = lab.doc;
    if (!adapter || !doc) return;
    await adapter.autoLayout();
    const moves: Record<string, Position> = {};
    const ids = [...doc.hosts.map((h) => hostId(h.name)), ...doc.switches.map((s) => switchId(s.name)), ...doc.clients.map((c) => clientId(c.name))];
    for (const id of ids) {
      const own = adapter.positionOf(id);
      if (!own) continue;
      const part = firstPartId(doc, id);
      moves[id] = anchorOf(doc, id, part ? adapter.positionOf(part) : null, own);
    }
    lab.edit('Auto layout', (d) => movePositions(d, moves));
    adapter.fit();
  }

  function runDrill(): void {
    const name = drills.selected ?? lab.doc?.drills[0]?.name;
    if (name) void drills.run([name]);
  }

  const runAll = () => void drills.run();

  /** Shows the what-if view and runs the matrix of the lab as it is now. */
  function runMatrix(): void {
    matrix.shown = true;
    void matrix.run();
  }

  return {
    dialog, info, recent, examples, recovery, importRequest, restore,
    refreshLists, newEmpty, newFromExample, newFromTemplate, chooseTemplate, open, openPath, openChosen, save, saveAs, exportJson, importJson, importHyperV, importText,
    deleteSelection, selectAll, autoLayout, runDrill, runAll, runMatrix, unlessUnsaved,
  };
}
