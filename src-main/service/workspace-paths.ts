// Which files a host may open and save: anywhere (Electron, the user picked it) or only `.lab` files inside a workspace folder.
import { realpath, lstat, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** `missing`: the path is allowed but its folder does not exist (a file error, not a refusal). */
export type PathDecision = { ok: true; absolute: string } | { ok: false; message: string; missing?: boolean };
export type PathPurpose = 'open' | 'save';

export interface PathPolicy {
  /** The folder paths are relative to and confined to; null when any path is allowed. */
  readonly workspace: string | null;
  resolve(requested: string, purpose: PathPurpose): Promise<PathDecision>;
  /** How a path is shown to the user: relative to the workspace where there is one. */
  display(absolute: string): string;
  /**
   * Where an export (capture, report) may be written: a file with one of `extensions`, or a folder
   * (created when missing). Same confinement as saving a lab.
   */
  resolveExport(requested: string, target: ExportTarget): Promise<PathDecision>;
}

export type ExportTarget = { file: readonly string[] } | { folder: true };

export const LAB_EXTENSION = '.lab';
export const LAB_JSON_EXTENSION = '.lab.json';

/** Electron: the user picked the file in a native dialog, so every path is theirs to use. */
export function anyPathPolicy(cwd: string): PathPolicy {
  return {
    workspace: null,
    async resolve(requested) {
      return { ok: true, absolute: path.resolve(cwd, requested) };
    },
    display: (absolute) => absolute,
    async resolveExport(requested, target) {
      const absolute = path.resolve(cwd, requested);
      if (!('folder' in target)) return { ok: true, absolute };
      try {
        await mkdir(absolute, { recursive: true });
        return { ok: true, absolute };
      } catch (error) {
        return { ok: false, missing: true, message: `the folder ${absolute} cannot be created: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
      }
    },
  };
}

/**
 * The browser host: `.lab` (and, for opening, `.lab.json`) files inside `workspace`, named relative
 * to it. Traversal, absolute paths elsewhere and symbolic links that lead out are refused.
 */
export async function workspacePolicy(workspace: string): Promise<PathPolicy> {
  const root = await realpath(workspace);
  const inside = (candidate: string) => candidate === root || candidate.startsWith(root + path.sep);
  return {
    workspace: root,
    async resolve(requested, purpose) {
      if (requested.includes('\0')) return { ok: false, message: 'the file name contains a NUL character' };
      const absolute = path.resolve(root, requested);
      const name = path.basename(absolute).toLowerCase();
      const allowed = name.endsWith(LAB_EXTENSION) || (purpose === 'open' && name.endsWith(LAB_JSON_EXTENSION));
      if (!allowed) return { ok: false, message: `"${requested}" is not a ${purpose === 'open' ? '.lab or .lab.json' : '.lab'} file` };
      if (!inside(absolute)) return { ok: false, message: `"${requested}" is outside the workspace folder ${root}` };
      // The real location of the folder (and of the file, when it exists) must stay inside too.
      const folder = await realpathOrNull(path.dirname(absolute));
      if (folder === null) return { ok: false, missing: true, message: `the folder of "${requested}" does not exist in the workspace` };
      if (!inside(folder)) return { ok: false, message: `"${requested}" leads outside the workspace folder through a link` };
      const target = path.join(folder, path.basename(absolute));
      const link = await lstat(target).catch(() => null);
      if (link?.isSymbolicLink()) {
        const real = await realpathOrNull(target);
        if (real === null || !inside(real)) return { ok: false, message: `"${requested}" leads outside the workspace folder through a link` };
        return { ok: true, absolute: real };
      }
      return { ok: true, absolute: target };
    },
    display: (absolute) => path.relative(root, absolute).split(path.sep).join('/'),
    async resolveExport(requested, target) {
      if (requested.includes('\0')) return { ok: false, message: 'the file name contains a NUL character' };
      const absolute = path.resolve(root, requested);
      if (!inside(absolute)) return { ok: false, message: `"${requested}" is outside the workspace folder ${root}` };
      const escapes = { ok: false, message: `"${requested}" leads outside the workspace folder through a link` } as const;
      if ('folder' in target) {
        // The deepest folder that exists must really be inside before anything is created below it.
        let existing = absolute;
        while ((await realpathOrNull(existing)) === null) existing = path.dirname(existing);
        if (!inside((await realpathOrNull(existing))!)) return escapes;
        try {
          await mkdir(absolute, { recursive: true });
        } catch (error) {
          return { ok: false, missing: true, message: `the folder "${requested}" cannot be created: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
        }
        const real = await realpathOrNull(absolute);
        if (real === null || !inside(real)) return escapes;
        return { ok: true, absolute: real };
      }
      const name = path.basename(absolute).toLowerCase();
      if (!target.file.some((ext) => name.endsWith(ext) && name.length > ext.length))
        return { ok: false, message: `"${requested}" is not a ${target.file.join(' or ')} file` };
      const folder = await realpathOrNull(path.dirname(absolute));
      if (folder === null) return { ok: false, missing: true, message: `the folder of "${requested}" does not exist in the workspace` };
      if (!inside(folder)) return escapes;
      const file = path.join(folder, path.basename(absolute));
      const link = await lstat(file).catch(() => null);
      if (link?.isSymbolicLink()) {
        const real = await realpathOrNull(file);
        if (real === null || !inside(real)) return escapes;
        return { ok: true, absolute: real };
      }
      return { ok: true, absolute: file };
    },
  };
}

async function realpathOrNull(p: string): Promise<string | null> {
  try {
    return await realpath(p);
  } catch {
    return null;
  }
}
