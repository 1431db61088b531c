import { describe, it, expect } from 'vitest';
import { encodeFrame, internetChecksum } from '../../../src-main/core/net/encode.js';
import { arpRequest, arpReplyFromTeam, echoRequest, TEAM_B_MAC } from './sample-frames.js';

const hex = (bytes: Uint8Array, from = 0, to = bytes.length) =>
  [...bytes.subarray(from, to)].map((b) => b.toString(16).padStart(2, '0')).join(' ');

describe('frames on the wire', () => {
  it('writes a broadcast ARP request for 1.1.1.1, padded to the Ethernet minimum', () => {
    const bytes = encodeFrame(arpRequest);
    expect(bytes.length).toBe(60);
    expect(hex(bytes, 0, 14)).toBe('ff ff ff ff ff ff 00 1c 23 00 00 64 08 06');
    expect(hex(bytes, 14, 42)).toBe(
      '00 01 08 00 06 04 00 01 00 1c 23 00 00 64 01 01 01 64 00 00 00 00 00 00 01 01 01 01',
    );
    expect(bytes.subarray(42).every((b) => b === 0)).toBe(true);
  });

  it('writes the team answering for the VM IP with its own MAC', () => {
    const bytes = encodeFrame(arpReplyFromTeam);
    expect(hex(bytes, 20, 32)).toBe('00 02 00 24 e8 0b 00 03 01 01 01 01');
  });

  it('writes a Windows echo request with the checksums Windows ping puts on the wire', () => {
    const bytes = encodeFrame(echoRequest(TEAM_B_MAC));
    expect(bytes.length).toBe(14 + 20 + 8 + 32);
    expect(hex(bytes, 0, 14)).toBe('00 24 e8 0b 00 03 00 1c 23 00 00 64 08 00');
    // IPv4 header: 60 bytes total, id 0x1234, TTL 128, ICMP, 1.1.1.100 → 1.1.1.1
    expect(hex(bytes, 14, 24)).toBe('45 00 00 3c 12 34 00 00 80 01');
    expect(hex(bytes, 26, 34)).toBe('01 01 01 64 01 01 01 01');
    // ICMP echo id 1 seq 1 with "abcdefghijklmnopqrstuvwabcdefghi" has checksum 0x4d5a, as captured from Windows.
    expect(hex(bytes, 34, 42)).toBe('08 00 4d 5a 00 01 00 01');
    expect(new TextDecoder().decode(bytes.subarray(42))).toBe('abcdefghijklmnopqrstuvwabcdefghi');
  });

  it('gives every IPv4 header and ICMP message a checksum that verifies to zero', () => {
    for (let seq = 0; seq < 300; seq += 7) {
      const frame = echoRequest(TEAM_B_MAC, seq);
      if (frame.payload.kind !== 'ipv4') throw new Error('an echo request is IPv4');
      const bytes = encodeFrame({ ...frame, payload: { ...frame.payload, id: seq * 97 } });
      expect(internetChecksum(bytes, 14, 20)).toBe(0);
      expect(internetChecksum(bytes, 34, bytes.length - 34)).toBe(0);
    }
  });

  it('computes the RFC 1071 checksum of an odd-length buffer by padding with zero', () => {
    expect(internetChecksum(new Uint8Array([0x01]), 0, 1)).toBe(0xfeff);
    expect(internetChecksum(new Uint8Array([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]), 0, 8)).toBe(0x220d);
  });
});
