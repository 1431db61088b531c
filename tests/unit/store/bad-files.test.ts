import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openLabFile, listRunHistory, LabFileError } from '../../../src-main/store/index.js';
import { BAD_FILES } from './crafted.js';
import { folderState, goodFile, refusal } from './helpers.js';

describe('a bad lab file', () => {
  for (const bad of BAD_FILES) {
    it(`is refused with the file and the reason when it is ${bad.name}, and left untouched`, () => {
      const { dir, path: good } = goodFile();
      const path = bad.make(dir, good);
      const before = folderState(dir);
      const error = refusal(() => openLabFile(path));
      expect(error.reason).toMatch(new RegExp(`^(${bad.reason})$`));
      expect(error.message.startsWith(`${path}: `)).toBe(true);
      expect(error.message).toMatch(bad.says);
      expect(error.message, 'one line in the domain’s words').not.toMatch(/\n|\bE[A-Z]{3,}\b|SQLITE_/);
      expect(folderState(dir)).toEqual(before);
    });
  }

  it('is refused when its stored value is over a lowered cap, before the value is read', () => {
    const { dir, path: good } = goodFile();
    const path = join(dir, 'big-description.lab');
    const copy = new Database(good);
    copy.prepare('UPDATE lab SET description = CAST(zeroblob(3 * 1024 * 1024) AS TEXT)').run();
    copy.prepare('VACUUM INTO ?').run(path);
    copy.close();
    const before = folderState(dir);
    const error = refusal(() => openLabFile(path, { maxValueBytes: 1024 * 1024 }));
    expect(error.reason).toBe('value-too-large');
    expect(error.message).toMatch(/3\.0 MB in lab\.description, more than the 1\.0 MB/);
    expect(folderState(dir)).toEqual(before);
  });

  it('is refused by the run-history reader as well', () => {
    const { dir, path: good } = goodFile();
    const path = BAD_FILES.find((b) => b.reason === 'integrity')!.make(dir, good);
    expect(() => listRunHistory(path)).toThrow(LabFileError);
  });
});
