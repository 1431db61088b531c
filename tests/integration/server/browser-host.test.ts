import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, existsSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../../src-main/server/host.js';
import type { DocumentState, DocumentStatus } from '../../../shared/api.js';
import type { DrillReport } from '../../../shared/drill.js';
import { connect, upgradeStatus, type TestClient } from './api-client.js';

let root: string;
let workspace: string;
let host: BrowserHost;
let client: TestClient;

function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: host.port, path: pathAndQuery, headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

const apiUrl = (token = host.token) => `ws://127.0.0.1:${host.port}/api?token=${token}`;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'lab-planner-host-'));
  workspace = path.join(root, 'workspace');
  mkdirSync(workspace);
  const renderer = path.join(root, 'renderer');
  mkdirSync(renderer);
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Lab Planner</title><script type="module" src="/app.js"></script>');
  writeFileSync(path.join(renderer, 'app.js'), 'console.log("lab planner")');
  host = await startBrowserHost({ workspace, rendererDir: renderer, stateDir: path.join(root, 'state') });
  client = await connect(apiUrl());
});

afterAll(async () => {
  client?.close();
  await host?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the browser host', () => {
  it('prints a URL on 127.0.0.1 that carries the run token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(24);
  });

  it('listens on 127.0.0.1 only', async () => {
    const other = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    const reachable = (address: string) =>
      new Promise<boolean>((resolve) => {
        const req = http.get({ host: address, port: host.port, path: '/', timeout: 2000 }, () => resolve(true));
        req.on('error', () => resolve(false));
        req.on('timeout', () => {
          req.destroy();
          resolve(false);
        });
      });
    expect(await reachable('127.0.0.1')).toBe(true);
    if (other) expect(await reachable(other.address)).toBe(false);
    expect(await reachable('::1')).toBe(false);
  });

  it('serves the window with the token and a strict content security policy', async () => {
    const page = await get(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('sets no cookie, since browsers would send it to every other server on 127.0.0.1', async () => {
    expect((await get(`/?token=${host.token}`)).headers['set-cookie']).toBeUndefined();
    expect((await get('/app.js')).headers['set-cookie']).toBeUndefined();
  });

  it('serves its own files without the token (they hold no secret) but refuses the API without it', async () => {
    expect((await get('/')).status).toBe(200);
    expect((await get('/app.js')).status).toBe(200);
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/api`)).toBe(403);
    expect(await upgradeStatus(apiUrl('wrong'))).toBe(403);
  });

  it('refuses requests from another origin even with the token', async () => {
    expect((await get(`/?token=${host.token}`, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await get('/app.js', { Origin: 'https://evil.example' })).status).toBe(403);
    expect(await upgradeStatus(apiUrl(), { Origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(apiUrl(), { Origin: `http://127.0.0.1:${host.port}` })).toBe('open');
  });

  it('refuses a Host name other than its own (DNS rebinding)', async () => {
    expect((await get(`/?token=${host.token}`, { Host: `attacker.example:${host.port}` })).status).toBe(403);
    expect((await get('/app.js', { Host: `attacker.example:${host.port}` })).status).toBe(403);
  });

  it('rejects a request whose params do not fit the contract, naming the field', async () => {
    const result = await client.call('lab.open', { path: 42 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-request');
      expect(result.error.message).toContain('path');
    }
    const unknown = await client.call('lab.format-disk', {});
    expect(unknown.ok ? null : unknown.error.message).toContain('is not a Lab Planner request');
  });

  it('answers a frame that is not a request with a clear error', async () => {
    client.sendRaw('this is not json');
    const answer = await client.nextResponse();
    expect(answer.id).toBe(-1);
    expect(JSON.stringify(answer.result)).toContain('not JSON');
  });

  it('opens the field-report example and a drill run names the stale team entry', async () => {
    const opened = await client.call<DocumentState>('lab.new', { from: { kind: 'example', id: 'field-report' } });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const run = await client.call<DrillReport>('drills.run', { docId: opened.value.docId, runId: 'journey-1', drills: ['migrate-then-restart'] });
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.value.passed).toBe(false);
    const guest1 = run.value.drills[0].vms.find((v) => v.name === 'Guest1');
    expect(guest1?.diagnosis?.code).toBe('stale-team-vm-mac');
    expect(guest1?.diagnosis?.text).toContain('VM-Team');
    expect(client.events.some((e) => e.event === 'run.progress')).toBe(true);
  });

  it('saves a lab into the workspace and opens it again with the same document', async () => {
    const created = await client.call<DocumentState>('lab.new', { from: { kind: 'example', id: 'field-report' } });
    if (!created.ok) throw new Error(created.error.message);
    const saved = await client.call<DocumentStatus>('lab.saveAs', { docId: created.value.docId, path: 'labs/field.lab' });
    expect(saved.ok ? null : saved.error).toEqual({ code: 'file-error', message: expect.stringContaining('folder') });
    mkdirSync(path.join(workspace, 'labs'));
    const savedAgain = await client.call<DocumentStatus>('lab.saveAs', { docId: created.value.docId, path: 'labs/field.lab' });
    expect(savedAgain.ok).toBe(true);
    if (!savedAgain.ok) return;
    expect(savedAgain.value).toMatchObject({ path: 'labs/field.lab', dirty: false });
    expect(existsSync(path.join(workspace, 'labs', 'field.lab'))).toBe(true);
    await client.call('lab.close', { docId: created.value.docId });
    const reopened = await client.call<DocumentState>('lab.open', { path: 'labs/field.lab' });
    expect(reopened.ok).toBe(true);
    if (!reopened.ok) return;
    expect(reopened.value.document).toEqual(created.value.document);
    const listed = await client.call<{ files: { path: string }[] }>('workspace.listFiles', {});
    expect(listed.ok && listed.value.files.map((f) => f.path)).toContain('labs/field.lab');
  });

  it('refuses paths that leave the workspace', async () => {
    const created = await client.call<DocumentState>('lab.new', { from: { kind: 'empty' } });
    if (!created.ok) throw new Error(created.error.message);
    const outside = path.join(root, 'outside.lab');
    for (const attempt of ['../outside.lab', outside, 'labs/../../outside.lab', 'notes.txt']) {
      const saved = await client.call('lab.saveAs', { docId: created.value.docId, path: attempt });
      expect(saved.ok ? 'saved' : saved.error.code, attempt).toBe('path-refused');
    }
    expect(existsSync(outside)).toBe(false);
    mkdirSync(path.join(root, 'elsewhere'));
    symlinkSync(path.join(root, 'elsewhere'), path.join(workspace, 'link'));
    const viaLink = await client.call('lab.saveAs', { docId: created.value.docId, path: 'link/escape.lab' });
    expect(viaLink.ok ? 'saved' : viaLink.error.code).toBe('path-refused');
    const opened = await client.call('lab.open', { path: '../../etc/passwd.lab' });
    expect(opened.ok ? 'opened' : opened.error.code).toBe('path-refused');
  });

  it('offers the unsaved work of a closed tab to the next one', async () => {
    const tab = await connect(apiUrl());
    const created = await tab.call<DocumentState>('lab.new', { from: { kind: 'example', id: 'field-report' } });
    if (!created.ok) throw new Error(created.error.message);
    const edited = await tab.call('lab.edit', { docId: created.value.docId, baseRevision: 0, ops: [{ op: 'set', path: ['meta', 'title'], value: 'Tab work' }] });
    expect(edited.ok).toBe(true);
    tab.close();
    const next = await connect(apiUrl());
    let entries: { id: string; title: string }[] = [];
    await vi.waitFor(async () => {
      const listed = await next.call<{ entries: { id: string; title: string }[] }>('recovery.list', {});
      entries = listed.ok ? listed.value.entries.filter((e) => e.title === 'Tab work') : [];
      expect(entries).toHaveLength(1);
    });
    const restored = await next.call<DocumentState>('recovery.restore', { id: entries[0].id });
    expect(restored.ok && restored.value.document.meta.title).toBe('Tab work');
    next.close();
  });

  it('keeps a lab open in one tab when another tab with the same file lets go of it', async () => {
    const seed = await client.call<DocumentState>('lab.new', { from: { kind: 'example', id: 'field-report' } });
    if (!seed.ok) throw new Error(seed.error.message);
    expect((await client.call('lab.saveAs', { docId: seed.value.docId, path: 'shared.lab' })).ok).toBe(true);
    await client.call('lab.close', { docId: seed.value.docId });

    const a = await connect(apiUrl());
    const b = await connect(apiUrl());
    const openedA = await a.call<DocumentState>('lab.open', { path: 'shared.lab' });
    if (!openedA.ok) throw new Error(openedA.error.message);
    const docId = openedA.value.docId;
    expect((await a.call('lab.edit', { docId, baseRevision: openedA.value.revision, ops: [{ op: 'set', path: ['meta', 'title'], value: 'A is editing' }] })).ok).toBe(true);
    const openedB = await b.call<DocumentState>('lab.open', { path: 'shared.lab' });
    expect(openedB.ok && openedB.value.docId).toBe(docId);
    expect((await b.call('lab.close', { docId, discard: true })).ok).toBe(true);
    b.close();
    const still = await a.call<DocumentState>('lab.get', { docId });
    expect(still.ok && still.value.document.meta.title).toBe('A is editing');
    expect((await a.call('lab.save', { docId })).ok).toBe(true);
    a.close();
  });
});
