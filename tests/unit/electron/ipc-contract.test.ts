import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkIpcCall, dialogStepFor, EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../src-main/electron/ipc-contract.js';
import { APP_START_URL } from '../../../src-main/electron/sender-check.js';
import { MAX_NESTING_DEPTH } from '../../../shared/nesting.js';

const origin = { devUrl: null };
const appFrame = { url: APP_START_URL, isMainFrame: true };

describe('IPC calls into the service', () => {
  it('passes a well-formed call from the app page, with defaults filled', () => {
    expect(checkIpcCall(appFrame, origin, 'lab.close', { docId: 'doc-1' })).toEqual({ ok: true, request: 'lab.close', params: { docId: 'doc-1', discard: false } });
  });

  it('refuses a call from a foreign frame before looking at it', () => {
    expect(checkIpcCall({ url: 'https://evil.example/', isMainFrame: true }, origin, 'lab.open', { path: '/etc/shadow' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringContaining('Lab Planner window') },
    });
  });

  it('refuses payloads that do not fit the contract', () => {
    expect(checkIpcCall(appFrame, origin, 'lab.edit', { docId: 'doc-1', baseRevision: -1, ops: [] }).ok).toBe(false);
    expect(checkIpcCall(appFrame, origin, 42, {}).ok).toBe(false);
    expect(checkIpcCall(appFrame, origin, 'shell.openExternal', { url: 'x' }).ok).toBe(false);
  });

  it('refuses an edit value nested deeper than the documented limit, naming it', () => {
    let value: unknown = [];
    for (let i = 0; i < 50_000; i++) value = [value];
    const ops = [{ op: 'set', path: ['meta', 'title'], value }];
    expect(checkIpcCall(appFrame, origin, 'lab.edit', { docId: 'doc-1', baseRevision: 1, ops })).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: `lab.edit: the request nests arrays and objects more than ${MAX_NESTING_DEPTH} levels deep; a lab needs about 8, so this is not a lab` },
    });
  });

  it('knows which requests need a native dialog first', () => {
    expect(dialogStepFor('lab.open', {})).toBe('choose-lab-to-open');
    expect(dialogStepFor('lab.open', { path: '/a.lab' })).toBeNull();
    expect(dialogStepFor('lab.saveAs', { docId: 'd' })).toBe('choose-lab-to-save');
    expect(dialogStepFor('lab.importJson', {})).toBe('choose-json-to-import');
    expect(dialogStepFor('lab.importHyperV', {})).toBe('choose-hyperv-folder');
    expect(dialogStepFor('lab.importHyperV', { path: '/estate' })).toBeNull();
    expect(dialogStepFor('lab.exportJson', { docId: 'd', saveToFile: true })).toBe('choose-json-export-file');
    expect(dialogStepFor('lab.exportJson', { docId: 'd', saveToFile: false })).toBeNull();
    expect(dialogStepFor('capture.export', { docId: 'd', drill: 'x', points: ['HostB/NIC3'], saveToFile: true })).toBe('choose-capture-file');
    expect(dialogStepFor('capture.export', { docId: 'd', drill: 'x', saveToFile: true })).toBe('choose-capture-folder');
    expect(dialogStepFor('capture.export', { docId: 'd', drill: 'x' })).toBeNull();
    expect(dialogStepFor('capture.export', { docId: 'd', drill: 'x', saveToFile: true, format: 'pcapng' })).toBe('choose-pcapng-file');
    expect(dialogStepFor('lab.compare', { docId: 'd' })).toBe('choose-lab-to-open');
    expect(dialogStepFor('lab.compare', { docId: 'd', example: 'field-report' })).toBeNull();
    expect(dialogStepFor('lab.compare', { docId: 'd', path: '/other.lab' })).toBeNull();
    expect(dialogStepFor('report.export', { docId: 'd', saveToFile: true })).toBe('choose-report-file');
    expect(dialogStepFor('report.export', { docId: 'd', saveToFile: true, path: '/tmp/r.html' })).toBeNull();
  });

  it('uses the same channel names in the sandboxed preload, which exposes only invoke and on', () => {
    const preload = readFileSync(new URL('../../../src-main/electron/preload.cts', import.meta.url), 'utf8');
    expect(preload).toContain(`'${INVOKE_CHANNEL}'`);
    expect(preload).toContain(`'${EVENT_CHANNEL}'`);
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\('api', \{\s*\/\/[^\n]*\n\s*invoke:[\s\S]*\n\s*on:/);
  });
});
