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
    // One line, whatever a damaged file's values hold: line breaks and other control characters become spaces.
    // eslint-disable-next-line no-control-regex
    super(`${file}: ${detail.replace(/[\u0000-\u001f\u007f]+/g, ' ')}`);
    this.name = 'LabFileError';
  }
}

export function isLabFileError(error: unknown): error is LabFileError {
  return error instanceof LabFileError;
}

/** A list of document problems on one line: the first two, then how many more. */
export function problemsInOneLine(problems: readonly { path: string; message: string }[]): string {
  const shown = problems.slice(0, 2).map((p) => `${p.path}: ${p.message}`.replace(/\s+/g, ' '));
  const more = problems.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''}`;
}

const FILE_SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  ELOOP: 'cannot be read: its path is a loop of symbolic links',
  EACCES: 'cannot be read: permission denied',
  EPERM: 'cannot be read: permission denied',
  EISDIR: 'is a folder, not a lab file',
  ENOTDIR: 'cannot be read: a part of its path is a file, not a folder',
  ENAMETOOLONG: 'cannot be read: its path is too long',
  EMFILE: 'cannot be read now: too many files are open; try again in a moment',
  EIO: 'cannot be read: the disk reported an input/output error',
};

/** Why the file system refused a file, in words, never a raw error code or stack. */
export function fileSystemReason(error: unknown): string {
  const code = String((error as NodeJS.ErrnoException).code ?? '');
  return FILE_SYSTEM_REASONS[code] ?? `cannot be read (${String((error as Error).message ?? error).split('\n')[0]})`;
}
