import { describe, it, expect } from 'vitest';
import { readFrame } from '../../../src-main/server/api-socket.js';

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
