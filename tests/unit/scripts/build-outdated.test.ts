// `npm start` and `npm run serve` build what is out of date first, so a fresh clone never shows "not built".
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outdatedBuilds } from '../../../scripts/build-outdated.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function project(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab-planner-clone-'));
  for (const [file, age] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), '');
    const when = new Date(Date.UTC(2026, 0, 1) + age * 1000);
    utimesSync(join(dir, file), when, when);
  }
  return dir;
}

const labels = (dir: string) => outdatedBuilds(dir).map((b) => b.label);

describe('building what is out of date before the app or the browser host starts', () => {
  it('builds the app and the window on a fresh clone', () => {
    const dir = project({ 'shared/lab.ts': 1, 'src-main/cli/main.ts': 1, 'src-renderer/main.ts': 1, 'index.html': 1 });
    expect(labels(dir)).toEqual(['building the app (tsc)', 'building the window (vite build)']);
    rmSync(dir, { recursive: true });
  });

  it('builds nothing when both are newer than their sources, and only the window after a renderer change', () => {
    const dir = project({ 'shared/lab.ts': 1, 'src-main/cli/main.ts': 1, 'src-renderer/main.ts': 1, 'index.html': 1, 'dist/src-main/cli/main.js': 5, 'dist-renderer/index.html': 5 });
    expect(labels(dir)).toEqual([]);
    utimesSync(join(dir, 'src-renderer/main.ts'), new Date(Date.UTC(2026, 0, 2)), new Date(Date.UTC(2026, 0, 2)));
    expect(labels(dir)).toEqual(['building the window (vite build)']);
    rmSync(dir, { recursive: true });
  });

  it('is what `npm run serve` runs before the browser host, as `npm start` does', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.serve).toBe('node scripts/serve.mjs');
    for (const script of ['scripts/serve.mjs', 'scripts/start.mjs']) expect(readFileSync(join(root, script), 'utf8')).toMatch(/^buildOutdated\(root\);$/m);
  });
});
