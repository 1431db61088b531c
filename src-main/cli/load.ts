// Loading a lab for any command from a `.lab` file or a `.lab.json` document; failures become UserErrors.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Lab } from '../../shared/lab.js';
import { openLabFile, importLabJson, fileSystemReason, LabFileError, MAX_JSON_BYTES, type OpenedLab, type OpenOptions, type RunRecord } from '../store/index.js';
import { UserError, type CliIo } from './io.js';

export interface LoadedLab {
  lab: Lab;
  /** Absolute path of the file read. */
  path: string;
  kind: 'lab' | 'json';
  /** The opened `.lab` file (metadata, fingerprint, read-only flag); absent for JSON. */
  opened?: OpenedLab;
  /** Run history carried by a `.lab.json` export made with --with-history. */
  history?: RunRecord[];
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Reads a lab from FILE (relative to io.cwd): a `.lab` SQLite file or a JSON document.
 * Older `.lab` schemas are migrated in memory only (reading never rewrites a colleague's file)
 * unless `options.migrate` is 'file'.
 * @throws UserError naming the file and the reason (exit 2).
 */
export function loadLabForCli(file: string, io?: Pick<CliIo, 'cwd'>, options: OpenOptions = {}): LoadedLab {
  const path = resolve(io?.cwd ?? process.cwd(), file);
  try {
    if (looksLikeJson(path)) {
      const { lab, history } = importLabJson(readText(path), path);
      return { lab, path, kind: 'json', history };
    }
    const opened = openLabFile(path, { migrate: 'memory', ...options });
    return { lab: opened.lab, path, kind: 'lab', opened };
  } catch (error) {
    if (error instanceof LabFileError) throw new UserError(error.message);
    throw error;
  }
}

/** `.json` files are JSON; other names are JSON only when they do not start as SQLite and start with "{". */
function looksLikeJson(path: string): boolean {
  if (/\.json$/i.test(path)) return true;
  if (/\.lab$/i.test(path)) return false;
  const head = readHead(path, 16);
  if (head === null || head.toString('latin1') === SQLITE_MAGIC) return false;
  return head.toString('utf8').trimStart().startsWith('{');
}

function readHead(path: string, bytes: number): Buffer | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readText(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new LabFileError(path, 'not-a-file', 'is not a file');
    size = stat.size;
  } catch (error) {
    if (error instanceof LabFileError) throw error;
    throw new LabFileError(path, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not-found' : 'io', fileSystemReason(error));
  }
  if (size === 0) throw new LabFileError(path, 'empty', 'is empty (0 bytes); not a lab document');
  if (size > MAX_JSON_BYTES) throw new LabFileError(path, 'value-too-large', `is ${Math.round(size / 1024 / 1024)} MB, more than the ${MAX_JSON_BYTES / 1024 / 1024} MB a lab document may be`);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new LabFileError(path, 'io', fileSystemReason(error));
  }
}
