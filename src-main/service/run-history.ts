// The drill runs of an open lab: those recorded in its `.lab` file, then those of this session that
// wait for a file (a lab not saved yet, or a file that cannot be written). Numbered as `history` numbers them.
import { statSync } from 'node:fs';
import type { RunSummary } from '../../shared/api.js';
import type { DrillReport } from '../../shared/drill.js';
import { appendRunHistory, isLabFileError, listRunHistory, readRunHistory, type RunRecord } from '../store/index.js';
import { LabFileFailure } from './lab-files.js';

/** Every run, oldest first: the file's, then the pending ones. */
export function listRuns(file: string | null, pending: readonly RunRecord[]): RunSummary[] {
  const inFile = file === null ? [] : fromStore(() => listRunHistory(file));
  const saved = inFile.map((r, i) => ({ run: i + 1, ranAt: r.ranAt, seed: r.seed, appVersion: r.appVersion, passed: r.passed, inFile: true, drills: r.drills.map((d) => ({ name: d.name, passed: d.passed })) }));
  return [...saved, ...pending.map((r, i) => summaryOf(r, saved.length + i + 1, false))];
}

/** Run number `n` in full; null when there is none. */
export function readRun(file: string | null, pending: readonly RunRecord[], n: number): { run: RunSummary; report: DrillReport } | null {
  const inFile = file === null ? [] : fromStore(() => readRunHistory(file));
  const all = [...inFile.map((r) => ({ r, inFile: true })), ...pending.map((r) => ({ r, inFile: false }))];
  const found = all[n - 1];
  return found ? { run: summaryOf(found.r, n, found.inFile), report: found.r.report } : null;
}

/** Appends the runs to the file; answers those that could not go in (a read-only file keeps them pending). */
export function writeRuns(file: string, runs: readonly RunRecord[]): RunRecord[] {
  for (const [i, run] of runs.entries()) {
    try {
      appendRunHistory(file, run.report, { seed: run.seed, appVersion: run.appVersion, ranAt: run.ranAt });
    } catch (error) {
      if (isLabFileError(error)) return runs.slice(i);
      throw error;
    }
  }
  return [];
}

/** Size and mtime of the file, as the service's watcher stamps it (so our own append is not "changed on disk"). */
export function stampNow(file: string): string | null {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

function summaryOf(r: RunRecord, run: number, inFile: boolean): RunSummary {
  return { run, ranAt: r.ranAt, seed: r.seed, appVersion: r.appVersion, passed: r.report.passed, inFile, drills: r.report.drills.map((d) => ({ name: d.name, passed: d.passed })) };
}

function fromStore<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isLabFileError(error)) throw new LabFileFailure('bad-file', error.message);
    throw error;
  }
}

/** Every run recorded in the file with its results; none when the file's history cannot be read. */
export function readAllRuns(file: string): RunRecord[] {
  try {
    return readRunHistory(file);
  } catch (error) {
    if (isLabFileError(error)) return [];
    throw error;
  }
}
