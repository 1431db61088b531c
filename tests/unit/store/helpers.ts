// Temp folders and file fingerprints for the store tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { readLab } from '../../../src-main/core/lab.js';
import type { Lab, LabInput } from '../../../shared/lab.js';
import { createLabFile, LabFileError } from '../../../src-main/store/index.js';
import { richLab } from '../../fixtures/store/samples.js';

const made: string[] = [];
afterEach(() => {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab-store-'));
  made.push(dir);
  return dir;
}

export { folderState, sha256 } from '../../soak/folder-state.js';

export function valid(input: LabInput): Lab {
  const parsed = readLab(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.lab;
}

/** A saved rich lab in a fresh folder. */
export function goodFile(name = 'good.lab'): { dir: string; path: string; lab: Lab } {
  const dir = tempDir();
  const path = join(dir, name);
  const lab = valid(richLab());
  createLabFile(path, lab, { now: '2026-03-01T08:00:00.000Z', modifiedBy: 'ana' });
  return { dir, path, lab };
}

/** The LabFileError an opener throws; fails the test when the file is accepted or something else is thrown. */
export function refusal(open: () => unknown): LabFileError {
  try {
    open();
  } catch (error) {
    if (error instanceof LabFileError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}
