// Capture and report export through the browser host's WebSocket, as the renderer calls them.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../../src-main/server/host.js';
import type { DocumentState, RequestValue } from '../../../shared/api.js';
import { connect, type TestClient } from '../server/api-client.js';
import { expandMatrixView } from '../../../shared/matrix-view.js';

let root: string;
let workspace: string;
let host: BrowserHost;
let client: TestClient;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'lab-planner-host-exports-'));
  workspace = path.join(root, 'workspace');
  mkdirSync(workspace);
  const renderer = path.join(root, 'renderer');
  mkdirSync(renderer);
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Lab Planner</title>');
  host = await startBrowserHost({ workspace, rendererDir: renderer, stateDir: path.join(root, 'state') });
  client = await connect(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
});

afterAll(async () => {
  client?.close();
  await host?.close();
  rmSync(root, { recursive: true, force: true });
});

async function call<T>(request: string, params: unknown): Promise<T> {
  const result = await client.call<T>(request, params);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('exports through the browser host', () => {
  it('downloads a capture as pcap bytes, opens a matrix cell, and writes the report into the workspace only', async () => {
    const doc = await call<DocumentState>('lab.new', { from: { kind: 'example', id: 'field-report' } });
    const capture = await call<RequestValue<'capture.export'>>('capture.export', { docId: doc.docId, drill: 'migrate-then-restart', points: ['HostB/NIC3'] });
    expect([...Buffer.from(capture.files[0].base64!, 'base64').subarray(0, 4)]).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);

    const matrix = expandMatrixView(await call<RequestValue<'matrix.run'>>('matrix.run', { docId: doc.docId, runId: 'ws-matrix' }));
    expect(client.events.some((e) => e.event === 'run.progress')).toBe(true);
    const lost = matrix.cells.find((c) => c.status === 'lost')!;
    const opened = await call<RequestValue<'matrix.runCell'>>('matrix.runCell', { docId: doc.docId, cellId: lost.id });
    expect(opened.cell.lostVms).toEqual(lost.lostVms);

    const report = await call<RequestValue<'report.export'>>('report.export', { docId: doc.docId, path: 'field-report.html', includeMatrix: false });
    expect(report.savedTo).toBe('field-report.html');
    expect(readFileSync(path.join(workspace, 'field-report.html'), 'utf8')).toContain('</html>');
    const refused = await client.call('report.export', { docId: doc.docId, path: '../escaped.html' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'path-refused' } });
    expect(existsSync(path.join(root, 'escaped.html'))).toBe(false);
  });
});
