// What the store hands to its callers: an opened lab, its file metadata and its run history.
import type { Lab } from '../../shared/lab.js';
import type { DrillReport } from '../../shared/drill.js';

/** File metadata kept beside the document (title, description and author are the document's own meta). */
export interface LabFileMeta {
  title: string;
  description: string;
  author: string;
  /** ISO 8601 UTC time the file was first saved. */
  created: string;
  /** ISO 8601 UTC time of the last save. */
  modified: string;
  /** Who saved last (user name of the saving account), '' when unknown. */
  modifiedBy: string;
  /** Lab Planner version that saved last. */
  appVersion: string;
  /** Save counter: 1 for a new file, +1 per save. */
  revision: number;
  /** Schema version of the file on disk when opened (before any migration). */
  schemaVersion: number;
}

export interface OpenedLab {
  /** Absolute path of the file. */
  path: string;
  lab: Lab;
  meta: LabFileMeta;
  /** True when the file or its folder cannot be written: save-as elsewhere instead. */
  readOnly: boolean;
  /** Why it is read-only, in the user's words, when it is. */
  readOnlyReason: string | null;
  /** Opaque token for conflict detection: pass it back to saveLabFile as `expectedFingerprint`. */
  fingerprint: string;
  /** Set when the file was written by an older schema and was migrated on opening. */
  migration: { from: number; to: number; backupPath: string | null; inMemoryOnly: boolean } | null;
  /** Number of recorded drill runs in the file. */
  runCount: number;
}

export interface SaveOptions {
  /** Fingerprint from openLabFile / the previous save; saving refuses when the file changed since. */
  expectedFingerprint?: string;
  /** Who saves; defaults to the account's user name. */
  modifiedBy?: string;
  /** Version written into the file; defaults to this build's APP_VERSION. */
  appVersion?: string;
  /** Time of the save (ISO 8601); defaults to now. Tests pin it. */
  now?: string;
}

export interface SaveResult {
  path: string;
  fingerprint: string;
  revision: number;
  modified: string;
  /** Set when the save replaced a file of an older schema: the backup copy kept next to it. */
  backupPath: string | null;
}

/** One recorded drill run, as listed by `history`. */
export interface RunSummary {
  id: number;
  ranAt: string;
  seed: number;
  appVersion: string;
  passed: boolean;
  drills: { name: string; passed: boolean; durationMs: number }[];
}

/** A recorded run with its full results, as typed in shared/drill.ts. */
export interface RunRecord {
  ranAt: string;
  seed: number;
  appVersion: string;
  report: DrillReport;
}

export interface OpenOptions {
  /**
   * How an older-schema file is upgraded: 'file' migrates the file itself (after a backup copy next
   * to it), 'memory' only the copy read into memory and leaves the file untouched. Default 'file';
   * a read-only file is always migrated in memory.
   */
  migrate?: 'file' | 'memory';
  /** Largest text value accepted, in bytes (default DEFAULT_MAX_VALUE_BYTES); tests lower it. */
  maxValueBytes?: number;
}
