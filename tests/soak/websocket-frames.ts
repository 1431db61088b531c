// Raw WebSocket frames written over TCP to the browser host, as a hostile or broken client would:
// the crafted protocol violations of RFC 6455 and a seeded fuzzer of mutated frames.
import net from 'node:net';
import { randomBytes } from 'node:crypto';

export interface FrameSpec {
  fin?: boolean;
  rsv?: number;
  opcode: number;
  masked?: boolean;
  payload?: Buffer;
  /** The length the header declares, when it is not the payload's (a frame over the cap). */
  declaredLength?: number;
}

export function encodeFrame(spec: FrameSpec): Buffer {
  const payload = spec.payload ?? Buffer.alloc(0);
  const length = spec.declaredLength ?? payload.length;
  const masked = spec.masked ?? true;
  const head = [((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f)];
  const maskBit = masked ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  const mask = masked ? randomBytes(4) : Buffer.alloc(0);
  const body = Buffer.from(payload);
  if (masked) for (let i = 0; i < body.length; i++) body[i] ^= mask[i % 4];
  return Buffer.concat([Buffer.from(head), extended, mask, body]);
}

const closePayload = (code: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(code);
  return b;
};

/** Each violation the issue lists, with the close code RFC 6455 gives it. */
export const PROTOCOL_VIOLATIONS: { name: string; frame: FrameSpec; closeCode: number }[] = [
  { name: 'invalid UTF-8 in a text frame', frame: { opcode: 1, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }, closeCode: 1007 },
  { name: 'RSV1 set without a negotiated extension', frame: { opcode: 1, rsv: 4, payload: Buffer.from('{}') }, closeCode: 1002 },
  { name: 'an unmasked client frame', frame: { opcode: 1, masked: false, payload: Buffer.from('{}') }, closeCode: 1002 },
  { name: 'a close frame with code 999', frame: { opcode: 8, payload: closePayload(999) }, closeCode: 1002 },
  { name: 'a reserved opcode (0x3)', frame: { opcode: 3, payload: Buffer.from('x') }, closeCode: 1002 },
  { name: 'a fragmented ping', frame: { opcode: 9, fin: false, payload: Buffer.from('x') }, closeCode: 1002 },
  { name: 'a continuation with nothing to continue', frame: { opcode: 0, payload: Buffer.from('x') }, closeCode: 1002 },
  { name: 'a frame declaring 200 MB', frame: { opcode: 1, declaredLength: 200 * 1024 * 1024 }, closeCode: 1009 },
];

export interface Outcome {
  /** The close code the host sent, or 'answered' (it replied and kept the connection), or 'silent'. */
  result: number | 'answered' | 'silent' | 'dropped';
  reason: string;
}

/** Opens a raw TCP connection and completes the WebSocket handshake on the API path. */
export function handshake(port: number, token: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let head = Buffer.alloc(0);
    socket.once('error', reject);
    socket.on('connect', () =>
      socket.write(
        `GET /api?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.off('error', reject);
      if (!head.subarray(0, end).toString('latin1').startsWith('HTTP/1.1 101')) return reject(new Error(head.subarray(0, end).toString('latin1')));
      if (head.length > end + 4) socket.unshift(head.subarray(end + 4));
      resolve(socket);
    };
    socket.on('data', onData);
  });
}

/**
 * Writes `frames` on a fresh connection, then a ping: a live connection answers the ping (or the
 * request), a closed one sends a close frame with its code and reason.
 */
export async function sendFrames(port: number, token: string, frames: Buffer[], waitMs = 2000): Promise<Outcome> {
  const socket = await handshake(port, token);
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let done = false;
    const finish = (outcome: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ result: 'silent', reason: '' }), waitMs);
    socket.on('error', () => finish({ result: 'dropped', reason: '' }));
    socket.on('close', () => finish({ result: 'dropped', reason: '' }));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      for (const frame of serverFrames(received)) {
        if (frame.opcode === 8) {
          const code = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
          return finish({ result: code, reason: frame.payload.subarray(2).toString('utf8') });
        }
        if (frame.opcode === 10 || frame.opcode === 1) return finish({ result: 'answered', reason: '' });
      }
    });
    socket.write(Buffer.concat([...frames, encodeFrame({ opcode: 9, payload: Buffer.from('alive?') })]));
  });
}

/** The complete frames the host sent (it never masks). */
function serverFrames(data: Buffer): { opcode: number; payload: Buffer }[] {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let at = 0;
  while (data.length - at >= 2) {
    const opcode = data[at] & 0x0f;
    let length = data[at + 1] & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      if (data.length < offset + 2) break;
      length = data.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      if (data.length < offset + 8) break;
      length = Number(data.readBigUInt64BE(offset));
      offset += 8;
    }
    if (data.length < offset + length) break;
    frames.push({ opcode, payload: data.subarray(offset, offset + length) });
    at = offset + length;
  }
  return frames;
}

/** A mutated frame: header bits, opcode, mask, length and payload drawn from `random` (seeded). */
export function mutantFrame(random: () => number): Buffer {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const payloads = [
    () => Buffer.from('{"kind":"request","id":1,"request":"app.info","params":{}}'),
    () => Buffer.from(Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256))),
    () => Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc]),
    () => closePayload(Math.floor(random() * 5000)),
    () => Buffer.from('['.repeat(1000 + Math.floor(random() * 60_000))),
  ];
  const spec: FrameSpec = {
    fin: random() < 0.8,
    rsv: random() < 0.3 ? Math.floor(random() * 8) : 0,
    opcode: random() < 0.6 ? pick([0, 1, 2, 8, 9, 10]) : Math.floor(random() * 16),
    masked: random() < 0.85,
    payload: pick(payloads)(),
  };
  if (random() < 0.05) spec.declaredLength = 64 * 1024 * 1024 + 1 + Math.floor(random() * 1e9);
  const frame = encodeFrame(spec);
  // Now and then, garble one header byte as a broken client would.
  if (random() < 0.2) frame[Math.floor(random() * Math.min(frame.length, 2))] ^= 1 << Math.floor(random() * 8);
  return frame;
}
