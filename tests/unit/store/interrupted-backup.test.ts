// A schema upgrade whose backup copy is cut off midway (the process killed, the disk full): the
// backup is complete or absent, and the next upgrade does not leave a second copy beside a bad one.
import { describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLabFile } from '../../../src-main/store/index.js';
import { sha256, tempDir } from './helpers.js';

const copying = vi.hoisted(() => ({ cutOffAfter: null as number | null }));
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  const copyFileSync = (from: fs.PathLike, to: fs.PathLike, mode?: number) => {
    if (copying.cutOffAfter === null) return real.copyFileSync(from, to, mode);
    real.writeFileSync(to, real.readFileSync(from).subarray(0, copying.cutOffAfter));
    throw Object.assign(new Error('ENOSPC: no space left on device, copyfile'), { code: 'ENOSPC' });
  };
  return { ...real, default: { ...real, copyFileSync }, copyFileSync };
});

const FIXTURE = fileURLToPath(new URL('../../fixtures/store/field-report.schema-v1.lab', import.meta.url));

describe('a schema upgrade interrupted while it copies the backup', () => {
  it('leaves no truncated backup, and the next upgrade writes one complete backup, not a .bak.2', () => {
    const dir = tempDir();
    const path = join(dir, 'old.lab');
    fs.copyFileSync(FIXTURE, path);
    copying.cutOffAfter = 4096;
    expect(() => openLabFile(path)).toThrow();
    copying.cutOffAfter = null;
    expect(fs.existsSync(`${path}.schema-v1.bak`)).toBe(false);
    expect(sha256(path)).toBe(sha256(FIXTURE));

    const opened = openLabFile(path);
    expect(opened.migration?.backupPath).toBe(`${path}.schema-v1.bak`);
    expect(sha256(`${path}.schema-v1.bak`)).toBe(sha256(FIXTURE));
    expect(fs.readdirSync(dir).sort()).toEqual(['old.lab', 'old.lab.schema-v1.bak']);
  });
});
