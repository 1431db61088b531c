import { describe, it, expect } from 'vitest';
import { ServiceConnection, type ServiceChannel } from '../../../src-main/electron/service-connection.js';

function fakeChannel() {
  const sent: { id: number; request: string }[] = [];
  let receive: (m: unknown) => void = () => undefined;
  let exit: (code: number | null) => void = () => undefined;
  const channel: ServiceChannel = {
    post: (m) => sent.push(m as { id: number; request: string }),
    onMessage: (l) => (receive = l),
    onExit: (l) => (exit = l),
    kill: () => undefined,
  };
  return { channel, sent, receive: (m: unknown) => receive(m), exit: (c: number | null) => exit(c) };
}

describe('the main process’s line to the service', () => {
  it('says which window asks, and tells the service when a window is gone', () => {
    const fake = fakeChannel();
    const connection = new ServiceConnection(fake.channel);
    void connection.request('lab.close', { docId: 'doc-1' }, 'window-2');
    connection.release('window-2');
    expect(fake.sent).toEqual([
      { kind: 'request', id: 1, request: 'lab.close', params: { docId: 'doc-1' }, holder: 'window-2' },
      { kind: 'release', holder: 'window-2' },
    ]);
  });

  it('matches answers to requests by id and passes events on', async () => {
    const fake = fakeChannel();
    const connection = new ServiceConnection(fake.channel);
    const events: string[] = [];
    connection.onEvent((e) => events.push(e));
    const first = connection.request('app.info', {});
    const second = connection.request('recent.list', {});
    fake.receive({ kind: 'response', id: fake.sent[1].id, result: { ok: true, value: 'second' } });
    fake.receive({ kind: 'event', event: 'document.changed', payload: {} });
    fake.receive({ kind: 'response', id: fake.sent[0].id, result: { ok: true, value: 'first' } });
    expect(await first).toEqual({ ok: true, value: 'first' });
    expect(await second).toEqual({ ok: true, value: 'second' });
    expect(events).toEqual(['document.changed']);
  });

  it('answers waiting requests with an error when the service stops', async () => {
    const fake = fakeChannel();
    const connection = new ServiceConnection(fake.channel);
    const waiting = connection.request('drills.run', {});
    fake.exit(1);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('stopped') } });
    expect(await connection.request('app.info', {})).toMatchObject({ ok: false });
    expect(connection.alive).toBe(false);
  });
});
