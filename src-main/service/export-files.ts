// Writes exports (captures, reports) whole or not at all: aside, then renamed into place.
import { writeFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export class ExportWriteFailed extends Error {}

export async function writeExport(file: string, data: Uint8Array | string): Promise<void> {
  const partial = `${file}.partial`;
  try {
    // A leftover (or planted) partial file is removed, and 'wx' never follows a link put there.
    await unlink(partial).catch(() => undefined);
    await writeFile(partial, data, { flag: 'wx' });
    await rename(partial, file);
  } catch (error) {
    await unlink(partial).catch(() => undefined);
    throw new ExportWriteFailed(`${path.basename(file)} cannot be written: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
