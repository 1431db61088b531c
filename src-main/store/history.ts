// Drill run history kept inside the `.lab` file: appended in one transaction, listed oldest first.
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from './sqlite.js';
import { drillReportSchema, drillResultSchema, type DrillReport, type DrillResult } from '../../shared/drill.js';
import { APP_VERSION } from '../version.js';
import { LabFileError } from './errors.js';
import { openLabFile, withHealthyDatabase } from './file.js';
import { insertRunRecord, RunTooLarge } from './history-rows.js';
import { sqliteFailure } from './checks.js';
import type { OpenOptions, RunRecord, RunSummary } from './types.js';

/**
 * Appends one drill run to the file's history. The file is checked (and an older schema migrated,
 * with a backup) first; the document and its fingerprint are unchanged, so an open editor can still save.
 * @throws LabFileError (e.g. 'read-only', or any reason openLabFile gives)
 */
export function appendRunHistory(
  path: string,
  report: DrillReport,
  options: { seed?: number; appVersion?: string; ranAt?: string } = {},
): { id: number } {
  const file = resolve(path);
  const checked = drillReportSchema.safeParse(report);
  if (!checked.success) throw new LabFileError(file, 'invalid-document', `was not changed: the drill results to record are malformed (${checked.error.issues[0].message})`);
  const opened = openLabFile(file, { migrate: 'file' });
  if (opened.readOnly) throw new LabFileError(file, 'read-only', `cannot record the run: ${opened.readOnlyReason}`);
  let db: Database.Database | undefined;
  try {
    db = openDatabase(file, { fileMustExist: true });
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    const run: RunRecord = {
      ranAt: options.ranAt ?? new Date().toISOString(),
      seed: options.seed ?? checked.data.seed,
      appVersion: options.appVersion ?? APP_VERSION,
      report: checked.data,
    };
    const id = db.transaction(() => insertRunRecord(db!, run))();
    return { id };
  } catch (error) {
    if (error instanceof RunTooLarge) throw new LabFileError(file, 'value-too-large', `was not changed: ${error.message}`);
    throw sqliteFailure(file, error);
  } finally {
    db?.close();
  }
}

export function listRunHistory(path: string, options: OpenOptions = {}): RunSummary[] {
  const file = resolve(path);
  return withHealthyDatabase(file, options, (db) => {
    const drills = db.prepare('SELECT run_id, name, passed, duration_ms FROM run_drills ORDER BY run_id, ordinal').all() as {
      run_id: number; name: string; passed: number; duration_ms: number;
    }[];
    const byRun = new Map<number, RunSummary['drills']>();
    for (const d of drills) {
      const list = byRun.get(d.run_id) ?? [];
      list.push({ name: String(d.name), passed: d.passed === 1, durationMs: Number(d.duration_ms) });
      byRun.set(d.run_id, list);
    }
    const runs = db.prepare('SELECT id, ran_at, seed, app_version, passed FROM runs ORDER BY id').all() as {
      id: number; ran_at: string; seed: number; app_version: string; passed: number;
    }[];
    return runs.map((r) => ({
      id: Number(r.id), ranAt: String(r.ran_at), seed: Number(r.seed), appVersion: String(r.app_version),
      passed: r.passed === 1, drills: byRun.get(r.id) ?? [],
    }));
  });
}

/** Every recorded run with its full results, oldest first. */
export function readRunHistory(path: string, options: OpenOptions = {}): RunRecord[] {
  const file = resolve(path);
  return withHealthyDatabase(file, options, (db) => {
    const results = new Map<number, DrillResult[]>();
    for (const d of db.prepare('SELECT run_id, ordinal, name, result_json FROM run_drills ORDER BY run_id, ordinal').all() as {
      run_id: number; ordinal: number; name: string; result_json: string;
    }[]) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(d.result_json));
      } catch {
        parsed = undefined;
      }
      const result = drillResultSchema.safeParse(parsed);
      if (!result.success) throw new LabFileError(file, 'invalid-document', `is damaged: the recorded results of drill "${d.name}" in run ${d.run_id} cannot be read`);
      const list = results.get(d.run_id) ?? [];
      list.push(result.data);
      results.set(d.run_id, list);
    }
    const runs = db.prepare('SELECT id, ran_at, seed, app_version, lab_title, passed FROM runs ORDER BY id').all() as {
      id: number; ran_at: string; seed: number; app_version: string; lab_title: string; passed: number;
    }[];
    return runs.map((r) => ({
      ranAt: String(r.ran_at), seed: Number(r.seed), appVersion: String(r.app_version),
      report: { format: 'lab-planner/drill-results' as const, lab: String(r.lab_title), seed: Number(r.seed), passed: r.passed === 1, drills: results.get(r.id) ?? [] },
    }));
  });
}
