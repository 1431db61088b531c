// Opening and saving `.lab` files: read-only checks first, atomic temp-file-and-rename saves.
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, chmodSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import type Database from 'better-sqlite3';
import { openDatabase } from './sqlite.js';
import type { Lab, LabInput } from '../../shared/lab.js';
import { readLab } from '../core/lab.js';
import { APP_VERSION } from '../version.js';
import { LabFileError, problemsInOneLine } from './errors.js';
import { checkHeader, checkIdentity, checkIntegrity, checkReferences, checkValueSizes, sqliteFailure } from './checks.js';
import { CURRENT_SCHEMA_VERSION, FILL_RUN_VMS_SQL, LAB_APPLICATION_ID, migrate } from './schema.js';
import { DOCUMENT_TABLES, RowProblem, documentFromRows, documentRows, type Row } from './rows.js';
import { withSortedRecords } from './json.js';
import { copyThroughTemp, fsyncPath, removeDeadProcessesTempFiles, tempSibling } from './temp-files.js';
import { insertRunRecord, RunTooLarge } from './history-rows.js';
import type { LabFileMeta, OpenedLab, OpenOptions, RunRecord, SaveOptions, SaveResult } from './types.js';

/** Largest text value read from a file; names are at most 200 characters, descriptions 100,000. */
export const DEFAULT_MAX_VALUE_BYTES = 16 * 1024 * 1024;

export function openLabFile(path: string, options: OpenOptions = {}): OpenedLab {
  const file = resolve(path);
  removeDeadProcessesTempFiles(dirname(file));
  const access = writeAccess(file);
  const opened = withHealthyDatabase(file, options, (db, schemaVersion, hashOnDisk) => {
    const { lab, meta, runCount } = readDocument(file, db, schemaVersion);
    let migration: OpenedLab['migration'] = null;
    let fingerprint = fingerprintOf(meta.revision, hashOnDisk!);
    if (schemaVersion < CURRENT_SCHEMA_VERSION) {
      migration = { from: schemaVersion, to: CURRENT_SCHEMA_VERSION, backupPath: null, inMemoryOnly: true };
      if (options.migrate !== 'memory' && access.writable) {
        db.close();
        migration = { ...migration, backupPath: migrateFileOnDisk(file, schemaVersion), inMemoryOnly: false };
        fingerprint = fingerprintOnDisk(file);
      }
    }
    return { path: file, lab, meta, runCount, migration, readOnly: !access.writable, readOnlyReason: access.reason, fingerprint };
  }, true);
  return opened;
}

/**
 * Runs `read` on a file that passed every health check, at the current schema: an older file is
 * upgraded in memory first, so a file that turns out bad is never touched. With `hash`, `read`
 * also gets the content hash of the file as it is on disk (before any upgrade).
 */
export function withHealthyDatabase<T>(
  file: string,
  options: OpenOptions,
  read: (db: Database.Database, schemaVersion: number, hashOnDisk: string | null) => T,
  hash = false,
): T {
  let db: Database.Database | undefined;
  try {
    // Inside the try: another program's write transaction makes even the roll-back wait, then refuse.
    rollBackInterruptedChange(file);
    checkHeader(file);
    db = openDatabase(file, { readonly: true, fileMustExist: true });
    const schemaVersion = checkIdentity(file, db);
    checkIntegrity(file, db);
    checkValueSizes(file, db, options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES);
    checkReferences(file, db);
    const hashOnDisk = hash ? contentHash(db) : null;
    if (schemaVersion < CURRENT_SCHEMA_VERSION) {
      db.close();
      db = openDatabase(readFileSync(file));
      migrate(db, schemaVersion);
    }
    return read(db, schemaVersion, hashOnDisk);
  } catch (error) {
    throw sqliteFailure(file, error);
  } finally {
    if (db?.open) db.close();
  }
}

/**
 * A run being recorded when its process died leaves a hot `-journal` beside the file. SQLite rolls
 * the unfinished change back (restoring the last committed lab) on the first writable open, so do
 * that before reading; a read-only connection cannot. Rolling back writes to the file, so it is
 * done only for a Lab Planner lab this build reads: anyone else's file is refused untouched.
 */
function rollBackInterruptedChange(file: string): void {
  const journal = `${file}-journal`;
  let head: Buffer;
  try {
    if (!existsSync(journal) || statSync(journal).size === 0) return;
    head = readHead(file, 100);
  } catch {
    return;
  }
  if (head.length < 100 || head.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') return;
  const applicationId = head.readUInt32BE(68);
  const schemaVersion = head.readUInt32BE(60);
  if (applicationId !== LAB_APPLICATION_ID)
    throw new LabFileError(file, 'other-application', 'is not a Lab Planner lab, and it was being written when its program stopped (its -journal file is beside it); open it in that program first. The file was not changed');
  if (schemaVersion > CURRENT_SCHEMA_VERSION)
    throw new LabFileError(file, 'newer-schema', `was written by a newer Lab Planner (file schema version ${schemaVersion}, and Lab Planner ${APP_VERSION} reads schema versions up to ${CURRENT_SCHEMA_VERSION}) and was being written when it stopped (its -journal file is beside it). Open it with a newer Lab Planner; the file was not changed`);
  if (!writeAccess(file).writable) return;
  const db = openDatabase(file, { fileMustExist: true });
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } finally {
    db.close();
  }
}

function readHead(file: string, bytes: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(bytes);
    return head.subarray(0, readSync(fd, head, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Hash of everything the document and its metadata are stored in, row order aside: any change on
 * disk — a save by another Lab Planner or a hand edit with sqlite3 — changes it. Run history is left
 * out, so recording a drill run is not a conflict.
 */
function contentHash(db: Database.Database): string {
  const hash = createHash('sha256');
  for (const table of ['lab', ...DOCUMENT_TABLES]) {
    const rows = (db.prepare(`SELECT * FROM ${table}`).raw().all() as unknown[][]).map((row) => JSON.stringify(row)).sort();
    hash.update(`${table}\u0000${rows.join('\u0000')}\u0001`);
  }
  return hash.digest('hex').slice(0, 32);
}

function fingerprintOnDisk(file: string): string {
  const db = openDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const revision = Number(db.prepare('SELECT revision FROM lab WHERE id = 1').pluck().get());
    return fingerprintOf(revision, contentHash(db));
  } finally {
    db.close();
  }
}

function readDocument(file: string, db: Database.Database, schemaVersion: number): { lab: Lab; meta: LabFileMeta; runCount: number } {
  const labRow = db.prepare('SELECT * FROM lab WHERE id = 1').get() as Row | undefined;
  if (!labRow) throw new LabFileError(file, 'corrupt', 'is damaged: it has no lab record (title, revision)');
  const rows = Object.fromEntries(
    DOCUMENT_TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY ${table === 'settings' ? 'rowid' : table === 'layout_viewport' ? 'id' : 'ordinal'}`).all() as Row[]]),
  );
  let input: LabInput;
  try {
    input = documentFromRows(labRow, rows);
  } catch (error) {
    if (error instanceof RowProblem) throw new LabFileError(file, 'invalid-document', `is damaged: ${error.message}`);
    throw error;
  }
  const parsed = readLab(input);
  if (!parsed.ok) throw new LabFileError(file, 'invalid-document', `holds a lab that does not check out: ${problemsInOneLine(parsed.problems)}`);
  const runCount = Number((db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n);
  const meta = {
    title: parsed.lab.meta.title,
    description: parsed.lab.meta.description,
    author: parsed.lab.meta.author,
    created: String(labRow.created),
    modified: String(labRow.modified),
    modifiedBy: String(labRow.modified_by ?? ''),
    appVersion: String(labRow.app_version),
    revision: Number(labRow.revision),
    schemaVersion,
  };
  return { lab: parsed.lab, meta, runCount };
}

/** Keeps a backup copy next to the file, then runs each pending migration in its own transaction. */
function migrateFileOnDisk(file: string, from: number): string {
  const backupPath = backUpBeforeUpgrade(file, from);
  const db = openDatabase(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    migrate(db, from);
  } finally {
    db.close();
  }
  return backupPath;
}

/**
 * Copies `file` to `NAME.lab.schema-vN.bak` before it is rewritten at the current schema, through a
 * temp file and a rename: a backup is complete or absent. A backup already holding these very bytes
 * (an upgrade interrupted after its backup) is kept rather than copied again as `.bak.2`.
 */
function backUpBeforeUpgrade(file: string, schemaVersion: number): string {
  const wanted = `${file}.schema-v${schemaVersion}.bak`;
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? wanted : `${wanted}.${i}`;
    if (!existsSync(candidate)) {
      copyThroughTemp(file, candidate);
      return candidate;
    }
    if (sameBytes(candidate, file)) return candidate;
  }
}

function sameBytes(a: string, b: string): boolean {
  return statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));
}

export function fingerprintOf(revision: number, contentHash: string): string {
  return `${revision}:${contentHash}`;
}

/** Whether a save could replace the file: the file and its folder must be writable. */
export function writeAccess(file: string): { writable: boolean; reason: string | null } {
  const folder = dirname(file);
  try {
    if (existsSync(file) && (statSync(file).mode & 0o222) === 0) return { writable: false, reason: 'the file is marked read-only' };
    if (existsSync(file)) accessSync(file, constants.W_OK);
  } catch {
    return { writable: false, reason: 'you have no permission to write the file' };
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    return { writable: false, reason: `the folder ${folder} is read-only for you (a read-only share or medium?)` };
  }
  return { writable: true, reason: null };
}

// ---- saving ----------------------------------------------------------------------------------

interface OnDisk {
  schemaVersion: number;
  revision: number;
  created: string;
  modified: string;
  modifiedBy: string;
  fingerprint: string;
  db: Database.Database;
}

export function saveLabFile(path: string, lab: Lab, options: SaveOptions = {}): SaveResult {
  return writeLabFile(resolve(path), lab, options, undefined);
}

export function createLabFile(
  path: string,
  lab: LabInput = {},
  options: SaveOptions & { overwrite?: boolean; history?: RunRecord[] } = {},
): SaveResult {
  const file = resolve(path);
  if (!options.overwrite && existsSync(file)) throw new LabFileError(file, 'exists', 'already exists; choose another name or replace it explicitly');
  const parsed = readLab(lab);
  if (!parsed.ok) throw new LabFileError(file, 'invalid-document', `cannot be created from a lab that does not check out: ${problemsInOneLine(parsed.problems)}`);
  return writeLabFile(file, parsed.lab, { ...options, expectedFingerprint: undefined }, options.history ?? [], true);
}

/** Writes the whole file anew into a sibling temp file, fsyncs it and renames it over the target. */
function writeLabFile(file: string, lab: Lab, options: SaveOptions, history: RunRecord[] | undefined, validated = false): SaveResult {
  let checked = lab;
  if (!validated) {
    const parsed = readLab(lab);
    if (!parsed.ok) throw new LabFileError(file, 'invalid-document', `was not saved: the lab does not check out: ${problemsInOneLine(parsed.problems)}`);
    checked = parsed.lab;
  }
  const document = withSortedRecords(checked);
  const documentHash = createHash('sha256').update(JSON.stringify(document)).digest('hex');
  const access = writeAccess(file);
  if (!access.writable) throw new LabFileError(file, 'read-only', `cannot be saved: ${access.reason}. Save it under another name (save as) in a folder you can write`);
  const now = options.now ?? new Date().toISOString();
  const onDisk = history === undefined ? readOnDisk(file, options.expectedFingerprint !== undefined) : null;
  removeDeadProcessesTempFiles(dirname(file));
  const temp = tempSibling(file);
  const mem = openDatabase(':memory:');
  try {
    if (onDisk && options.expectedFingerprint !== undefined) refuseIfChanged(file, onDisk.fingerprint, options.expectedFingerprint, onDisk);
    const revision = (onDisk?.revision ?? 0) + 1;
    migrate(mem, 0);
    mem.pragma('foreign_keys = ON');
    mem.transaction(() => {
      insertRows(mem, documentRows(document));
      insertRows(mem, {
        lab: [{
          id: 1, format: document.format, document_version: document.version, title: document.meta.title,
          description: document.meta.description, author: document.meta.author, created: onDisk?.created ?? now, modified: now,
          app_version: options.appVersion ?? APP_VERSION, revision, document_hash: documentHash,
          modified_by: options.modifiedBy ?? currentUser(),
        }],
      });
      if (onDisk) copyHistory(onDisk.db, mem);
      for (const run of history ?? []) insertRunRecord(mem, run);
    })();
    onDisk?.db.close();
    const fingerprint = fingerprintOf(revision, contentHash(mem));
    mem.prepare('VACUUM INTO ?').run(temp);
    mem.close();
    fsyncPath(temp);
    if (existsSync(file)) keepMode(file, temp);
    if (options.expectedFingerprint !== undefined) {
      // Someone may have saved while we wrote the temp file; check again just before replacing.
      const latest = readOnDisk(file, true);
      latest?.db.close();
      if (latest) refuseIfChanged(file, latest.fingerprint, options.expectedFingerprint, latest);
    }
    // Saving replaces an older-schema file with the current schema: that is a migration, so keep a backup.
    const backupPath = onDisk && onDisk.schemaVersion < CURRENT_SCHEMA_VERSION ? backUpBeforeUpgrade(file, onDisk.schemaVersion) : null;
    renameSync(temp, file);
    fsyncPath(dirname(file));
    return { path: file, fingerprint, revision, modified: now, backupPath };
  } catch (error) {
    try {
      if (existsSync(temp)) unlinkSync(temp);
    } catch {
      // The temp file says whose it is; the next open or save in this folder removes it.
    }
    if (error instanceof LabFileError) throw error;
    if (error instanceof RunTooLarge) throw new LabFileError(file, 'value-too-large', `was not saved: ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    throw new LabFileError(file, 'io', `was not saved (${code ?? 'error'}: ${(error as Error).message}); the file on disk is unchanged`);
  } finally {
    if (mem.open) mem.close();
    if (onDisk?.db.open) onDisk.db.close();
  }
}

function refuseIfChanged(file: string, actual: string, expected: string, onDisk: Omit<OnDisk, 'db'> & { db?: unknown }): void {
  if (actual === expected) return;
  const by = onDisk.modifiedBy ? ` by ${onDisk.modifiedBy}` : '';
  throw new LabFileError(file, 'conflict', `was saved${by} at ${onDisk.modified} (now revision ${onDisk.revision}) since you opened it. Nothing was written: save your lab under another name (save as), or reload the file and redo your changes`);
}

/** The lab file currently on disk (its identity checked); null when there is none. */
function readOnDisk(file: string, withFingerprint: boolean): OnDisk | null {
  if (!existsSync(file)) return null;
  checkHeader(file);
  let db: Database.Database | undefined;
  try {
    db = openDatabase(file, { readonly: true, fileMustExist: true });
    const schemaVersion = checkIdentity(file, db);
    const row = db.prepare('SELECT * FROM lab WHERE id = 1').get() as Row | undefined;
    if (!row) throw new LabFileError(file, 'corrupt', 'is damaged: it has no lab record (title, revision)');
    const revision = Number(row.revision);
    return {
      schemaVersion, revision, created: String(row.created), modified: String(row.modified), modifiedBy: String(row.modified_by ?? ''),
      fingerprint: withFingerprint ? fingerprintOf(revision, contentHash(db)) : '', db,
    };
  } catch (error) {
    db?.close();
    throw sqliteFailure(file, error);
  }
}

/** Carries the run history of the file being replaced over to the new file (any older schema). */
function copyHistory(from: Database.Database, to: Database.Database): void {
  const runs = to.prepare('INSERT INTO runs (id, ran_at, seed, app_version, lab_title, passed) VALUES (?, ?, ?, ?, ?, ?)');
  for (const r of from.prepare('SELECT id, ran_at, seed, app_version, lab_title, passed FROM runs ORDER BY id').raw().iterate()) runs.run(r);
  const drills = to.prepare('INSERT INTO run_drills (run_id, ordinal, name, passed, duration_ms, result_json) VALUES (?, ?, ?, ?, ?, ?)');
  for (const r of from.prepare('SELECT run_id, ordinal, name, passed, duration_ms, result_json FROM run_drills ORDER BY run_id, ordinal').raw().iterate()) drills.run(r);
  to.exec(FILL_RUN_VMS_SQL);
}

export function insertRows(db: Database.Database, rows: Record<string, Row[]>): void {
  for (const [table, list] of Object.entries(rows)) {
    if (!list.length) continue;
    const columns = [...new Set(list.flatMap((row) => Object.keys(row)))];
    const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    for (const row of list) insert.run(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
  }
}

function keepMode(from: string, to: string): void {
  try {
    chmodSync(to, statSync(from).mode & 0o777);
  } catch {
    // Not every filesystem keeps modes (network shares); the default mode is fine there.
  }
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
