// Fingerprints of files and folders, for proving that reading a lab wrote nothing.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Every file in a folder with its hash: compare before and after to prove nothing was written. */
export function folderState(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((entry) => [
        entry.name,
        entry.isSymbolicLink() ? `link: ${readlinkSync(join(dir, entry.name))}` : entry.isDirectory() ? `folder: ${readdirSync(join(dir, entry.name)).join(', ')}` : sha256(join(dir, entry.name)),
      ]),
  );
}
