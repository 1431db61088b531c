import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RecentFiles, RECENT_LIMIT } from '../../../src-main/service/recent-files.js';

describe('recent files', () => {
  it('keeps the newest first, once each, up to the limit, across runs', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lab-planner-recent-')), 'recent.json');
    const recent = new RecentFiles(file);
    for (let i = 0; i < RECENT_LIMIT + 3; i++) await recent.add({ path: `/labs/${i}.lab`, title: `Lab ${i}`, openedAt: `2026-01-0${i % 9}` });
    await recent.add({ path: '/labs/5.lab', title: 'Lab 5', openedAt: 'later' });
    const again = await new RecentFiles(file).list();
    expect(again).toHaveLength(RECENT_LIMIT);
    expect(again[0].path).toBe('/labs/5.lab');
    expect(again.filter((e) => e.path === '/labs/5.lab')).toHaveLength(1);
  });

  it('starts empty from a damaged list', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lab-planner-recent-')), 'recent.json');
    writeFileSync(file, '{not json');
    expect(await new RecentFiles(file).list()).toEqual([]);
  });
});
