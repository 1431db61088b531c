// A plain WebSocket client of the browser host's API, for comparing what the window saved with the example.
import WebSocket from 'ws';
import { API_SOCKET_PATH, API_TOKEN_PARAM, type RequestName, type RequestParams, type RequestValue, type Result } from '../../../shared/api.js';

export class HostApi {
  private nextId = 1;
  private readonly pending = new Map<number, (r: unknown) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { kind: string; id?: number; result?: unknown };
      if (message.kind === 'response' && message.id !== undefined) this.pending.get(message.id)?.(message.result);
    });
  }

  static async connect(pageUrl: string): Promise<HostApi> {
    const url = new URL(pageUrl);
    const socket = new WebSocket(`ws://${url.host}${API_SOCKET_PATH}?${API_TOKEN_PARAM}=${url.searchParams.get(API_TOKEN_PARAM)}`);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new HostApi(socket);
  }

  async call<N extends RequestName>(request: N, params: RequestParams<N>): Promise<RequestValue<N>> {
    const id = this.nextId++;
    const result = await new Promise<Result<RequestValue<N>>>((resolve) => {
      this.pending.set(id, resolve as (r: unknown) => void);
      this.socket.send(JSON.stringify({ kind: 'request', id, request, params }));
    });
    if (!result.ok) throw new Error(`${request}: ${result.error.message}`);
    return result.value;
  }

  close(): void {
    this.socket.close();
  }
}
