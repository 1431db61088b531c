// A file left mid-change (hot -journal) is rolled back only when it is a lab this build reads.
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openLabFile, LAB_APPLICATION_ID } from '../../../src-main/store/index.js';
import { folderState, refusal, tempDir } from './helpers.js';

/** An SQLite file copied (with its -journal) while a transaction was half written to it. */
function interruptedDatabase(name: string, setup: (db: Database.Database) => void): { dir: string; path: string } {
  const work = tempDir();
  const source = join(work, 'source.db');
  const db = new Database(source);
  setup(db);
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
  db.prepare('INSERT INTO notes (body) VALUES (?)').run('committed');
  db.pragma('cache_size = 1'); // spill pages to the file before the commit, as a big write does
  db.exec('BEGIN');
  const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
  for (let i = 0; i < 300; i++) insert.run('x'.repeat(500));
  const dir = tempDir();
  const path = join(dir, name);
  copyFileSync(source, path);
  copyFileSync(`${source}-journal`, `${path}-journal`);
  db.exec('ROLLBACK');
  db.close();
  return { dir, path };
}

describe('a file left mid-change by a program that stopped', () => {
  it('is refused untouched when another program wrote it, journal and all', () => {
    const { dir, path } = interruptedDatabase('foreign.lab', (db) => db.pragma('application_id = 305419896'));
    expect(existsSync(`${path}-journal`)).toBe(true);
    const before = folderState(dir);
    const error = refusal(() => openLabFile(path));
    expect(error.reason).toBe('other-application');
    expect(error.message).toMatch(/was being written when its program stopped.*open it in that program first/);
    expect(folderState(dir)).toEqual(before);
  });

  it('is refused untouched when a newer Lab Planner wrote it', () => {
    const { dir, path } = interruptedDatabase('newer.lab', (db) => {
      db.pragma(`application_id = ${LAB_APPLICATION_ID}`);
      db.pragma('user_version = 999');
    });
    const before = folderState(dir);
    const error = refusal(() => openLabFile(path));
    expect(error.reason).toBe('newer-schema');
    expect(error.message).toMatch(/newer Lab Planner/);
    expect(folderState(dir)).toEqual(before);
  });
});

describe('a file that is not a database', () => {
  it('is called an HTML or XML page only when it reads as text', () => {
    const dir = tempDir();
    const binary = join(dir, 'random.lab');
    writeFileSync(binary, Buffer.from([0x3c, 0x00, 0xff, 0x81, 0x02, 0x9c, 0xfe, 0x10, 0x07, 0x00, 0xee, 0x45, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95]));
    const page = join(dir, 'page.lab');
    writeFileSync(page, '<!doctype html><html><head><title>Sign in</title></head><body>…</body></html>');
    expect(refusal(() => openLabFile(binary)).message).not.toMatch(/HTML or XML/);
    expect(refusal(() => openLabFile(page)).message).toMatch(/looks like an HTML or XML page/);
  });
});
