// The open lab document: a local copy kept in step with the service, edits as undoable commands.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Lab } from '../../shared/lab.js';
import type { DriverProfile } from '../../shared/driver.js';
import type { DocumentState, DocumentStatus, EditOp, ImportSummary, RequestParams } from '../../shared/api.js';
import { call, ApiRefusal } from '../api/client.js';
import { applyOps, clone, diff, setAt, type Op } from './ops.js';
import { problemsOf, newProblems, describeRefusal } from './problems.js';
import { checkReferences } from '../../shared/validate.js';
import { EditRefused } from './edits.js';

export interface Command {
  label: string;
  ops: Op[];
  inverse: Op[];
}

/** Our invertible ops in the contract's EditOp form. */
export function toEditOps(ops: readonly Op[]): EditOp[] {
  return ops.map((op): EditOp => {
    switch (op.kind) {
      case 'set':
        return { op: 'set', path: [...op.path], value: op.value };
      case 'unset':
        return { op: 'remove', path: [...op.path] };
      case 'insert':
        return { op: 'insert', path: [...op.path], index: op.index, value: op.value };
      case 'remove':
        return { op: 'remove', path: [...op.path, op.index] };
    }
  });
}

/** How `edit` treats a mutation: see there. */
export interface EditOptions {
  strict?: boolean;
  fieldPath?: string;
  dryRun?: boolean;
}

export const useLabStore = defineStore('lab', () => {
  const doc = shallowRef<Lab | null>(null);
  const status = shallowRef<DocumentStatus | null>(null);
  const undoStack = shallowRef<Command[]>([]);
  const redoStack = shallowRef<Command[]>([]);
  /** The built-in catalogue; the lab's own profiles live in the document, so undo and redo reach them too. */
  const catalogue = shallowRef<DriverProfile[]>([]);
  /** The last thing that went wrong, in the domain's words; shown in the window until dismissed. */
  const error = ref<{ message: string; problems: { path: string; message: string }[] } | null>(null);
  /** Bumped on every local change so views that cache derived data know to refresh. */
  const revision = ref(0);
  /** Bumped when a document is opened, created or reloaded (not on edits): the canvas fits the new lab. */
  const loads = ref(0);
  let sending: Promise<unknown> = Promise.resolve();

  const profiles = computed<DriverProfile[]>(() => [...catalogue.value, ...(doc.value?.driverProfiles ?? [])]);
  /** The catalogue's ids: the checks add the lab's own profiles themselves, so a deleted one that is still used is a problem. */
  const profileIds = computed(() => catalogue.value.map((p) => p.id));
  // Checking a large lab takes a while: an edit has already checked the document it produced.
  const checkedDocs = new WeakMap<object, { profiles: readonly string[]; result: ReturnType<typeof problemsOf> }>();
  // Documents as the service sent them: it read them with the same schema, so only their cross-references (which
  // depend on the driver catalogue) are checked here; parsing a 1,000-VM lab again cost its opening some 50 ms.
  const fromService = new WeakSet<object>();
  const checked = computed(() => {
    void revision.value;
    if (!doc.value) return { lab: null, problems: [] };
    const known = checkedDocs.get(doc.value);
    if (known && known.profiles === profileIds.value) return known.result;
    if (fromService.has(doc.value)) return { lab: doc.value, problems: checkReferences(doc.value, profileIds.value) };
    return problemsOf(doc.value, profileIds.value);
  });
  const problems = computed(() => checked.value.problems);
  const title = computed(() => {
    if (!status.value) return 'Lab Planner';
    return `${status.value.dirty ? '● ' : ''}${status.value.displayName} — Lab Planner`;
  });
  const canUndo = computed(() => undoStack.value.length > 0);
  const canRedo = computed(() => redoStack.value.length > 0);

  function show(e: unknown): void {
    if (e instanceof ApiRefusal) error.value = { message: e.message, problems: e.problems };
    else if (e instanceof Error) error.value = { message: e.message, problems: [] };
    else error.value = { message: String(e), problems: [] };
  }

  function adopt(state: DocumentState): void {
    doc.value = clone(state.document);
    fromService.add(doc.value);
    const { document: _document, ...rest } = state;
    status.value = rest;
    undoStack.value = [];
    redoStack.value = [];
    revision.value++;
    loads.value++;
  }

  async function loadProfiles(): Promise<void> {
    catalogue.value = (await call('drivers.list', {})).profiles;
  }

  /** Sends ops to the service in order; a refusal there resyncs the local copy. */
  function send(ops: Op[]): void {
    const current = status.value;
    if (!current || ops.length === 0) return;
    sending = sending.then(async () => {
      try {
        const next = await call('lab.edit', { docId: current.docId, baseRevision: status.value!.revision, ops: toEditOps(ops) });
        if (status.value?.docId === next.docId) status.value = next;
      } catch (e) {
        show(e);
        const fresh = await call('lab.get', { docId: current.docId }).catch(() => null);
        if (fresh) adopt(fresh);
      }
    });
  }

  /** Writers of view state into the document (the canvas' viewport), run just before a save. */
  const beforeSave = new Set<() => void>();
  function onBeforeSave(writer: () => void): () => void {
    beforeSave.add(writer);
    return () => beforeSave.delete(writer);
  }

  /** Sets a document field without an undo step: view state such as the viewport, saved with the lab but never undone. */
  function setViewState(path: readonly (string | number)[], value: unknown): void {
    if (!doc.value) return;
    const draft = clone(doc.value);
    setAt(draft, [...path], value);
    const ops = diff(doc.value, draft);
    if (ops.length === 0) return;
    applyLocal(ops);
    send(ops);
  }

  /** Waits until every edit made so far has reached the service. */
  function settled(): Promise<unknown> {
    return sending;
  }

  /** Applies ops to the local copy; changed objects get new identities, so every view sees the change. */
  function applyLocal(ops: Op[]): Op[] {
    const { root, inverse } = applyOps(doc.value!, ops);
    doc.value = root;
    revision.value++;
    return inverse;
  }

  /**
   * Runs a mutation on a copy of the document and, when it changed something acceptable, applies it as
   * one command. `strict` refuses any new problem (field edits); otherwise only schema errors are refused.
   * Returns the refusal sentence, or null when the edit went in (or changed nothing). A `dryRun` answers
   * the same without applying anything (no revision, no undo step, nothing sent): a field checks its draft so.
   */
  function edit(label: string, mutate: (draft: Lab) => void, options: EditOptions = {}): string | null {
    if (!doc.value) return 'no lab is open';
    const draft = clone(doc.value);
    try {
      mutate(draft);
    } catch (e) {
      if (e instanceof EditRefused) return e.message;
      throw e;
    }
    const ops = diff(doc.value, draft);
    if (ops.length === 0) return null;
    const after = problemsOf(draft, profileIds.value);
    if (!after.lab) return describeRefusal(after.problems, options.fieldPath, doc.value);
    if (options.strict) {
      const added = newProblems(problems.value, after.problems);
      if (added.length) return describeRefusal(added, options.fieldPath, after.lab, doc.value);
    }
    if (options.dryRun) return null;
    const inverse = applyLocal(ops);
    checkedDocs.set(doc.value!, { profiles: profileIds.value, result: after });
    undoStack.value = [...undoStack.value, { label, ops, inverse }];
    redoStack.value = [];
    send(ops);
    return null;
  }

  function undo(): void {
    const command = undoStack.value.at(-1);
    if (!command) return;
    undoStack.value = undoStack.value.slice(0, -1);
    applyLocal(command.inverse);
    redoStack.value = [...redoStack.value, command];
    send(command.inverse);
  }

  function redo(): void {
    const command = redoStack.value.at(-1);
    if (!command) return;
    redoStack.value = redoStack.value.slice(0, -1);
    applyLocal(command.ops);
    undoStack.value = [...undoStack.value, command];
    send(command.ops);
  }

  /** Runs a request that opens a document; errors are shown and the current document stays. */
  async function opening(request: () => Promise<DocumentState>, keep: (e: unknown) => boolean = () => false): Promise<boolean> {
    try {
      await settled();
      const state = await request();
      const previous = status.value;
      adopt(state);
      if (previous && previous.docId !== state.docId) void call('lab.close', { docId: previous.docId, discard: true }).catch(() => undefined);
      error.value = null;
      await loadProfiles().catch(show);
      return true;
    } catch (e) {
      // A dismissed native dialog is not an error.
      if (!(e instanceof ApiRefusal && e.code === 'cancelled') && !keep(e)) show(e);
      return false;
    }
  }

  const newLab = (from: { kind: 'empty' } | { kind: 'example'; id: string }) => opening(() => call('lab.new', { from }));
  /** Refusals about a size field come back for the chooser to show beside that field. */
  async function newFromTemplate(params: RequestParams<'lab.newFromTemplate'>): Promise<{ ok: boolean; fields: Record<string, string> }> {
    const fields: Record<string, string> = {};
    const keep = (e: unknown) => {
      if (!(e instanceof ApiRefusal) || e.problems.length === 0) return false;
      for (const p of e.problems) fields[p.path] = p.message;
      return true;
    };
    return { ok: await opening(() => call('lab.newFromTemplate', params), keep), fields };
  }
  const open = (path?: string) => opening(() => call('lab.open', path === undefined ? {} : { path }));
  const importJson = (text?: string, fileName?: string) =>
    opening(() => call('lab.importJson', { ...(text !== undefined ? { text } : {}), ...(fileName ? { fileName } : {}) }));

  /** Opens a new lab built from a Hyper-V estate folder; answers what the import found, or null when it failed (the error is shown). */
  async function importHyperV(path?: string): Promise<ImportSummary | null> {
    let summary: ImportSummary | null = null;
    const opened = await opening(async () => {
      const imported = await call('lab.importHyperV', path === undefined ? {} : { path });
      summary = imported.summary;
      return imported.document;
    });
    return opened ? summary : null;
  }
  const restore = (id: string) => opening(() => call('recovery.restore', { id }));
  const reload = () => opening(() => call('lab.reload', { docId: status.value!.docId }));

  /** Saves; answers 'needs-path' when the lab was never saved and the host cannot pick a file itself. */
  async function save(): Promise<'saved' | 'needs-path' | 'failed'> {
    if (!status.value) return 'failed';
    beforeSave.forEach((write) => write());
    await settled();
    try {
      status.value = await call('lab.save', { docId: status.value.docId });
      return 'saved';
    } catch (e) {
      if (e instanceof ApiRefusal && e.code === 'needs-path') return 'needs-path';
      show(e);
      return 'failed';
    }
  }

  /** Saves under a name; answers 'exists' when that would replace another lab and `overwrite` was not given. */
  async function saveAs(path?: string, overwrite = false): Promise<'saved' | 'needs-path' | 'exists' | 'failed'> {
    if (!status.value) return 'failed';
    beforeSave.forEach((write) => write());
    await settled();
    try {
      // Without a path the host's native save dialog picks the file, and that dialog asks before replacing one.
      const replace = overwrite || path === undefined;
      status.value = await call('lab.saveAs', { docId: status.value.docId, ...(path !== undefined ? { path } : {}), ...(replace ? { overwrite: true } : {}) });
      return 'saved';
    } catch (e) {
      if (e instanceof ApiRefusal && e.code === 'needs-path') return 'needs-path';
      if (e instanceof ApiRefusal && e.code === 'file-exists' && path !== undefined) return 'exists';
      if (e instanceof ApiRefusal && e.code === 'cancelled') return 'failed';
      show(e);
      return 'failed';
    }
  }

  async function exportJson(saveToFile: boolean): Promise<{ text: string; fileName: string } | null> {
    if (!status.value) return null;
    await settled();
    try {
      return await call('lab.exportJson', { docId: status.value.docId, saveToFile });
    } catch (e) {
      if (!(e instanceof ApiRefusal && e.code === 'cancelled')) show(e);
      return null;
    }
  }

  /** Closes the document (dropping unsaved changes: the window asks first). */
  async function close(): Promise<void> {
    if (!status.value) return;
    await settled();
    const docId = status.value.docId;
    doc.value = null;
    status.value = null;
    undoStack.value = [];
    redoStack.value = [];
    revision.value++;
    await call('lab.close', { docId, discard: true }).catch(show);
  }

  /** Pushed by the service when another window or a save changed the document's status. */
  function statusChanged(next: DocumentStatus): void {
    if (status.value?.docId === next.docId && next.revision >= status.value.revision) status.value = next;
  }

  return {
    doc, status, problems, catalogue, profiles, profileIds, error, revision, loads, title, canUndo, canRedo, undoStack, redoStack,
    edit, undo, redo, setViewState, onBeforeSave, newLab, newFromTemplate, open, importJson, importHyperV, restore, reload, save, saveAs, exportJson, close, settled, show, loadProfiles, statusChanged,
    fieldRefusal: describeRefusal,
  };
});
