import { describe, it, expect, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { INTERNAL_FAILURE, bindApiSocket, readFrame } from '../../../src-main/server/api-socket.js';

const frame = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('WebSocket frames', () => {
  it('reads a request envelope', () => {
    expect(readFrame(frame({ kind: 'request', id: 3, request: 'app.info', params: {} }), false)).toEqual({ ok: true, id: 3, request: 'app.info', params: {} });
  });

  it('answers frames that are not requests with a message saying what a request looks like', () => {
    expect(readFrame(frame('nope'), false)).toMatchObject({ ok: false, id: -1, message: expect.stringContaining('not JSON') });
    expect(readFrame(frame({ kind: 'request', id: 4 }), false)).toMatchObject({ ok: false, id: 4 });
    expect(readFrame(frame({ id: 'x' }), false)).toMatchObject({ ok: false, id: -1 });
    expect(readFrame(frame({ kind: 'request', id: 1, request: 'a', params: {} }), true)).toMatchObject({ ok: false, message: expect.stringContaining('binary') });
  });
});

describe('a request the service fails on', () => {
  it('tells the window a fixed sentence and logs the details where the host runs', async () => {
    const sent: string[] = [];
    const handlers = new Map<string, (...args: unknown[]) => void>();
    const socket = { OPEN: 1, readyState: 1, send: (t: string) => sent.push(t), once: vi.fn(), on: (name: string, fn: (...args: unknown[]) => void) => handlers.set(name, fn) };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const endpoint = { handle: () => Promise.reject(new Error('SQLITE_CORRUPT in /home/u/labs/secret.lab')), onEvent: () => () => undefined };
    bindApiSocket(socket as unknown as WebSocket, endpoint);
    handlers.get('message')!(frame({ kind: 'request', id: 7, request: 'recent.list', params: {} }), false);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(JSON.parse(sent[0])).toEqual({ kind: 'response', id: 7, result: { ok: false, error: { code: 'internal', message: INTERNAL_FAILURE } } });
    expect(sent[0]).not.toContain('secret.lab');
    expect(String(logged.mock.calls[0]?.[1])).toContain('secret.lab');
    logged.mockRestore();
  });
});
