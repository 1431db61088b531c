// The working copy: the document being edited, autosaved to a recovery file.
import type { Lab } from '../../shared/lab.js';

export interface WorkingCopyOptions {
  /** Autosave this long after the last change (default 2000 ms). */
  autosaveMs?: number;
  /** Where recovery files live (default ~/.lab-planner/recovery or $LAB_PLANNER_RECOVERY_DIR). */
  recoveryDir?: string;
}

export interface Recoverable {
  labPath: string;
  recoveryPath: string;
  savedAt: string;
  /** Fingerprint of the file the work was based on; differs from the file's now if it was saved since. */
  baseFingerprint: string | null;
  lab: Lab;
}

export class WorkingCopy {
  constructor(
    readonly labPath: string,
    _lab: Lab,
    _baseFingerprint: string | null,
    _options: WorkingCopyOptions = {},
  ) {}
}

export function findRecoverable(_labPath: string, _options: WorkingCopyOptions = {}): Recoverable | null {
  throw new Error('not implemented yet');
}
