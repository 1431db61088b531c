// Errors a user can cause with a lab file: each names the file and the reason, in the engineer's words.

/** Why a lab file could not be opened, saved or imported. */
export type LabFileErrorReason =
  | 'not-found'
  | 'not-a-file'
  | 'empty'
  | 'not-sqlite'
  | 'truncated'
  | 'corrupt'
  | 'other-application'
  | 'newer-schema'
  | 'integrity'
  | 'dangling-reference'
  | 'value-too-large'
  | 'invalid-document'
  | 'invalid-json'
  | 'conflict'
  | 'exists'
  | 'read-only'
  | 'io';

export class LabFileError extends Error {
  constructor(
    /** The file the message is about, as the user named it. */
    readonly file: string,
    readonly reason: LabFileErrorReason,
    /** What went wrong, without the file name (the message adds it). */
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'LabFileError';
  }
}

export function isLabFileError(error: unknown): error is LabFileError {
  return error instanceof LabFileError;
}
