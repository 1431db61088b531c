// A test client of the browser host: speaks the WebSocket envelopes of shared/api.ts.
import { WebSocket } from 'ws';
import type { EventMessage, ResponseMessage, Result } from '../../../shared/api.js';

export interface TestClient {
  call<T = unknown>(request: string, params?: unknown): Promise<Result<T>>;
  sendRaw(text: string): void;
  nextResponse(): Promise<ResponseMessage>;
  events: EventMessage[];
  close(): void;
}

export function connect(url: string, headers: Record<string, string> = {}): Promise<TestClient> {
  const socket = new WebSocket(url, { headers });
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const unmatched: ResponseMessage[] = [];
  const waiting: ((m: ResponseMessage) => void)[] = [];
  const events: EventMessage[] = [];
  let nextId = 1;
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as ResponseMessage | EventMessage;
    if (message.kind === 'event') events.push(message);
    else if (pending.has(message.id)) {
      pending.get(message.id)!(message.result as Result<unknown>);
      pending.delete(message.id);
    } else {
      const waiter = waiting.shift();
      if (waiter) waiter(message);
      else unmatched.push(message);
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        call: <T>(request: string, params: unknown = {}) =>
          new Promise<Result<T>>((done) => {
            const id = nextId++;
            pending.set(id, done as (r: Result<unknown>) => void);
            socket.send(JSON.stringify({ kind: 'request', id, request, params }));
          }),
        sendRaw: (text) => socket.send(text),
        nextResponse: () => new Promise((done) => (unmatched.length ? done(unmatched.shift()!) : waiting.push(done))),
        events,
        close: () => socket.close(),
      }),
    );
  });
}

/** Answers whether the upgrade was refused, and with which HTTP status. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('error', () => resolve(0));
  });
}
