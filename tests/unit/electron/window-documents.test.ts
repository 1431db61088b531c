import { describe, it, expect } from 'vitest';
import { WindowDocuments } from '../../../src-main/electron/window-documents.js';

const status = (docId: string, dirty: boolean, path: string | null = null) => ({ docId, dirty, path, displayName: path ?? 'Untitled lab', revision: 0, savedRevision: 0, readOnly: false, problems: [] });

describe('which window holds which lab', () => {
  it('knows the unsaved labs of a window for the close prompt', () => {
    const docs = new WindowDocuments();
    docs.noteResult(1, 'lab.new', {}, { ok: true, value: status('doc-1', false) });
    docs.noteResult(2, 'lab.open', { path: '/a.lab' }, { ok: true, value: status('doc-2', false, '/a.lab') });
    docs.noteChanged(status('doc-1', true));
    expect(docs.unsavedOfWindow(1).map((d) => d.docId)).toEqual(['doc-1']);
    expect(docs.unsavedOfWindow(2)).toEqual([]);
    expect(docs.windowShowing('/a.lab')).toBe(2);
  });

  it('forgets a lab once it is closed', () => {
    const docs = new WindowDocuments();
    docs.noteResult(1, 'lab.new', {}, { ok: true, value: status('doc-1', true) });
    docs.noteResult(1, 'lab.close', { docId: 'doc-1' }, { ok: true, value: {} });
    expect(docs.ofWindow(1)).toEqual([]);
  });

  it('ignores failed requests and events about labs it never saw', () => {
    const docs = new WindowDocuments();
    docs.noteResult(1, 'lab.open', {}, { ok: false });
    docs.noteChanged(status('doc-9', true));
    expect(docs.ofWindow(1)).toEqual([]);
  });
});
