// Where the app's own files are (examples, renderer build), from source or from the build under dist/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, found by walking up from this module (src-main/… or dist/src-main/…). */
export function appRoot(from: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'examples'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(path.dirname(fileURLToPath(from)), '..', '..');
    dir = parent;
  }
}

export const examplesDir = (root = appRoot()) => path.join(root, 'examples');
export const rendererDir = (root = appRoot()) => path.join(root, 'dist-renderer');
