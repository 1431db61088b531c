// Two windows on one lab, and save-as over another lab: nobody's work or history is lost silently.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import path from 'node:path';
import { removeWorkspace, serviceOn, tempWorkspace, value, type TempWorkspace } from './support.js';
import type { LabService } from '../../../src-main/service/service.js';
import type { DocumentState } from '../../../shared/api.js';
import { appendRunHistory, createLabFile, listRunHistory } from '../../../src-main/store/index.js';
import { readLab } from '../../../src-main/core/lab.js';
import { sampleReport } from '../../fixtures/store/samples.js';

let ws: TempWorkspace;
let workspace: string;
let service: LabService;

const rename = (docId: string, baseRevision: number, title: string) => ({ docId, baseRevision, ops: [{ op: 'set', path: ['meta', 'title'], value: title }] });

function labFile(name: string, title: string): string {
  const parsed = readLab({ meta: { title } });
  if (!parsed.ok) throw new Error('test lab does not check out');
  return createLabFile(path.join(workspace, name), parsed.lab).path;
}

beforeEach(async () => {
  ws = tempWorkspace('lab-planner-shared-');
  workspace = ws.workspace;
  service = await serviceOn(ws, { autosaveDelayMs: 1 });
});

afterEach(async () => {
  await service.dispose();
  removeWorkspace(ws);
});

describe('a lab open in two windows', () => {
  it('stays open with its unsaved edits and their autosave when the other window discards and moves on', async () => {
    labFile('X.lab', 'X');
    const windowA = {};
    const windowB = {};
    const a = value<DocumentState>(await service.handle('lab.open', { path: 'X.lab' }, windowA));
    value(await service.handle('lab.edit', rename(a.docId, 0, 'X edited in A'), windowA));
    await new Promise((r) => setTimeout(r, 30)); // let the autosave land
    const b = value<DocumentState>(await service.handle('lab.open', { path: 'X.lab' }, windowB));
    expect(b.docId).toBe(a.docId);
    value(await service.handle('lab.new', { from: { kind: 'empty' } }, windowB));
    value(await service.handle('lab.close', { docId: b.docId, discard: true }, windowB));

    const stillThere = value<DocumentState>(await service.handle('lab.get', { docId: a.docId }, windowA));
    expect(stillThere).toMatchObject({ dirty: true, document: { meta: { title: 'X edited in A' } } });
    // Its autosave is kept: if A's window dies now, the work is still offered back.
    await service.releaseHolder(windowA);
    const recovery = value<{ entries: { title: string }[] }>(await service.handle('recovery.list', {}, windowB));
    expect(recovery.entries.map((e) => e.title)).toContain('X edited in A');
  });

  it('closes when the last window lets go, and refuses to lose unsaved changes without discard', async () => {
    labFile('X.lab', 'X');
    const windowA = {};
    const windowB = {};
    const a = value<DocumentState>(await service.handle('lab.open', { path: 'X.lab' }, windowA));
    await service.handle('lab.open', { path: 'X.lab' }, windowB);
    value(await service.handle('lab.edit', rename(a.docId, 0, 'changed'), windowB));
    value(await service.handle('lab.close', { docId: a.docId }, windowA));
    const refused = await service.handle('lab.close', { docId: a.docId }, windowB);
    expect(refused.ok ? null : refused.error.code).toBe('unsaved-changes');
    value(await service.handle('lab.close', { docId: a.docId, discard: true }, windowB));
    const gone = await service.handle('lab.get', { docId: a.docId }, windowB);
    expect(gone.ok ? null : gone.error.code).toBe('not-found');
  });
});

describe('save-as onto an existing file', () => {
  it('asks before replacing another lab, and a replaced lab keeps none of that file’s drill history', async () => {
    const other = labFile('Other.lab', 'Other');
    appendRunHistory(other, sampleReport('Other', false));
    const doc = value<DocumentState>(await service.handle('lab.new', { from: { kind: 'empty' } }));
    const refused = await service.handle('lab.saveAs', { docId: doc.docId, path: 'Other.lab' });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'file-exists', message: 'Other.lab already exists; replace it?' });
    expect(listRunHistory(other)).toHaveLength(1);

    value(await service.handle('lab.saveAs', { docId: doc.docId, path: 'Other.lab', overwrite: true }));
    expect(listRunHistory(other)).toEqual([]);
  });

  it('keeps the lab’s own history when saving over its own file', async () => {
    const own = labFile('Own.lab', 'Own');
    appendRunHistory(own, sampleReport('Own', true));
    const doc = value<DocumentState>(await service.handle('lab.open', { path: 'Own.lab' }));
    value(await service.handle('lab.saveAs', { docId: doc.docId, path: 'Own.lab' }));
    expect(listRunHistory(own)).toHaveLength(1);
  });

  it('cannot slip past the changed-on-disk guard by saving under another name and back', async () => {
    const x = labFile('X.lab', 'X');
    const doc = value<DocumentState>(await service.handle('lab.open', { path: 'X.lab' }));
    createLabFile(x, readLabOrThrow({ meta: { title: 'saved by a colleague' } }), { overwrite: true });
    value(await service.handle('lab.saveAs', { docId: doc.docId, path: 'Y.lab' }));
    const back = await service.handle('lab.saveAs', { docId: doc.docId, path: 'X.lab' });
    expect(back.ok ? null : back.error.code).toBe('file-exists');
    const reopened = value<DocumentState>(await service.handle('lab.open', { path: 'X.lab' }));
    expect(reopened.document.meta.title).toBe('saved by a colleague');
  });
});

function readLabOrThrow(input: unknown) {
  const parsed = readLab(input);
  if (!parsed.ok) throw new Error('test lab does not check out');
  return parsed.lab;
}
