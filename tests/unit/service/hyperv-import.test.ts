// lab.importHyperV in the browser host: a folder inside the workspace becomes a new unsaved lab with its summary.
import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabService } from '../../../src-main/service/service.js';
import { storeLabFiles } from '../../../src-main/service/store-adapter.js';
import { workspacePolicy } from '../../../src-main/service/workspace-paths.js';
import { examplesDir } from '../../../src-main/service/app-paths.js';
import { lintLab } from '../../../src-main/core/lint/index.js';
import type { RequestValue } from '../../../shared/api.js';

const fixture = fileURLToPath(new URL('../../fixtures/hyperv/field-report-ps7', import.meta.url));

async function workspaceService() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lab-planner-hyperv-'));
  cpSync(fixture, path.join(root, 'estate'), { recursive: true });
  const service = new LabService({
    host: 'browser',
    appVersion: 'test',
    paths: await workspacePolicy(root),
    files: storeLabFiles({ recoveryDir: path.join(root, '.recovery') }),
    examplesDir: examplesDir(),
    runDrills: () => {
      throw new Error('no drills run here');
    },
    designChecks: lintLab,
    recentFile: null,
    startup: null,
    watchIntervalMs: 0,
  });
  return { root, service };
}

describe('lab.importHyperV', () => {
  it('opens the estate in the workspace as a new unsaved lab and answers the summary with its defaults', async () => {
    const { root, service } = await workspaceService();
    const answer = await service.handle('lab.importHyperV', { path: 'estate' });
    if (!answer.ok) throw new Error(answer.error.message);
    const { document, summary } = answer.value as RequestValue<'lab.importHyperV'>;
    expect(document.path).toBeNull();
    expect(document.dirty).toBe(true);
    expect(await service.handle('lab.close', { docId: document.docId })).toMatchObject({ ok: false, error: { code: 'unsaved-changes' } });
    expect(document.document.hosts.map((h) => h.name)).toEqual(['HostA', 'HostB']);
    expect(summary).toMatchObject({ hosts: 2, vms: 2, cablesPlaced: 6 });
    expect(summary.defaults).toHaveLength(7);
    const lint = await service.handle('lab.lint', { docId: document.docId });
    if (!lint.ok) throw new Error(lint.error.message);
    expect((lint.value as RequestValue<'lab.lint'>).findings.filter((f) => f.code === 'imported-default')).toHaveLength(7);
    await service.dispose();
    rmSync(root, { recursive: true });
  });

  it('refuses a folder outside the workspace, and names the file of a broken estate', async () => {
    const { root, service } = await workspaceService();
    expect(await service.handle('lab.importHyperV', { path: '..' })).toMatchObject({ ok: false, error: { code: 'path-refused' } });
    expect(await service.handle('lab.importHyperV', {})).toMatchObject({ ok: false, error: { code: 'needs-path' } });
    writeFileSync(path.join(root, 'estate/HostA/Get-VMHost.json'), '{"Name":"HostA","MacAddressMinimum":"nope","MacAddressMaximum":"00155D010AFF"}');
    expect(await service.handle('lab.importHyperV', { path: 'estate' })).toEqual({
      ok: false,
      error: { code: 'bad-file', message: 'HostA/Get-VMHost.json: item 1: MacAddressMinimum "nope" is not a MAC address' },
    });
    await service.dispose();
    rmSync(root, { recursive: true });
  });
});
