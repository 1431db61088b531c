import { describe, it, expect } from 'vitest';
import { TOKEN_STORAGE_KEY, WebSocketApi, takeRunToken } from '../../../src-renderer/api/client.js';

/** Just enough of a browser WebSocket to see what the client sends and to answer it. */
class FakeSocket {
  static last: FakeSocket;
  readonly sent: unknown[] = [];
  private readonly handlers = new Map<string, ((e: { data?: string; reason?: string }) => void)[]>();
  constructor(readonly url: string) {
    FakeSocket.last = this;
    queueMicrotask(() => this.emit('open', {}));
  }
  addEventListener(type: string, handler: (e: { data?: string; reason?: string }) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }
  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }
  emit(type: string, e: { data?: string; reason?: string }): void {
    for (const h of this.handlers.get(type) ?? []) h(e);
  }
}

describe('the browser host client of the service API', () => {
  it('sends each request in a numbered envelope and resolves it with the matching response', async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = FakeSocket;
    const api = new WebSocketApi('ws://127.0.0.1:9/api?token=t');
    const first = api.invoke('examples.list', {});
    const second = api.invoke('recent.list', {});
    await new Promise((r) => setTimeout(r, 0));
    const socket = FakeSocket.last;
    expect(socket.sent).toEqual([
      { kind: 'request', id: 1, request: 'examples.list', params: {} },
      { kind: 'request', id: 2, request: 'recent.list', params: {} },
    ]);
    socket.emit('message', { data: JSON.stringify({ kind: 'response', id: 2, result: { ok: true, value: { files: [] } } }) });
    socket.emit('message', { data: JSON.stringify({ kind: 'response', id: 1, result: { ok: false, error: { code: 'internal', message: 'no examples' } } }) });
    expect(await second).toEqual({ ok: true, value: { files: [] } });
    expect(await first).toEqual({ ok: false, error: { code: 'internal', message: 'no examples' } });
  });

  it('hands pushed events to their listeners until they unsubscribe', async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = FakeSocket;
    const api = new WebSocketApi('ws://127.0.0.1:9/api?token=t');
    const seen: unknown[] = [];
    const off = api.on('run.progress', (p) => seen.push(p));
    const progress = { runId: 'r', docId: 'd', done: 1, total: 7, current: 'live-migrate' };
    FakeSocket.last.emit('message', { data: JSON.stringify({ kind: 'event', event: 'run.progress', payload: progress }) });
    off();
    FakeSocket.last.emit('message', { data: JSON.stringify({ kind: 'event', event: 'run.progress', payload: progress }) });
    expect(seen).toEqual([progress]);
  });

  it('fails the requests in flight when the connection closes, so the window can say so', async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = FakeSocket;
    const api = new WebSocketApi('ws://127.0.0.1:9/api?token=t');
    const pending = api.invoke('app.info', {});
    await new Promise((r) => setTimeout(r, 0));
    FakeSocket.last.emit('close', {});
    await expect(pending).rejects.toThrow('the connection to the Lab Planner host closed');
  });

  it('says why the host closed the connection when the host gives a reason', async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = FakeSocket;
    const api = new WebSocketApi('ws://127.0.0.1:9/api?token=t');
    const pending = api.invoke('app.info', {});
    await new Promise((r) => setTimeout(r, 0));
    FakeSocket.last.emit('close', { reason: 'a request may be at most 64 MB' });
    await expect(pending).rejects.toThrow('the connection to the Lab Planner host closed: a request may be at most 64 MB');
  });
});

describe('the run token of the browser host', () => {
  const memoryStorage = () => {
    const items = new Map<string, string>();
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
  };
  const addressBar = () => {
    const shown: string[] = [];
    return { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void shown.push(String(url)), shown };
  };

  it('takes the token from the page URL once and removes it from the address bar', () => {
    const storage = memoryStorage();
    const history = addressBar();
    expect(takeRunToken({ href: 'http://127.0.0.1:9/?token=secret-1#lab' }, storage, history)).toBe('secret-1');
    expect(history.shown).toEqual(['/#lab']);
    expect(storage.items.get(TOKEN_STORAGE_KEY)).toBe('secret-1');
  });

  it('still connects after a reload, from this tab’s session storage', () => {
    const storage = memoryStorage();
    takeRunToken({ href: 'http://127.0.0.1:9/?token=secret-1' }, storage, addressBar());
    const history = addressBar();
    expect(takeRunToken({ href: 'http://127.0.0.1:9/' }, storage, history)).toBe('secret-1');
    expect(history.shown).toEqual([]);
  });

  it('keeps other query parameters in the address bar', () => {
    const history = addressBar();
    takeRunToken({ href: 'http://127.0.0.1:9/?x=1&token=s' }, memoryStorage(), history);
    expect(history.shown).toEqual(['/?x=1']);
  });
});
