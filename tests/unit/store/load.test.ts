import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLabForCli } from '../../../src-main/cli/load.js';
import { UserError } from '../../../src-main/cli/io.js';
import { FIELD_REPORT_JSON } from '../../fixtures/store/samples.js';
import { goodFile, tempDir } from './helpers.js';

describe('loading a lab for a command', () => {
  it('reads a .lab file, relative to the working folder, with its file details', () => {
    const { dir } = goodFile();
    const loaded = loadLabForCli('good.lab', { cwd: dir });
    expect(loaded).toMatchObject({ kind: 'lab', path: join(dir, 'good.lab') });
    expect(loaded.opened?.meta.revision).toBe(1);
    expect(loaded.lab.hosts).toHaveLength(2);
  });

  it('reads a JSON document', () => {
    const loaded = loadLabForCli(FIELD_REPORT_JSON);
    expect(loaded.kind).toBe('json');
    expect(loaded.history).toEqual([]);
  });

  it('tells the two apart by content when the name has no known extension', () => {
    const { dir, path } = goodFile();
    copyFileSync(path, join(dir, 'lab-copy'));
    writeFileSync(join(dir, 'doc-copy'), readFileSync(FIELD_REPORT_JSON));
    expect(loadLabForCli('lab-copy', { cwd: dir }).kind).toBe('lab');
    expect(loadLabForCli('doc-copy', { cwd: dir }).kind).toBe('json');
  });

  it('turns every failure into a UserError naming the file and the reason', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.lab'), 'hello');
    for (const [name, says] of [['x.lab', /not an SQLite database/], ['missing.lab.json', /no such file/], ['missing.lab', /no such file/]] as const) {
      let error: unknown;
      try {
        loadLabForCli(name, { cwd: dir });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).exitCode).toBe(2);
      expect((error as UserError).message).toMatch(new RegExp(`^${join(dir, name)}: `));
      expect((error as UserError).message).toMatch(says);
    }
  });
});
