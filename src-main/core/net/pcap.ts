// Classic libpcap capture files (what tshark and Wireshark open), built in memory: core does no I/O.
// Timestamps are simulation time, placed on the lab's clock (e.g. 10:00:05 on 1 January 1970, UTC).
import type { Frame } from './frames.js';
import { encodeFrame } from './encode.js';

export const PCAP_MAGIC_MICROSECONDS = 0xa1b2c3d4;
export const PCAP_VERSION_MAJOR = 2;
export const PCAP_VERSION_MINOR = 4;
export const LINKTYPE_ETHERNET = 1;
export const PCAP_SNAPLEN = 65535;
export const PCAP_GLOBAL_HEADER_BYTES = 24;
export const PCAP_RECORD_HEADER_BYTES = 16;

export interface PcapPacket {
  /** Simulation time the frame passed the capture point, in milliseconds (fractions allowed). */
  readonly atMs: number;
  readonly bytes: Uint8Array;
}

export interface PcapOptions {
  /** Seconds added to every timestamp, e.g. the drill's clock start (10:00:00 → 36000). */
  readonly startSec?: number;
}

/** Seconds since midnight of a "10:00:00" clock start, the offset that makes captures read like the drill. */
export function clockStartSeconds(clockStart: string): number {
  const [h, m, s] = clockStart.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

/** A pcap file (little-endian, microsecond timestamps, Ethernet link type) holding the packets in order. */
export function writePcap(packets: readonly PcapPacket[], options: PcapOptions = {}): Uint8Array {
  const size = packets.reduce((n, p) => n + PCAP_RECORD_HEADER_BYTES + p.bytes.length, PCAP_GLOBAL_HEADER_BYTES);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, PCAP_MAGIC_MICROSECONDS, true);
  view.setUint16(4, PCAP_VERSION_MAJOR, true);
  view.setUint16(6, PCAP_VERSION_MINOR, true);
  view.setInt32(8, 0, true); // thiszone: timestamps are UTC
  view.setUint32(12, 0, true); // sigfigs
  view.setUint32(16, PCAP_SNAPLEN, true);
  view.setUint32(20, LINKTYPE_ETHERNET, true);
  const startUs = Math.round((options.startSec ?? 0) * 1_000_000);
  let at = PCAP_GLOBAL_HEADER_BYTES;
  for (const packet of packets) {
    const us = startUs + Math.round(packet.atMs * 1000);
    view.setUint32(at, Math.floor(us / 1_000_000), true);
    view.setUint32(at + 4, us % 1_000_000, true);
    view.setUint32(at + 8, packet.bytes.length, true);
    view.setUint32(at + 12, packet.bytes.length, true);
    out.set(packet.bytes, at + PCAP_RECORD_HEADER_BYTES);
    at += PCAP_RECORD_HEADER_BYTES + packet.bytes.length;
  }
  return out;
}

/** Encodes simulated frames and writes them as one pcap file. */
export function framesToPcap(frames: readonly { atMs: number; frame: Frame }[], options: PcapOptions = {}): Uint8Array {
  return writePcap(frames.map((f) => ({ atMs: f.atMs, bytes: encodeFrame(f.frame) })), options);
}
