// One WebSocket connection speaking shared/api.ts: request frames in, response and event frames out.
import { WebSocket, type RawData } from 'ws';
import { parseRequest, requestMessageSchema, type ResponseMessage, type EventMessage, type Result } from '../../shared/api.js';
import { jsonTextTooDeep, tooDeepMessage } from '../../shared/nesting.js';
import { CLOSE_REASONS, MAX_IN_FLIGHT_BYTES } from './frame-limits.js';

/** What the socket needs from the service: the checked dispatch, the event stream, and a goodbye. */
export interface ApiEndpoint {
  /** `client` names the connection, so the labs it opened can be let go when it closes. */
  handle(request: string, params: unknown, client: object): Promise<Result<unknown>>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  disconnected?(client: object): void;
}

/** What the window is told when the service itself fails; the details are logged where the host runs. */
export const INTERNAL_FAILURE = 'Lab Planner could not carry out this request; the details are in the terminal running lab-planner serve';

/**
 * The host's sockets: a close without a reason gets the one for its code, so a client whose frame
 * broke the protocol (closed inside the ws library) learns why, e.g. that its frame was over the cap.
 */
export class ApiWebSocket extends WebSocket {
  override close(code?: number, reason?: string | Buffer): void {
    super.close(code, reason ?? (code === undefined ? undefined : CLOSE_REASONS[code]));
  }
}

export function bindApiSocket(socket: WebSocket, endpoint: ApiEndpoint, limits = { maxInFlightBytes: MAX_IN_FLIGHT_BYTES }): void {
  const client = {};
  // A protocol-invalid frame (bad UTF-8, RSV1, unmasked, close code 999, reserved opcode, over the
  // cap): ws has already closed this connection with the right code; only this client is affected.
  socket.on('error', (error: Error & { code?: string }) => {
    console.error(`Lab Planner: closed a browser connection: ${error.code ?? 'error'}: ${error.message}`);
  });
  let inFlight = 0;
  const settle = (bytes: number) => {
    inFlight -= bytes;
    if (socket.isPaused && inFlight <= limits.maxInFlightBytes) socket.resume();
  };
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
    const bytes = frameBytes(data);
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
    // Large requests in flight hold their parsed params: stop reading until some are answered.
    inFlight += bytes;
    if (inFlight > limits.maxInFlightBytes) socket.pause();
    void endpoint.handle(checked.request, checked.params, client).then(
      (result) => send({ kind: 'response', id: frame.id, result }),
      (error: unknown) => {
        // The details (paths, stack) go to the terminal of `lab-planner serve`, not to the page.
        console.error(`Lab Planner: ${checked.request} failed:`, error);
        send({ kind: 'response', id: frame.id, result: { ok: false, error: { code: 'internal', message: INTERNAL_FAILURE } } });
      },
    ).finally(() => settle(bytes));
  });
}

type Frame = { ok: true; id: number; request: string; params: unknown } | { ok: false; id: number; message: string };

/** The id of a request that cannot be parsed, when it comes before the params (as clients send it). */
function leadingId(text: string): number {
  const match = /^\s*\{[^{[]*?"id"\s*:\s*(\d{1,15})[,}\s]/.exec(text.slice(0, 200));
  return match ? Number(match[1]) : -1;
}

function frameBytes(data: RawData): number {
  return Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
}

export function readFrame(data: RawData, isBinary: boolean): Frame {
  if (isBinary) return { ok: false, id: -1, message: 'a request is a JSON text frame, not binary data' };
  // Decoded in place: a frame may be 64 MB, and Buffer.from(buffer) would copy it first.
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
  const text = bytes.toString('utf8');
  // Refused before parsing: the edit, validation and store code walk documents recursively.
  if (jsonTextTooDeep(text)) return { ok: false, id: leadingId(text), message: tooDeepMessage('the request') };
  let json: unknown;
  try {
    json = JSON.parse(text);
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
