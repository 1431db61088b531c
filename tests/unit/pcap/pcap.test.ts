import { describe, it, expect } from 'vitest';
import { writePcap, framesToPcap, clockStartSeconds } from '../../../src-main/core/net/pcap.js';
import { encodeFrame } from '../../../src-main/core/net/encode.js';
import { arpRequest, echoRequest, GUEST1_OLD_MAC } from './sample-frames.js';

const hex = (bytes: Uint8Array, from: number, to: number) =>
  [...bytes.subarray(from, to)].map((b) => b.toString(16).padStart(2, '0')).join(' ');

describe('classic libpcap files', () => {
  it('starts with the little-endian microsecond header, version 2.4, snaplen 65535, Ethernet link type', () => {
    const file = writePcap([]);
    expect(file.length).toBe(24);
    expect(hex(file, 0, 24)).toBe('d4 c3 b2 a1 02 00 04 00 00 00 00 00 00 00 00 00 ff ff 00 00 01 00 00 00');
  });

  it('writes each frame after a record header with simulation time and lengths', () => {
    const file = framesToPcap(
      [
        { atMs: 5000.25, frame: arpRequest },
        { atMs: 5001, frame: echoRequest(GUEST1_OLD_MAC) },
      ],
      { startSec: clockStartSeconds('10:00:00') },
    );
    // 10:00:05.000250 → 36005 s (0x8ca5) and 250 µs (0xfa); 60 bytes (0x3c) captured and on the wire.
    expect(hex(file, 24, 40)).toBe('a5 8c 00 00 fa 00 00 00 3c 00 00 00 3c 00 00 00');
    expect(file.subarray(40, 100)).toEqual(encodeFrame(arpRequest));
    // 10:00:05.001000, 74 bytes (0x4a)
    expect(hex(file, 100, 116)).toBe('a5 8c 00 00 e8 03 00 00 4a 00 00 00 4a 00 00 00');
    expect(file.subarray(116)).toEqual(encodeFrame(echoRequest(GUEST1_OLD_MAC)));
    expect(file.length).toBe(24 + 16 + 60 + 16 + 74);
  });

  it('gives the same bytes for the same frames', () => {
    const frames = [{ atMs: 1, frame: arpRequest }];
    expect(framesToPcap(frames)).toEqual(framesToPcap(frames));
  });

  it('reads clock starts as seconds since midnight', () => {
    expect(clockStartSeconds('00:00:00')).toBe(0);
    expect(clockStartSeconds('23:59:59')).toBe(86_399);
  });
});
