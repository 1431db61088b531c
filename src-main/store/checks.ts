// Health checks run before a `.lab` file is read: each failure is a LabFileError naming the reason.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { APP_VERSION } from '../version.js';
import { LabFileError, fileSystemReason } from './errors.js';
import { CURRENT_SCHEMA_VERSION, LAB_APPLICATION_ID } from './schema.js';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

/** Checks the file's size and SQLite header without handing it to SQLite. Returns its size. */
export function checkHeader(path: string): number {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new LabFileError(path, 'not-a-file', 'is a folder, not a lab file');
    if (!stat.isFile()) throw new LabFileError(path, 'not-a-file', 'is not a regular file');
    size = stat.size;
  } catch (error) {
    if (error instanceof LabFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new LabFileError(path, code === 'ENOENT' ? 'not-found' : 'io', fileSystemReason(error));
  }
  if (size === 0) throw new LabFileError(path, 'empty', 'is empty (0 bytes): not a lab file, perhaps an interrupted copy');
  const header = readHeader(path);
  const magicPart = header.subarray(0, Math.min(header.length, SQLITE_MAGIC.length));
  if (!magicPart.equals(SQLITE_MAGIC.subarray(0, magicPart.length))) {
    const text = printableText(header)?.trimStart() ?? '';
    const hint = text.startsWith('{') ? ' (it looks like JSON: a .lab.json is read with `lab-planner import`)' : text.startsWith('<') ? ' (it looks like an HTML or XML page)' : '';
    throw new LabFileError(path, 'not-sqlite', `is not a Lab Planner lab: it is not an SQLite database${hint}`);
  }
  if (size < HEADER_BYTES) throw new LabFileError(path, 'truncated', `is truncated: ${size} bytes, less than an SQLite header`);
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0)
    throw new LabFileError(path, 'corrupt', `is damaged: its header declares an impossible page size (${rawPageSize})`);
  // Bytes 18 and 19: 2 is WAL mode, in which even a read-only open leaves -wal and -shm files.
  if (header[18] === 2 || header[19] === 2)
    throw new LabFileError(path, 'other-application', 'uses SQLite’s WAL journal mode, which a Lab Planner lab never does (opening it would leave -wal and -shm files beside it); if it is a lab, convert it with sqlite3: PRAGMA journal_mode = DELETE');
  if (size % pageSize !== 0 || (countValid && pageCount > 0 && size < pageCount * pageSize)) {
    const declared = countValid && pageCount > 0 ? ` of the ${pageCount * pageSize} its header declares` : '';
    throw new LabFileError(path, 'truncated', `is truncated: it holds ${size} bytes${declared} (an incomplete copy or download?)`);
  }
  return size;
}

/** The head as text when it is printable UTF-8 (a cut-off last character allowed); otherwise null. */
function printableText(head: Buffer): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? null : text;
}

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const read = readSync(fd, buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** SQLite's messages (integrity rows start "*** in database main ***" and a newline) on one short line. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\*\*\* in database \w+ \*\*\*/g, '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Turns an SQLite error while reading `path` into a LabFileError. */
export function sqliteFailure(path: string, error: unknown): LabFileError {
  if (error instanceof LabFileError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = (error as Error).message ?? String(error);
  if (code === 'SQLITE_NOTADB') return new LabFileError(path, 'not-sqlite', 'is not a Lab Planner lab: it is not an SQLite database');
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_TOOBIG' || code.startsWith('SQLITE_IOERR_SHORT_READ'))
    return new LabFileError(path, 'corrupt', `is damaged (${oneLine(message, 200)})`);
  if (code === 'SQLITE_READONLY_ROLLBACK' || code === 'SQLITE_READONLY_RECOVERY')
    return new LabFileError(path, 'read-only', 'was left mid-change by a program that stopped (its -journal file is beside it); SQLite must roll that change back before the lab can be read, which needs write access to the file and its folder');
  if (code === 'SQLITE_CANTOPEN') return new LabFileError(path, 'io', `cannot be opened (${oneLine(message, 200)})`);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new LabFileError(path, 'io', 'is being written by another program; try again in a moment');
  if (code === 'SQLITE_ERROR') return new LabFileError(path, 'corrupt', `is damaged or not a complete lab file (${oneLine(message, 200)})`);
  if (!code.startsWith('SQLITE') && (error as NodeJS.ErrnoException).code) return new LabFileError(path, 'io', fileSystemReason(error));
  return new LabFileError(path, 'io', `cannot be read (${code || 'error'}: ${oneLine(message, 200)})`);
}

/** Refuses SQLite files of other applications and of newer schemas. Returns the file's schema version. */
export function checkIdentity(path: string, db: Database.Database): number {
  const applicationId = Number(db.pragma('application_id', { simple: true }));
  if (applicationId !== LAB_APPLICATION_ID) {
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name LIMIT 6").all() as { name: string }[]).map((t) => t.name);
    const what = tables.length ? `its tables are ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}` : 'it has no tables';
    throw new LabFileError(path, 'other-application', `is an SQLite database of another application, not a Lab Planner lab (application id 0x${applicationId.toString(16).padStart(8, '0')}; ${what})`);
  }
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > CURRENT_SCHEMA_VERSION)
    throw new LabFileError(path, 'newer-schema', `was written by a newer Lab Planner: file schema version ${version}, and Lab Planner ${APP_VERSION} reads schema versions up to ${CURRENT_SCHEMA_VERSION}. Open it with a newer Lab Planner; the file was not changed`);
  if (version < 1) throw new LabFileError(path, 'corrupt', 'is damaged: it is marked as a Lab Planner lab but has no schema version');
  return version;
}

/** PRAGMA integrity_check: the file's pages, records and indexes are consistent. */
export function checkIntegrity(path: string, db: Database.Database): void {
  const problems = (db.prepare('PRAGMA integrity_check(5)').all() as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (problems.length !== 1 || problems[0] !== 'ok')
    throw new LabFileError(path, 'integrity', `is damaged: SQLite's integrity check failed (${oneLine(problems.slice(0, 3).join('; '), 200)})`);
}

/** PRAGMA foreign_key_check: no row names a device (host, NIC, team, VM…) the file does not hold. */
export function checkReferences(path: string, db: Database.Database): void {
  const dangling = db.prepare('PRAGMA foreign_key_check').all() as { table: string; rowid: number | null; parent: string; fkid: number }[];
  if (dangling.length) {
    const first = dangling[0];
    const described = describeDangling(db, first);
    throw new LabFileError(path, 'dangling-reference', `is damaged: ${described}${dangling.length > 1 ? ` (and ${dangling.length - 1} more such rows)` : ''}`);
  }
}

const SINGULAR: Record<string, string> = {
  hosts: 'host', nics: 'NIC', teams: 'team', team_members: 'team member', virtual_switches: 'virtual switch', switches: 'switch',
  clients: 'client', vms: 'VM', cables: 'cable', drills: 'drill', drill_vms: 'drill VM', drill_expect_down: 'drill expectation',
  drill_steps: 'drill step', runs: 'run', run_drills: 'run drill', run_vms: 'run VM',
};

function describeDangling(db: Database.Database, v: { table: string; rowid: number | null; parent: string; fkid: number }): string {
  const child = SINGULAR[v.table] ?? v.table;
  const parent = SINGULAR[v.parent] ?? v.parent;
  let values = '';
  try {
    const keys = (db.prepare(`PRAGMA foreign_key_list("${v.table.replace(/"/g, '""')}")`).all() as { id: number; from: string }[])
      .filter((k) => k.id === v.fkid)
      .map((k) => k.from);
    if (v.rowid !== null && keys.length) {
      const row = db.prepare(`SELECT ${keys.map((k) => `"${k}"`).join(', ')} FROM "${v.table}" WHERE rowid = ?`).get(v.rowid) as Record<string, unknown>;
      values = ` ${JSON.stringify(keys.map((k) => String(row[k])).join('/').slice(0, 200))}`;
    }
  } catch {
    values = '';
  }
  return `a ${child} row refers to ${parent}${values}, which is not in the file`;
}

/** Recorded drill results (snapshots of every VM at every step) may be far larger than any name. */
export const MAX_RESULT_BYTES = 256 * 1024 * 1024;
const LARGER_LIMITS: Record<string, number> = { 'run_drills.result_json': MAX_RESULT_BYTES };

/** Refuses any stored value larger than `maxBytes` before it is read into memory (a 2 GB name, say). */
export function checkValueSizes(path: string, db: Database.Database, maxBytes: number): void {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  for (const { name } of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const columns = (db.prepare(`PRAGMA table_info(${quoted})`).all() as { name: string }[]).map((c) => c.name);
    if (!columns.length) continue;
    const sizes = columns.map((c) => `max(octet_length("${c.replace(/"/g, '""')}"))`).join(', ');
    const row = db.prepare(`SELECT ${sizes} FROM ${quoted}`).raw().get() as (number | null)[] | undefined;
    row?.forEach((size, i) => {
      const limit = Math.max(maxBytes, LARGER_LIMITS[`${name}.${columns[i]}`] ?? 0);
      if (size !== null && size > limit)
        throw new LabFileError(path, 'value-too-large', `holds a value of ${formatBytes(size)} in ${name}.${columns[i]}, more than the ${formatBytes(limit)} a lab value may have; the file is damaged or was not written by Lab Planner`);
    });
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
