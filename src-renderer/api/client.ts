// The one client of shared/api.ts: window.api under Electron, a WebSocket to the browser host otherwise.
import {
  API_SOCKET_PATH,
  API_TOKEN_PARAM,
  type EventName,
  type EventPayload,
  type LabPlannerApi,
  type RequestName,
  type RequestParams,
  type RequestValue,
  type Result,
  type WireMessage,
} from '../../shared/api.js';

type Listener = (payload: unknown) => void;

/** Speaks the WireMessage envelopes over one WebSocket; requests sent before it opens wait for it. */
export class WebSocketApi implements LabPlannerApi {
  private socket: WebSocket;
  private readonly opened: Promise<void>;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.socket.addEventListener('open', () => resolve(), { once: true });
      this.socket.addEventListener('error', () => reject(new Error('the Lab Planner host cannot be reached')), { once: true });
    });
    this.opened.catch(() => undefined);
    this.socket.addEventListener('message', (e) => this.receive(String(e.data)));
    this.socket.addEventListener('close', (e: { reason?: string }) => {
      // The host says why it closed (e.g. a request over the frame cap); the window shows it.
      const why = e.reason ? `: ${e.reason}` : '';
      for (const p of this.pending.values()) p.reject(new Error(`the connection to the Lab Planner host closed${why}`));
      this.pending.clear();
    });
  }

  async invoke<N extends RequestName>(request: N, params: RequestParams<N>): Promise<Result<RequestValue<N>>> {
    await this.opened;
    const id = this.nextId++;
    const message: WireMessage = { kind: 'request', id, request, params };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
      this.socket.send(JSON.stringify(message));
    });
  }

  on<N extends EventName>(event: N, listener: (payload: EventPayload<N>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    this.listeners.set(event, set);
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  private receive(text: string): void {
    let message: WireMessage;
    try {
      message = JSON.parse(text) as WireMessage;
    } catch {
      return;
    }
    if (message.kind === 'response') {
      const p = this.pending.get(message.id);
      this.pending.delete(message.id);
      p?.resolve(message.result);
    } else if (message.kind === 'event') {
      for (const l of this.listeners.get(message.event) ?? []) l(message.payload);
    }
  }
}

let current: LabPlannerApi | null = null;

/** Where the run token survives a reload once it has left the address bar. */
export const TOKEN_STORAGE_KEY = 'lab-planner-token';

/**
 * The browser host's run token: taken from the page URL once, kept in sessionStorage (this tab
 * only, so a reload still connects) and removed from the address bar and history.
 */
export function takeRunToken(
  page: { href: string },
  storage: Pick<Storage, 'getItem' | 'setItem'> | null,
  history: Pick<History, 'replaceState' | 'state'> | null,
): string {
  const url = new URL(page.href);
  const fromUrl = url.searchParams.get(API_TOKEN_PARAM);
  if (fromUrl === null) return storage?.getItem(TOKEN_STORAGE_KEY) ?? '';
  try {
    storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
  } catch {
    // Storage may be off; the token still works for this page's life.
  }
  url.searchParams.delete(API_TOKEN_PARAM);
  history?.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return fromUrl;
}

function sessionStore(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** The API of this window, made on first use from where the page runs. */
export function api(): LabPlannerApi {
  if (current) return current;
  const exposed = (globalThis as { api?: LabPlannerApi }).api;
  if (exposed) current = exposed;
  else {
    const token = takeRunToken(location, sessionStore(), globalThis.history ?? null);
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    current = new WebSocketApi(`${scheme}//${location.host}${API_SOCKET_PATH}?${API_TOKEN_PARAM}=${encodeURIComponent(token)}`);
  }
  return current;
}

/** Tests and benchmarks plug in their own implementation. */
export function useApi(impl: LabPlannerApi): void {
  current = impl;
}

/** Unwraps a Result, turning a refusal into an error the window shows as is. */
export class ApiRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly problems: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export async function call<N extends RequestName>(request: N, params: RequestParams<N>): Promise<RequestValue<N>> {
  const result = await api().invoke(request, params);
  if (!result.ok) throw new ApiRefusal(result.error.code, result.error.message, result.error.problems);
  return result.value;
}
