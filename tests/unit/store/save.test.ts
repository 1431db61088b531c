import { describe, expect, it } from 'vitest';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { appendRunHistory, listRunHistory, openLabFile, saveLabFile, LabFileError } from '../../../src-main/store/index.js';
import { sampleReport } from '../../fixtures/store/samples.js';
import { folderState, goodFile, sha256 } from './helpers.js';

describe('saving a lab file', () => {
  it('refuses to overwrite a file another engineer saved since it was opened, and says what to do', () => {
    const { dir, path } = goodFile();
    const mine = openLabFile(path);
    const theirs = openLabFile(path);
    saveLabFile(path, { ...theirs.lab, meta: { ...theirs.lab.meta, title: 'Their title' } }, { expectedFingerprint: theirs.fingerprint, modifiedBy: 'ben' });
    const before = folderState(dir);
    let error: unknown;
    try {
      saveLabFile(path, { ...mine.lab, meta: { ...mine.lab.meta, title: 'My title' } }, { expectedFingerprint: mine.fingerprint });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabFileError);
    expect((error as LabFileError).reason).toBe('conflict');
    expect((error as LabFileError).message).toContain(path);
    expect((error as LabFileError).message).toMatch(/saved by ben .*since you opened it/);
    expect((error as LabFileError).message).toMatch(/save as/);
    expect((error as LabFileError).message).toMatch(/reload/);
    expect(folderState(dir)).toEqual(before);
    expect(openLabFile(path).meta.title).toBe('Their title');
  });

  it('also sees a change made to the file by hand with sqlite3 since it was opened', () => {
    const { path } = goodFile();
    const mine = openLabFile(path);
    const db = new Database(path);
    db.prepare("UPDATE vms SET mac_mode = 'static', static_mac = '00-15-5D-00-20-01' WHERE name = 'Guest1'").run();
    db.close();
    const before = sha256(path);
    expect(() => saveLabFile(path, mine.lab, { expectedFingerprint: mine.fingerprint })).toThrow(expect.objectContaining({ reason: 'conflict' }));
    expect(sha256(path)).toBe(before);
  });

  it('saves over the file when nobody else did, and then again with the new fingerprint', () => {
    const { path } = goodFile();
    const opened = openLabFile(path);
    const first = saveLabFile(path, opened.lab, { expectedFingerprint: opened.fingerprint });
    const second = saveLabFile(path, opened.lab, { expectedFingerprint: first.fingerprint });
    expect(second.revision).toBe(3);
  });

  it('does not call it a conflict when only a drill run was recorded in the meantime, and keeps that run', () => {
    const { path } = goodFile();
    const opened = openLabFile(path);
    appendRunHistory(path, sampleReport(), { ranAt: '2026-03-01T09:00:00.000Z' });
    saveLabFile(path, opened.lab, { expectedFingerprint: opened.fingerprint });
    expect(listRunHistory(path).map((r) => r.ranAt)).toEqual(['2026-03-01T09:00:00.000Z']);
  });

  it('leaves no temp file behind and replaces the file in one rename', () => {
    const { dir, path } = goodFile();
    const opened = openLabFile(path);
    saveLabFile(path, opened.lab, { expectedFingerprint: opened.fingerprint });
    expect(readdirSync(dir)).toEqual(['good.lab']);
  });

  it('refuses a document that does not check out, writing nothing', () => {
    const { dir, path } = goodFile();
    const opened = openLabFile(path);
    const before = folderState(dir);
    const broken = { ...opened.lab, vms: [...opened.lab.vms, { ...opened.lab.vms[0] }] };
    expect(() => saveLabFile(path, broken, { expectedFingerprint: opened.fingerprint })).toThrow(/VM name "Guest1" is used twice/);
    expect(folderState(dir)).toEqual(before);
  });

  it('opens a file marked read-only as read-only, says so, and refuses to save over it', () => {
    const { dir, path } = goodFile();
    chmodSync(path, 0o444);
    const opened = openLabFile(path);
    expect(opened.readOnly).toBe(true);
    expect(opened.readOnlyReason).toMatch(/read-only/);
    const before = sha256(path);
    expect(() => saveLabFile(path, opened.lab, { expectedFingerprint: opened.fingerprint })).toThrow(expect.objectContaining({ reason: 'read-only', message: expect.stringMatching(/save as/) }));
    expect(() => appendRunHistory(path, sampleReport())).toThrow(expect.objectContaining({ reason: 'read-only' }));
    expect(sha256(path)).toBe(before);
    // Save-as elsewhere works.
    const copy = join(dir, 'copy.lab');
    saveLabFile(copy, opened.lab);
    expect(openLabFile(copy).readOnly).toBe(false);
  });

  it('keeps the file mode of the file it replaces', () => {
    const { path } = goodFile();
    chmodSync(path, 0o640);
    const opened = openLabFile(path);
    saveLabFile(path, opened.lab, { expectedFingerprint: opened.fingerprint });
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });
});
