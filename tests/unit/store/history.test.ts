import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { appendRunHistory, listRunHistory, openLabFile, readRunHistory, LabFileError } from '../../../src-main/store/index.js';
import { sampleReport } from '../../fixtures/store/samples.js';
import { goodFile, sha256 } from './helpers.js';

describe('the run history of a lab file', () => {
  it('lists recorded runs oldest first with when, seed, app version and verdicts', () => {
    const { path } = goodFile();
    appendRunHistory(path, sampleReport('Rich', false), { ranAt: '2026-03-01T10:00:00.000Z', appVersion: '0.1.0' });
    appendRunHistory(path, sampleReport('Rich', true), { ranAt: '2026-03-01T11:00:00.000Z', appVersion: '0.2.0', seed: 9 });
    expect(listRunHistory(path)).toEqual([
      { id: 1, ranAt: '2026-03-01T10:00:00.000Z', seed: 1, appVersion: '0.1.0', passed: false, drills: [{ name: 'migrate-then-restart', passed: false, durationMs: 120000 }] },
      { id: 2, ranAt: '2026-03-01T11:00:00.000Z', seed: 9, appVersion: '0.2.0', passed: true, drills: [{ name: 'migrate-then-restart', passed: true, durationMs: 120000 }] },
    ]);
  });

  it('gives back the full results exactly as recorded', () => {
    const { path } = goodFile();
    const report = sampleReport('Rich', false);
    appendRunHistory(path, report, { ranAt: '2026-03-01T10:00:00.000Z' });
    expect(readRunHistory(path)).toEqual([{ ranAt: '2026-03-01T10:00:00.000Z', seed: 1, appVersion: expect.any(String), report }]);
  });

  it('keeps one queryable row per VM and run', () => {
    const { path } = goodFile();
    appendRunHistory(path, sampleReport('Rich', false));
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT vm, passed, downtime_ms, diagnosis FROM run_vms').get()).toEqual({ vm: 'Guest1', passed: 0, downtime_ms: 100000, diagnosis: 'stale-team-vm-mac' });
    db.close();
  });

  it('leaves the document, its revision and fingerprint alone, and no journal behind', () => {
    const { dir, path } = goodFile();
    const before = openLabFile(path);
    appendRunHistory(path, sampleReport());
    const after = openLabFile(path);
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(after.meta.revision).toBe(before.meta.revision);
    expect(after.runCount).toBe(1);
    expect(readdirSync(dir)).toEqual(['good.lab']);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('allows recorded results far larger than any name may be', () => {
    const { path } = goodFile();
    appendRunHistory(path, sampleReport());
    expect(openLabFile(path, { maxValueBytes: 1024 }).runCount).toBe(1);
    expect(() => openLabFile(path, { maxValueBytes: 100 })).toThrow(/in lab\.description|in \w+\.\w+, more than the 100 bytes/);
  });

  it('refuses malformed results without touching the file', () => {
    const { path } = goodFile();
    const before = sha256(path);
    const bad = { ...sampleReport(), drills: [{ name: 'x' }] } as never;
    expect(() => appendRunHistory(path, bad)).toThrow(LabFileError);
    expect(sha256(path)).toBe(before);
  });
});
