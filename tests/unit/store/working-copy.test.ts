import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkingCopy, findRecoverable, listRecoverable, openLabFile, saveLabFile } from '../../../src-main/store/index.js';
import { goodFile, tempDir } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the working copy', () => {
  it('autosaves edits a moment after they are made, so a crash loses at most those seconds', () => {
    vi.useFakeTimers();
    const { path } = goodFile();
    const recoveryDir = tempDir();
    const opened = openLabFile(path);
    const copy = new WorkingCopy(path, opened.lab, opened.fingerprint, { autosaveMs: 2000, recoveryDir, now: () => '2026-03-01T10:00:00.000Z' });
    const edited = { ...opened.lab, meta: { ...opened.lab.meta, title: 'Edited' } };
    copy.update(edited);
    expect(findRecoverable(path, { recoveryDir })).toBeNull();
    vi.advanceTimersByTime(2000);
    // The session "crashes" here: nothing else runs. The next open finds the work.
    const recovered = findRecoverable(path, { recoveryDir });
    expect(recovered).toMatchObject({ labPath: path, savedAt: '2026-03-01T10:00:00.000Z', baseFingerprint: opened.fingerprint });
    expect(recovered?.lab.meta.title).toBe('Edited');
    expect(listRecoverable({ recoveryDir })).toEqual([copy.recoveryPath]);
  });

  it('coalesces a burst of edits into one autosave of the latest document', () => {
    vi.useFakeTimers();
    const { path, lab } = goodFile();
    const recoveryDir = tempDir();
    const copy = new WorkingCopy(path, lab, null, { autosaveMs: 1000, recoveryDir });
    for (const title of ['a', 'b', 'c']) copy.update({ ...lab, meta: { ...lab.meta, title } });
    vi.advanceTimersByTime(1000);
    expect(findRecoverable(path, { recoveryDir })?.lab.meta.title).toBe('c');
  });

  it('drops the recovered work once the lab is saved or discarded', () => {
    const { path } = goodFile();
    const recoveryDir = tempDir();
    const opened = openLabFile(path);
    const copy = new WorkingCopy(path, opened.lab, opened.fingerprint, { recoveryDir });
    copy.update(opened.lab);
    copy.flush();
    expect(findRecoverable(path, { recoveryDir })).not.toBeNull();
    const saved = saveLabFile(path, copy.document, { expectedFingerprint: opened.fingerprint });
    copy.markSaved(saved.fingerprint);
    expect(findRecoverable(path, { recoveryDir })).toBeNull();
    copy.update(opened.lab);
    copy.close();
    expect(findRecoverable(path, { recoveryDir })).not.toBeNull();
    copy.discard();
    expect(readdirSync(recoveryDir)).toEqual([]);
  });

  it('tells whether the file was saved by someone else since the recovered work began', () => {
    const { path } = goodFile();
    const recoveryDir = tempDir();
    const opened = openLabFile(path);
    const copy = new WorkingCopy(path, opened.lab, opened.fingerprint, { recoveryDir });
    copy.update(opened.lab);
    copy.flush();
    saveLabFile(path, opened.lab);
    expect(findRecoverable(path, { recoveryDir })?.baseFingerprint).not.toBe(openLabFile(path).fingerprint);
  });

  it('recovers work in progress even while it has reference problems', () => {
    const { path, lab } = goodFile();
    const recoveryDir = tempDir();
    const copy = new WorkingCopy(path, lab, null, { recoveryDir });
    copy.update({ ...lab, hosts: lab.hosts.filter((h) => h.name !== 'HostB') }); // VMs on HostB now dangle
    copy.flush();
    expect(findRecoverable(path, { recoveryDir })?.lab.hosts.map((h) => h.name)).toEqual(['HostA']);
  });

  it('keeps two labs of the same name in different folders apart, and ignores a damaged recovery file', () => {
    const recoveryDir = tempDir();
    const one = goodFile('same.lab');
    const two = goodFile('same.lab');
    const first = new WorkingCopy(one.path, one.lab, null, { recoveryDir });
    first.update(one.lab);
    first.flush();
    expect(findRecoverable(two.path, { recoveryDir })).toBeNull();
    writeFileSync(first.recoveryPath, '{"format": "lab-planner/recovery", "lab": ');
    expect(findRecoverable(one.path, { recoveryDir })).toBeNull();
    expect(existsSync(join(recoveryDir, 'nothing'))).toBe(false);
  });
});
