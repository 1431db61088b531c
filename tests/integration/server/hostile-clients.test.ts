// The browser host facing broken or hostile clients: raw frames over TCP that break the WebSocket
// protocol, frames over the size cap, documents nested absurdly deep. Each costs only its own
// connection; the host and the other tabs carry on.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../../src-main/server/host.js';
import { MAX_FRAME_BYTES } from '../../../src-main/server/frame-limits.js';
import { MAX_NESTING_DEPTH } from '../../../shared/nesting.js';
import { PROTOCOL_VIOLATIONS, encodeFrame, mutantFrame, sendFrames } from '../../soak/websocket-frames.js';
import { seededRandom } from '../../unit/store/crafted.js';
import { connect, type TestClient } from './api-client.js';

let root: string;
let host: BrowserHost;
let healthy: TestClient;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'lab-planner-hostile-'));
  mkdirSync(path.join(root, 'workspace'));
  mkdirSync(path.join(root, 'renderer'));
  writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>Lab Planner</title>');
  host = await startBrowserHost({ workspace: path.join(root, 'workspace'), rendererDir: path.join(root, 'renderer'), stateDir: path.join(root, 'state') });
  healthy = await connect(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
});

afterAll(async () => {
  healthy?.close();
  await host?.close();
  rmSync(root, { recursive: true, force: true });
});

const stillServing = async () => expect(await healthy.call('app.info')).toMatchObject({ ok: true, value: { host: 'browser' } });

describe('a client sending a protocol-invalid WebSocket frame', () => {
  for (const violation of PROTOCOL_VIOLATIONS) {
    it(`loses only its own connection, closed with ${violation.closeCode}: ${violation.name}`, async () => {
      const outcome = await sendFrames(host.port, host.token, [encodeFrame(violation.frame)]);
      expect(outcome.result).toBe(violation.closeCode);
      expect(outcome.reason.length).toBeGreaterThan(0);
      await stillServing();
    });
  }

  it('is told in the close reason that a frame over the cap is larger than the largest lab', async () => {
    const outcome = await sendFrames(host.port, host.token, [encodeFrame({ opcode: 1, declaredLength: MAX_FRAME_BYTES + 1 })]);
    expect(outcome).toEqual({ result: 1009, reason: `a frame is at most ${MAX_FRAME_BYTES / 1024 / 1024} MB, the largest lab the schema allows` });
  });

  it('leaves the host serving after 150 mutated frames (seeded)', async () => {
    const random = seededRandom(11);
    const seen = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const outcome = await sendFrames(host.port, host.token, [mutantFrame(random)], 300);
      seen.add(String(outcome.result));
    }
    expect([...seen].some((r) => r === '1002')).toBe(true);
    await stillServing();
  });
});

describe('a document nested deeper than the limit', () => {
  // Written as text: JSON.stringify itself overflows the stack on such a value.
  const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
  const callRaw = (id: number, request: string, paramsText: string) => {
    healthy.sendRaw(`{"kind":"request","id":${id},"request":"${request}","params":${paramsText}}`);
    return healthy.nextResponse();
  };

  it('is refused in lab.edit with a message naming the limit, not as an internal failure', async () => {
    const opened = await healthy.call<{ docId: string; revision: number }>('lab.new', { from: { kind: 'empty' } });
    expect(opened.ok).toBe(true);
    const { docId, revision } = (opened as { value: { docId: string; revision: number } }).value;
    const answer = await callRaw(9001, 'lab.edit', `{"docId":"${docId}","baseRevision":${revision},"ops":[{"op":"set","path":["meta","title"],"value":${deep}}]}`);
    expect(answer.id).toBe(9001);
    expect(answer.result).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining(`more than ${MAX_NESTING_DEPTH} levels deep`) } });
    await stillServing();
  });

  it('is refused as a lab.validate document too, while a lab of ordinary depth is checked', async () => {
    expect((await callRaw(9002, 'lab.validate', `{"document":${deep}}`)).result).toMatchObject({ ok: false, error: { message: expect.stringContaining(`${MAX_NESTING_DEPTH} levels`) } });
    expect(await healthy.call('lab.validate', { document: { meta: { title: 'Deep enough' } } })).toMatchObject({ ok: true, value: { valid: true } });
  });
});
