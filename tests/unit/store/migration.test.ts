import { describe, expect, it } from 'vitest';
import { chmodSync, copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { exportLabJson, listRunHistory, openLabFile, readRunHistory, saveLabFile, CURRENT_SCHEMA_VERSION } from '../../../src-main/store/index.js';
import { sampleReport } from '../../fixtures/store/samples.js';
import { folderState, goodFile, sha256, tempDir } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/store/field-report.schema-v1.lab', import.meta.url));
const EXPECTED = fileURLToPath(new URL('../../fixtures/store/field-report.schema-v1.expected.lab.json', import.meta.url));

function copyOfFixture(): { dir: string; path: string } {
  const dir = tempDir();
  const path = join(dir, 'old.lab');
  copyFileSync(FIXTURE, path);
  return { dir, path };
}

const userVersion = (path: string) => {
  const db = new Database(path, { readonly: true });
  const v = db.pragma('user_version', { simple: true });
  db.close();
  return v;
};

describe('a file written by schema version 1', () => {
  it('opens, migrates to the current schema and keeps every value of the document', () => {
    const { path } = copyOfFixture();
    const opened = openLabFile(path);
    expect(opened.meta.schemaVersion).toBe(1);
    expect(opened.migration).toMatchObject({ from: 1, to: CURRENT_SCHEMA_VERSION, inMemoryOnly: false });
    expect(exportLabJson(opened.lab)).toBe(readFileSync(EXPECTED, 'utf8'));
    expect(opened.meta).toMatchObject({ revision: 7, created: '2026-01-05T09:00:00.000Z', modified: '2026-02-10T16:45:00.000Z', appVersion: '0.0.9', modifiedBy: '' });
    expect(userVersion(path)).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('keeps a backup copy of the original next to it before migrating', () => {
    const { dir, path } = copyOfFixture();
    const opened = openLabFile(path);
    expect(opened.migration?.backupPath).toBe(join(dir, 'old.lab.schema-v1.bak'));
    expect(sha256(join(dir, 'old.lab.schema-v1.bak'))).toBe(sha256(FIXTURE));
    expect(readdirSync(dir).sort()).toEqual(['old.lab', 'old.lab.schema-v1.bak']);
  });

  it('keeps its run history and fills the per-VM rows schema 2 added', () => {
    const { path } = copyOfFixture();
    openLabFile(path);
    expect(listRunHistory(path).map((r) => [r.ranAt, r.passed, r.appVersion])).toEqual([
      ['2026-02-01T10:00:00.000Z', false, '0.0.9'],
      ['2026-02-02T10:00:00.000Z', true, '0.0.9'],
    ]);
    expect(readRunHistory(path)[0].report.drills[0]).toEqual(sampleReport('Rich lab <b>bold</b>', false).drills[0]);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT vm, passed, downtime_ms, diagnosis FROM run_vms ORDER BY run_id').all()).toEqual([
      { vm: 'Guest1', passed: 0, downtime_ms: 100000, diagnosis: 'stale-team-vm-mac' },
      { vm: 'Guest1', passed: 1, downtime_ms: 0, diagnosis: null },
    ]);
    expect(db.prepare("SELECT DISTINCT os FROM vms").pluck().all()).toEqual(['windows']);
    db.close();
  });

  it('is read without being changed when the caller asks for an in-memory migration', () => {
    const { dir, path } = copyOfFixture();
    const before = folderState(dir);
    const opened = openLabFile(path, { migrate: 'memory' });
    expect(opened.migration).toMatchObject({ from: 1, inMemoryOnly: true, backupPath: null });
    expect(exportLabJson(opened.lab)).toBe(readFileSync(EXPECTED, 'utf8'));
    expect(folderState(dir)).toEqual(before);
  });

  it('on a read-only file is migrated in memory only and the file stays as it was', () => {
    const { dir, path } = copyOfFixture();
    chmodSync(path, 0o444);
    const before = folderState(dir);
    const opened = openLabFile(path);
    expect(opened.readOnly).toBe(true);
    expect(opened.migration?.inMemoryOnly).toBe(true);
    expect(folderState(dir)).toEqual(before);
  });

  it('read in memory and saved, becomes the current schema with a backup of the original and its history kept', () => {
    const { dir, path } = copyOfFixture();
    const opened = openLabFile(path, { migrate: 'memory' });
    const saved = saveLabFile(path, opened.lab, { expectedFingerprint: opened.fingerprint });
    expect(saved.backupPath).toBe(join(dir, 'old.lab.schema-v1.bak'));
    expect(sha256(saved.backupPath!)).toBe(sha256(FIXTURE));
    expect(userVersion(path)).toBe(CURRENT_SCHEMA_VERSION);
    expect(listRunHistory(path)).toHaveLength(2);
    expect(openLabFile(path).meta.revision).toBe(8);
  });
});

describe('a file from a newer Lab Planner', () => {
  it('is refused naming both schema versions, and nothing is written', () => {
    const { dir, path } = goodFile();
    const db = new Database(path);
    db.pragma(`user_version = ${CURRENT_SCHEMA_VERSION + 1}`);
    db.close();
    const before = folderState(dir);
    expect(() => openLabFile(path)).toThrow(expect.objectContaining({
      reason: 'newer-schema',
      message: expect.stringMatching(new RegExp(`${path}.*schema version ${CURRENT_SCHEMA_VERSION + 1}.*up to ${CURRENT_SCHEMA_VERSION}`)),
    }));
    expect(folderState(dir)).toEqual(before);
  });
});
