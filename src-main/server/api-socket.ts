// One WebSocket connection speaking shared/api.ts: request frames in, response and event frames out.
import type { WebSocket, RawData } from 'ws';
import { parseRequest, requestMessageSchema, type ResponseMessage, type EventMessage, type Result } from '../../shared/api.js';

/** What the socket needs from the service: the checked dispatch, the event stream, and a goodbye. */
export interface ApiEndpoint {
  /** `client` names the connection, so the labs it opened can be let go when it closes. */
  handle(request: string, params: unknown, client: object): Promise<Result<unknown>>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  disconnected?(client: object): void;
}

/** What the window is told when the service itself fails; the details are logged where the host runs. */
export const INTERNAL_FAILURE = 'Lab Planner could not carry out this request; the details are in the terminal running lab-planner serve';

export function bindApiSocket(socket: WebSocket, endpoint: ApiEndpoint): void {
  const client = {};
  const send = (message: ResponseMessage | EventMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = endpoint.onEvent((event, payload) => send({ kind: 'event', event, payload }));
  const goodbye = () => {
    unsubscribe();
    endpoint.disconnected?.(client);
  };
  socket.once('close', goodbye);

  socket.on('message', (data: RawData, isBinary: boolean) => {
    const frame = readFrame(data, isBinary);
    if (!frame.ok) {
      send({ kind: 'response', id: frame.id, result: { ok: false, error: { code: 'invalid-request', message: frame.message } } });
      return;
    }
    // Checked here against the contract, so nothing malformed travels further than the socket.
    const checked = parseRequest(frame.request, frame.params);
    if (!checked.ok) {
      send({ kind: 'response', id: frame.id, result: { ok: false, error: checked.error } });
      return;
    }
    void endpoint.handle(checked.request, checked.params, client).then(
      (result) => send({ kind: 'response', id: frame.id, result }),
      (error: unknown) => {
        // The details (paths, stack) go to the terminal of `lab-planner serve`, not to the page.
        console.error(`Lab Planner: ${checked.request} failed:`, error);
        send({ kind: 'response', id: frame.id, result: { ok: false, error: { code: 'internal', message: INTERNAL_FAILURE } } });
      },
    );
  });
}

type Frame = { ok: true; id: number; request: string; params: unknown } | { ok: false; id: number; message: string };

export function readFrame(data: RawData, isBinary: boolean): Frame {
  if (isBinary) return { ok: false, id: -1, message: 'a request is a JSON text frame, not binary data' };
  let json: unknown;
  try {
    json = JSON.parse(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'));
  } catch {
    return { ok: false, id: -1, message: 'the frame is not JSON; a request is {"kind":"request","id":1,"request":"…","params":{…}}' };
  }
  const parsed = requestMessageSchema.safeParse(json);
  if (!parsed.success) {
    const id = typeof (json as { id?: unknown })?.id === 'number' && Number.isInteger((json as { id: number }).id) && (json as { id: number }).id >= 0 ? (json as { id: number }).id : -1;
    return { ok: false, id, message: 'the frame is not a request: expected {"kind":"request","id":<number>,"request":"…","params":{…}}' };
  }
  return { ok: true, id: parsed.data.id, request: parsed.data.request, params: parsed.data.params };
}
