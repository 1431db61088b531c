// Finding lab files in folders, for the browser host's file picker and the desktop's recent folders.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { LAB_EXTENSION, LAB_JSON_EXTENSION } from './workspace-paths.js';

export interface FoundFile {
  path: string;
  name: string;
  sizeBytes: number;
  modifiedAt: string;
}

const MAX_FILES = 1000;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'dist-renderer', 'release']);

/** `.lab` and `.lab.json` files in `folders`, down to `depth` levels of sub-folders, links not followed. */
export async function listLabFiles(folders: readonly string[], depth: number): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const visit = async (dir: string, level: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (found.length >= MAX_FILES) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && level < depth && !entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) await visit(full, level + 1);
      else if (entry.isFile() && isLabName(entry.name)) {
        const s = await stat(full).catch(() => null);
        if (s) found.push({ path: full, name: entry.name, sizeBytes: s.size, modifiedAt: s.mtime.toISOString() });
      }
    }
  };
  for (const folder of folders) await visit(folder, 0);
  return found;
}

function isLabName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith(LAB_EXTENSION) || lower.endsWith(LAB_JSON_EXTENSION);
}
