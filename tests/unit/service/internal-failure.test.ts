// A request the service fails on tells the window one sentence and keeps the details for the log.
import { describe, it, expect, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LabService } from '../../../src-main/service/service.js';
import { storeLabFiles } from '../../../src-main/service/store-adapter.js';
import { workspacePolicy } from '../../../src-main/service/workspace-paths.js';
import { examplesDir } from '../../../src-main/service/app-paths.js';
import type { DocumentState } from '../../../shared/api.js';

describe('an unexpected failure inside the service', () => {
  it('answers a fixed sentence without internals and logs the details', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lab-planner-internal-'));
    const service = new LabService({
      host: 'browser',
      appVersion: 'test',
      paths: await workspacePolicy(root),
      files: storeLabFiles({ recoveryDir: path.join(root, 'recovery') }),
      examplesDir: examplesDir(),
      runDrills: () => {
        throw new Error('cannot read /home/engineer/secret/state.bin');
      },
      recentFile: null,
      startup: null,
      watchIntervalMs: 0,
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const opened = await service.handle('lab.new', { from: { kind: 'example', id: 'field-report' } });
    if (!opened.ok) throw new Error(opened.error.message);
    const ran = await service.handle('drills.run', { docId: (opened.value as DocumentState).docId, runId: 'r1' });
    expect(ran).toEqual({ ok: false, error: { code: 'internal', message: 'Lab Planner could not carry out this request; the details are in its log' } });
    expect(String(logged.mock.calls[0]?.[1])).toContain('/home/engineer/secret/state.bin');
    logged.mockRestore();
    await service.dispose();
  });
});
