// The `.lab` file store: one self-contained SQLite file per lab (normalised tables, rollback journal),
// its JSON form, diffs between labs, run history and the autosaved working copy.
// Every user-caused failure is a LabFileError whose message names the file and the reason.

export { LabFileError, isLabFileError, fileSystemReason, type LabFileErrorReason } from './errors.js';
export type { OpenedLab, LabFileMeta, OpenOptions, SaveOptions, SaveResult, RunSummary, RunRecord } from './types.js';
export {
  /** Magic number in `PRAGMA application_id` that marks a Lab Planner file ("LabP"). */
  LAB_APPLICATION_ID,
  /** Schema version (`PRAGMA user_version`) this build writes; older files are migrated, newer refused. */
  CURRENT_SCHEMA_VERSION,
} from './schema.js';
export {
  /**
   * Opens a `.lab` file: checks it is a healthy Lab Planner file of a schema this build reads,
   * migrates an older schema (backup copy `FILE.schema-vN.bak` next to it first), reads the
   * normalised tables and validates the document. Never writes to a file it refuses.
   * @throws LabFileError naming the file and the reason.
   */
  openLabFile,
  /**
   * Saves the document atomically and durably: a sibling temp file is written with VACUUM INTO,
   * fsynced and renamed over the file; run history already in the file is kept. With
   * `expectedFingerprint`, refuses (reason 'conflict') when someone saved the file since it was
   * opened — offer save-as or reload. Returns the new fingerprint.
   * @throws LabFileError
   */
  saveLabFile,
  /**
   * Creates a new `.lab` file from a document (default: an empty lab) and optional run history;
   * refuses (reason 'exists') when the file exists unless `overwrite`.
   */
  createLabFile,
  /** Largest text value read from a file, in bytes; bigger ones are refused ('value-too-large'). */
  DEFAULT_MAX_VALUE_BYTES,
} from './file.js';
export {
  /** Points better-sqlite3 at another native build (the Electron app's); also $LAB_PLANNER_SQLITE_BINDING. */
  useSqliteNativeBinding,
} from './sqlite.js';
export {
  /** Appends one drill run (its DrillReport) to the file's run history, in one transaction. */
  appendRunHistory,
  /** Lists recorded runs, oldest first, without their full results. */
  listRunHistory,
  /** Reads recorded runs with their full results (for `export --with-history`). */
  readRunHistory,
} from './history.js';
export {
  /**
   * The document being edited, autosaved to a recovery file (outside the lab's folder) every few
   * seconds after a change so a crash loses little. Call `markSaved()` after a save, `discard()`
   * when the user closes without saving.
   */
  WorkingCopy,
  /** Recovered work for a lab file left by a crashed session, or null. Offer it on open. */
  findRecoverable,
  /** Every recovery file left in the recovery folder (e.g. to offer on start-up). */
  listRecoverable,
  type Recoverable,
  type WorkingCopyOptions,
} from './working-copy.js';
export {
  /** The document as JSON with a stable key and element order (byte-identical for the same lab). */
  exportLabJson,
  /** Parses a `.lab.json` text back into a validated document and its run history, if any. */
  importLabJson,
  /** Largest `.lab.json` document read, in bytes. */
  MAX_JSON_BYTES,
} from './json.js';
export {
  /** What changed from lab `a` to lab `b`, one change per line in the domain's words. */
  diffLabs,
  type LabChange,
} from './diff.js';
export {
  /** Three-way merge of two labs descended from one base, by element identity; conflicts in the domain's words. */
  mergeLabs,
  type MergeConflict,
  type MergeResult,
  type MergeSide,
} from './merge.js';
