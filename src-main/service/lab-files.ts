// What the service needs from the `.lab` store; store-adapter.ts binds it to src-main/store.
import type { Lab } from '../../shared/lab.js';

export interface OpenedFile {
  lab: Lab;
  readOnly: boolean;
  /** Why it is read-only, in the user's words. */
  readOnlyReason: string | null;
  /** Opaque token the store uses to refuse clobbering a copy saved by someone else. */
  fingerprint: string;
}

export interface RecoveredWork {
  /** `file:<absolute path>` for work on a saved lab, `unsaved-…` for a lab never saved. */
  id: string;
  /** The file the work belonged to (absolute); null for a lab never saved. */
  path: string | null;
  title: string;
  savedAt: string;
}

/**
 * Lab files and autosaved working copies. Every method throws a `LabFileFailure` for a problem the
 * user can cause (a bad file, a conflict, a read-only folder).
 */
export interface LabFiles {
  open(path: string): Promise<OpenedFile>;
  save(path: string, lab: Lab, expectedFingerprint: string | null): Promise<{ fingerprint: string }>;
  /** Writes the lab over whatever file is at `path`, as a new lab: none of that file's run history is kept. */
  replace(path: string, lab: Lab): Promise<{ fingerprint: string }>;
  /** Stable, diffable JSON of the document. */
  exportJson(lab: Lab): string;
  /** A lab from exported JSON; `fileName` names it in messages. */
  importJson(text: string, fileName: string): Lab;
  /** Keeps unsaved work: by file for a saved lab (`labPath`), by `key` for a lab never saved. */
  autosave(key: string, labPath: string | null, lab: Lab, baseFingerprint: string | null): Promise<void>;
  discardAutosave(key: string, labPath: string | null): Promise<void>;
  /** Work on never-saved labs left by any session. */
  listUnsavedWork(): Promise<RecoveredWork[]>;
  /** Work left on the lab at `labPath`, if any. */
  findWorkOn(labPath: string): Promise<RecoveredWork | null>;
  readWork(id: string): Promise<{ path: string | null; lab: Lab; baseFingerprint: string | null }>;
}

export type LabFileFailureKind = 'bad-file' | 'file-error' | 'changed-on-disk' | 'read-only' | 'invalid-lab' | 'not-found';

export class LabFileFailure extends Error {
  constructor(
    readonly kind: LabFileFailureKind,
    message: string,
    readonly problems?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'LabFileFailure';
  }
}
