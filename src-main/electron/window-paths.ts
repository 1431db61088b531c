// Which file paths a window may name: only those main itself handed out (a native dialog's answer,
// the recent-files list, a launch file). Any other path is dropped so the user picks one in a dialog.
import path from 'node:path';
import type { RequestName } from '../../shared/api.js';

/** Opening reads a file; saving and exporting write one, so an open grant never lets a window write. */
export type PathUse = 'open' | 'write';

const WRITES: ReadonlySet<string> = new Set(['lab.saveAs', 'report.export', 'capture.export', 'lab.exportJson', 'diagram.export']);
const EXPORTS: ReadonlySet<string> = new Set(['report.export', 'capture.export', 'lab.exportJson']);
/** Requests that read other files than `path`: each named field must be a path main handed out to open. */
const READ_FIELDS: Readonly<Record<string, readonly string[]>> = { 'lab.merge': ['theirs', 'base'] };

/** Absolute, no `..` segment, no NUL: the only shape of path main ever hands out. */
export function isPlainAbsolutePath(file: string): boolean {
  return !file.includes('\0') && path.isAbsolute(file) && !file.split(/[\\/]+/).includes('..');
}

export class HandedOutPaths {
  readonly #granted = new Map<string, Set<PathUse>>();

  handOut(file: string, use: PathUse): void {
    if (!isPlainAbsolutePath(file)) return;
    const uses = this.#granted.get(file) ?? new Set<PathUse>();
    uses.add(use);
    this.#granted.set(file, uses);
  }

  allows(file: unknown, use: PathUse): boolean {
    return typeof file === 'string' && isPlainAbsolutePath(file) && (this.#granted.get(file)?.has(use) ?? false);
  }
}

/** What a request does with its `path`, or null when it names no file. */
export function pathUseOf(request: RequestName | string): PathUse | null {
  if (request === 'lab.open' || request === 'lab.importHyperV' || request === 'lab.compare') return 'open';
  return WRITES.has(request) ? 'write' : null;
}

/**
 * The window's params with a path main did not hand out removed; an export that named one is turned
 * into a save-to-file request, so the dialog step asks the user where instead of writing anywhere.
 */
export function withHandedOutPathOnly(request: RequestName | string, params: Record<string, unknown>, handedOut: HandedOutPaths): Record<string, unknown> {
  const reads = READ_FIELDS[request];
  if (reads) return Object.fromEntries(Object.entries(params).filter(([key, value]) => !reads.includes(key) || handedOut.allows(value, 'open')));
  const use = pathUseOf(request);
  if (use === null || params.path === undefined || handedOut.allows(params.path, use)) return { ...params };
  const { path: _refused, ...rest } = params;
  return EXPORTS.has(request) ? { ...rest, saveToFile: true } : rest;
}
