import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readStaticFile, rendererBuilt, notBuiltMessage } from '../../../src-main/server/static-files.js';

let root: string;
let renderer: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'lab-planner-static-'));
  renderer = path.join(root, 'dist-renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), '1');
  writeFileSync(path.join(renderer, '.env'), 'SECRET=1');
  writeFileSync(path.join(root, 'secret.txt'), 'not for the browser');
});

describe('serving the built renderer', () => {
  it('serves the page at / and its assets with their types', async () => {
    expect(await readStaticFile(renderer, '/')).toMatchObject({ ok: true, isHtml: true, contentType: 'text/html; charset=utf-8' });
    expect(await readStaticFile(renderer, '/assets/app.js')).toMatchObject({ ok: true, contentType: 'text/javascript; charset=utf-8' });
  });

  it('serves nothing outside the renderer folder, nor dot-files', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/.env', '/assets%5c..%5c..%5csecret.txt'])
      expect((await readStaticFile(renderer, p)).ok, p).toBe(false);
  });

  it('says how to build the renderer when it is missing', async () => {
    expect(await rendererBuilt(renderer)).toBe(true);
    expect(await rendererBuilt(path.join(root, 'nothing'))).toBe(false);
    expect(notBuiltMessage('/x/dist-renderer')).toContain('vite build');
  });
});
