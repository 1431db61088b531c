// Which lab file the app was asked to open: from the command line (Windows/Linux file association) or open-file (macOS).
import path from 'node:path';

const OPENABLE = /\.lab(\.json)?$/i;

/**
 * The first `.lab` / `.lab.json` argument, resolved against the launching folder. Flags and the
 * executable itself are skipped; Chromium switches (`--foo=bar`) are never taken for files.
 */
export function labFileFromArgv(argv: readonly string[], cwd: string): string | null {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (OPENABLE.test(arg)) return path.resolve(cwd, arg);
  }
  return null;
}

export function isOpenableLabPath(file: string): boolean {
  return OPENABLE.test(file);
}
