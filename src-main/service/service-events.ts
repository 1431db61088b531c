// The service's pushed events, typed by shared/api.ts; transports subscribe and forward them.
import type { EventName, EventPayload } from '../../shared/api.js';

type Listener = (event: EventName, payload: unknown) => void;

export class ServiceEvents {
  private readonly listeners = new Set<Listener>();

  emit<N extends EventName>(event: N, payload: EventPayload<N>): void {
    for (const listener of [...this.listeners]) listener(event, payload);
  }

  /** Every event, for a transport that forwards all of them; returns the unsubscribe function. */
  onAny(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<N extends EventName>(event: N, listener: (payload: EventPayload<N>) => void): () => void {
    return this.onAny((name, payload) => {
      if (name === event) listener(payload as EventPayload<N>);
    });
  }
}
