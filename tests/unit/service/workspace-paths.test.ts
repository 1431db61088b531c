import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workspacePolicy, anyPathPolicy, type PathPolicy } from '../../../src-main/service/workspace-paths.js';

let root: string;
let workspace: string;
let policy: PathPolicy;

beforeAll(async () => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'lab-planner-paths-')));
  workspace = path.join(root, 'ws');
  mkdirSync(path.join(workspace, 'labs'), { recursive: true });
  mkdirSync(path.join(root, 'outside'));
  writeFileSync(path.join(root, 'outside', 'secret.lab'), 'x');
  symlinkSync(path.join(root, 'outside'), path.join(workspace, 'escape'));
  symlinkSync(path.join(root, 'outside', 'secret.lab'), path.join(workspace, 'linked.lab'));
  symlinkSync(path.join(workspace, 'labs'), path.join(workspace, 'inner'));
  policy = await workspacePolicy(workspace);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the browser host workspace', () => {
  it('allows .lab files inside the workspace, named relative to it', async () => {
    expect(await policy.resolve('labs/a.lab', 'save')).toEqual({ ok: true, absolute: path.join(workspace, 'labs', 'a.lab') });
    expect(policy.display(path.join(workspace, 'labs', 'a.lab'))).toBe('labs/a.lab');
  });

  it('opens JSON exports but saves only .lab files', async () => {
    expect((await policy.resolve('a.lab.json', 'open')).ok).toBe(true);
    expect(await policy.resolve('a.lab.json', 'save')).toMatchObject({ ok: false, message: expect.stringContaining('not a .lab file') });
    expect((await policy.resolve('notes.txt', 'open')).ok).toBe(false);
  });

  it('refuses traversal and absolute paths outside', async () => {
    for (const p of ['../outside/secret.lab', path.join(root, 'outside', 'secret.lab'), 'labs/../../outside/secret.lab'])
      expect(await policy.resolve(p, 'open'), p).toMatchObject({ ok: false, message: expect.stringContaining('outside the workspace') });
  });

  it('refuses symbolic links that lead out, and follows those that stay in', async () => {
    expect(await policy.resolve('escape/secret.lab', 'open')).toMatchObject({ ok: false, message: expect.stringContaining('through a link') });
    expect(await policy.resolve('linked.lab', 'open')).toMatchObject({ ok: false, message: expect.stringContaining('through a link') });
    expect(await policy.resolve('inner/a.lab', 'save')).toEqual({ ok: true, absolute: path.join(workspace, 'labs', 'a.lab') });
  });

  it('says when the folder does not exist instead of refusing', async () => {
    expect(await policy.resolve('nowhere/a.lab', 'save')).toMatchObject({ ok: false, missing: true });
  });

  it('refuses a NUL character in a name', async () => {
    expect((await policy.resolve('a\0.lab', 'open')).ok).toBe(false);
  });
});

describe('the desktop app', () => {
  it('uses the path the user picked in the dialog as is', async () => {
    expect(await anyPathPolicy('/home/ada').resolve('/srv/share/lab.lab', 'open')).toEqual({ ok: true, absolute: path.resolve('/srv/share/lab.lab') });
  });
});
