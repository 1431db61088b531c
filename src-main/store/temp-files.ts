// The hidden files a save writes before renaming them into place. Each name says whose it is —
// `.NAME.HOST.PID-RANDOM.saving` — so the leftovers of this machine's dead processes can be cleaned
// up, never a file another machine (on a shared folder) or a live process is still writing.
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

const TEMP_NAME = /^\.(.+)\.([A-Za-z0-9_-]+)\.(\d+)-[0-9a-f]{8}\.saving(?:-journal)?$/;

/** This machine's name as it appears in temp file names (no dots, so names parse back). */
export function thisHost(): string {
  return hostname().replace(/[^A-Za-z0-9-]/g, '_') || 'host';
}

/** A hidden sibling of `target` to write before renaming it over `target`. */
export function tempSibling(target: string): string {
  return join(dirname(target), `.${basename(target)}.${thisHost()}.${process.pid}-${randomBytes(4).toString('hex')}.saving`);
}

/** Whose a temp file is, from its name; null for any other file. */
export function tempFileOwner(name: string): { target: string; host: string; pid: number } | null {
  const match = TEMP_NAME.exec(name);
  return match ? { target: match[1], host: match[2], pid: Number(match[3]) } : null;
}

/** Whether a process of this machine is running (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files in `folder` left by this machine's processes that have died (a save
 * killed midway). Best effort: a folder that cannot be listed or written is left as it is.
 */
export function removeDeadProcessesTempFiles(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const host = thisHost();
  const removed: string[] = [];
  for (const name of names) {
    const owner = tempFileOwner(name);
    if (!owner || owner.host !== host || owner.pid === process.pid || processAlive(owner.pid)) continue;
    try {
      unlinkSync(join(folder, name));
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: either way nothing to do.
    }
  }
  return removed;
}

/** Copies `from` to `to` through a temp file and a rename, so `to` is complete or absent. */
export function copyThroughTemp(from: string, to: string): void {
  const temp = tempSibling(to);
  try {
    copyFileSync(from, temp);
    fsyncPath(temp);
    renameSync(temp, to);
    fsyncPath(dirname(to));
  } finally {
    if (existsSync(temp)) unlinkSync(temp);
  }
}

export function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch (error) {
    // Folders cannot be opened for fsync on Windows; the rename is still atomic there.
    if (!['EISDIR', 'EPERM', 'EACCES', 'EINVAL'].includes(String((error as NodeJS.ErrnoException).code))) throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
