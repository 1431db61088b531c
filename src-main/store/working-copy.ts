// The working copy: the document being edited, autosaved to a recovery file so a crash loses
// seconds, not work. Recovery files live outside the lab's folder (which may be a read-only share).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { labSchema, type Lab } from '../../shared/lab.js';
import { canonicalLab } from './json.js';
import { fsyncPath } from './temp-files.js';

export interface WorkingCopyOptions {
  /** Autosave this long after the last change (default 2000 ms). */
  autosaveMs?: number;
  /** Where recovery files live (default $LAB_PLANNER_RECOVERY_DIR or ~/.lab-planner/recovery). */
  recoveryDir?: string;
  /** Clock for `savedAt`; tests pin it. */
  now?: () => string;
}

export interface Recoverable {
  labPath: string;
  recoveryPath: string;
  savedAt: string;
  /** Fingerprint of the file the work was based on; if the file's fingerprint differs now, it was saved since. */
  baseFingerprint: string | null;
  lab: Lab;
}

const RECOVERY_FORMAT = 'lab-planner/recovery';
const recoveryFileSchema = z.object({
  format: z.literal(RECOVERY_FORMAT),
  labPath: z.string(),
  savedAt: z.string(),
  baseFingerprint: z.string().nullable(),
  lab: z.unknown(),
});

export function recoveryDirectory(options: WorkingCopyOptions = {}): string {
  return options.recoveryDir ?? process.env.LAB_PLANNER_RECOVERY_DIR ?? join(homedir(), '.lab-planner', 'recovery');
}

/** One recovery file per lab path: the path's hash keeps two labs with the same name apart. */
export function recoveryPathFor(labPath: string, options: WorkingCopyOptions = {}): string {
  const absolute = resolve(labPath);
  const hash = createHash('sha256').update(absolute).digest('hex').slice(0, 16);
  const safeName = basename(absolute).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  return join(recoveryDirectory(options), `${safeName}.${hash}.recovery.json`);
}

export class WorkingCopy {
  readonly labPath: string;
  readonly recoveryPath: string;
  private lab: Lab;
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly autosaveMs: number;
  private readonly now: () => string;

  constructor(
    labPath: string,
    lab: Lab,
    private baseFingerprint: string | null,
    options: WorkingCopyOptions = {},
  ) {
    this.labPath = resolve(labPath);
    this.lab = lab;
    this.recoveryPath = recoveryPathFor(labPath, options);
    this.autosaveMs = options.autosaveMs ?? 2000;
    this.now = options.now ?? (() => new Date().toISOString());
  }

  get document(): Lab {
    return this.lab;
  }

  get hasUnsavedChanges(): boolean {
    return this.dirty;
  }

  /** Records an edit; the recovery file is written `autosaveMs` later (edits in between coalesce). */
  update(lab: Lab): void {
    this.lab = lab;
    this.dirty = true;
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, this.autosaveMs);
      this.timer.unref();
    }
  }

  /** Writes the recovery file now (atomically) if there are unsaved edits. */
  flush(): void {
    if (!this.dirty) return;
    mkdirSync(dirname(this.recoveryPath), { recursive: true });
    const temp = `${this.recoveryPath}.${process.pid}.tmp`;
    const body = { format: RECOVERY_FORMAT, labPath: this.labPath, savedAt: this.now(), baseFingerprint: this.baseFingerprint, lab: canonicalLab(this.lab) };
    writeFileSync(temp, `${JSON.stringify(body)}\n`);
    fsyncPath(temp);
    renameSync(temp, this.recoveryPath);
  }

  /** The lab was saved: the recovery file is no longer needed. */
  markSaved(fingerprint: string): void {
    this.baseFingerprint = fingerprint;
    this.dirty = false;
    this.cancelTimer();
    removeQuietly(this.recoveryPath);
  }

  /** The user closed without saving (or chose not to recover): drop the recovery file. */
  discard(): void {
    this.dirty = false;
    this.cancelTimer();
    removeQuietly(this.recoveryPath);
  }

  /** Stops autosaving; unsaved edits are flushed so a later open can offer them. */
  close(): void {
    this.cancelTimer();
    this.flush();
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Work left by a session that crashed while editing `labPath`, or null. A damaged recovery file is ignored. */
export function findRecoverable(labPath: string, options: WorkingCopyOptions = {}): Recoverable | null {
  const recoveryPath = recoveryPathFor(labPath, options);
  if (!existsSync(recoveryPath)) return null;
  try {
    const body = recoveryFileSchema.parse(JSON.parse(readFileSync(recoveryPath, 'utf8')));
    if (body.labPath !== resolve(labPath)) return null;
    // Work in progress may still have reference problems (a VM on a host just deleted): keep it anyway.
    const parsed = labSchema.safeParse(body.lab);
    if (!parsed.success) return null;
    return { labPath: body.labPath, recoveryPath, savedAt: body.savedAt, baseFingerprint: body.baseFingerprint, lab: parsed.data };
  } catch {
    return null;
  }
}

/** Recovery files in the recovery folder, e.g. to offer on start-up. */
export function listRecoverable(options: WorkingCopyOptions = {}): string[] {
  const directory = recoveryDirectory(options);
  if (!existsSync(directory)) return [];
  return readdirSync(directory).filter((n) => n.endsWith('.recovery.json')).map((n) => join(directory, n));
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to recover.
  }
}
