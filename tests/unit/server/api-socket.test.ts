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

describe('a client streaming large requests', () => {
  it('is not read further while its requests in flight pass the limit, and is read again once they are answered', async () => {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    const socket = {
      OPEN: 1, readyState: 1, isPaused: false, send: vi.fn(), once: vi.fn(),
      on: (name: string, fn: (...args: unknown[]) => void) => handlers.set(name, fn),
      pause() {
        this.isPaused = true;
      },
      resume() {
        this.isPaused = false;
      },
    };
    const answers: ((value: { ok: true; value: unknown }) => void)[] = [];
    const endpoint = { handle: () => new Promise<{ ok: true; value: unknown }>((resolve) => answers.push(resolve)), onEvent: () => () => undefined };
    bindApiSocket(socket as unknown as WebSocket, endpoint, { maxInFlightBytes: 150 });
    const request = (id: number) => frame({ kind: 'request', id, request: 'lab.validate', params: { document: { meta: { title: 'x'.repeat(40) } } } });
    handlers.get('message')!(request(1), false);
    expect(socket.isPaused).toBe(false);
    handlers.get('message')!(request(2), false);
    expect(socket.isPaused).toBe(true);
    answers[0]({ ok: true, value: {} });
    await vi.waitFor(() => expect(socket.isPaused).toBe(false));
  });

  it('survives a protocol error on its socket: the error is logged in one line, not thrown', () => {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    const socket = { OPEN: 1, readyState: 1, send: vi.fn(), once: vi.fn(), on: (name: string, fn: (...args: unknown[]) => void) => handlers.set(name, fn) };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    bindApiSocket(socket as unknown as WebSocket, { handle: vi.fn(), onEvent: () => () => undefined });
    expect(handlers.has('error')).toBe(true);
    handlers.get('error')!(Object.assign(new RangeError('Invalid WebSocket frame: RSV1 must be clear'), { code: 'WS_ERR_UNEXPECTED_RSV_1' }));
    expect(String(logged.mock.calls[0]?.[0])).toBe('Lab Planner: closed a browser connection: WS_ERR_UNEXPECTED_RSV_1: Invalid WebSocket frame: RSV1 must be clear');
    logged.mockRestore();
  });
});
