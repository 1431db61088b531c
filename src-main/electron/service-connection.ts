// The main process's side of the service process: requests by id, events fanned out. No electron import.
import type { EventMessage, RequestName, RequestValue, ResponseMessage, Result } from '../../shared/api.js';

/** A message channel to the service process (utilityProcess or Node child). */
export interface ServiceChannel {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export class ServiceConnection {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = new Set<(event: string, payload: unknown) => void>();
  private exited = false;

  constructor(private readonly channel: ServiceChannel) {
    channel.onMessage((message) => this.receive(message));
    channel.onExit((code) => {
      this.exited = true;
      for (const resolve of this.pending.values())
        resolve({ ok: false, error: { code: 'internal', message: `the Lab Planner service stopped (exit code ${code}); restart the app` } });
      this.pending.clear();
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Sends a request that was already checked against shared/api.ts, on behalf of `holder` (a window). */
  request(request: string, params: unknown, holder?: string): Promise<Result<unknown>> {
    if (this.exited) return Promise.resolve({ ok: false, error: { code: 'internal', message: 'the Lab Planner service is not running; restart the app' } });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.channel.post({ kind: 'request', id, request, params, ...(holder === undefined ? {} : { holder }) });
    });
  }

  /** Typed convenience for the main process's own calls (dialogs, the close prompt, the recent menu). */
  async call<N extends RequestName>(request: N, params: unknown, holder?: string): Promise<Result<RequestValue<N>>> {
    return (await this.request(request, params, holder)) as Result<RequestValue<N>>;
  }

  /** A window went away: the service lets go of the labs it held. */
  release(holder: string): void {
    if (!this.exited) this.channel.post({ kind: 'release', holder });
  }

  onEvent(listener: (event: string, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.channel.kill();
  }

  private receive(message: unknown): void {
    const m = message as ResponseMessage | EventMessage;
    if (m?.kind === 'response') {
      const resolve = this.pending.get(m.id);
      this.pending.delete(m.id);
      resolve?.(m.result as Result<unknown>);
    } else if (m?.kind === 'event') {
      for (const listener of [...this.listeners]) listener(m.event, m.payload);
    }
  }
}
