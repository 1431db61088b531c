// Run history rows: one per run, one per drill (with the full DrillResult as JSON), one per VM.
import type Database from 'better-sqlite3';
import { MAX_RESULT_BYTES, formatBytes } from './checks.js';
import type { RunRecord } from './types.js';

/** Thrown for results too large to keep; the caller names the file. */
export class RunTooLarge extends Error {}

export function insertRunRecord(db: Database.Database, run: RunRecord): number {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO runs (ran_at, seed, app_version, lab_title, passed) VALUES (?, ?, ?, ?, ?)')
    .run(run.ranAt, run.seed, run.appVersion, run.report.lab, run.report.passed ? 1 : 0);
  const runId = Number(lastInsertRowid);
  const drill = db.prepare('INSERT INTO run_drills (run_id, ordinal, name, passed, duration_ms, result_json) VALUES (?, ?, ?, ?, ?, ?)');
  const vm = db.prepare(
    'INSERT INTO run_vms (run_id, drill_ordinal, ordinal, vm, passed, reachable_at_end, downtime_ms, verdict, diagnosis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  run.report.drills.forEach((result, d) => {
    const json = JSON.stringify(result);
    if (Buffer.byteLength(json) > MAX_RESULT_BYTES)
      throw new RunTooLarge(`the results of drill "${result.name}" are ${formatBytes(Buffer.byteLength(json))}, more than the ${formatBytes(MAX_RESULT_BYTES)} a lab file keeps per drill; record fewer drills or VMs at a time`);
    drill.run(runId, d, result.name, result.passed ? 1 : 0, result.durationMs, json);
    result.vms.forEach((v, i) =>
      vm.run(runId, d, i, v.name, v.passed ? 1 : 0, v.reachableAtEnd ? 1 : 0, v.downtimeMs, v.verdict, v.diagnosis?.code ?? null),
    );
  });
  return runId;
}
