// pcapng capture files: one file, one interface per capture point, so Wireshark / tshark show
// which point saw each frame (frame.interface_name). Built in memory: core does no I/O.
import { encodeFrame } from './encode.js';
import { LINKTYPE_ETHERNET, PCAP_SNAPLEN, type PcapOptions } from './pcap.js';
import type { CaptureDirection } from '../engine/context.js';
import type { Frame } from './frames.js';

export interface PcapngInterface {
  /** The capture point as engineers name it ("HostB/NIC3"). */
  readonly name: string;
  readonly packets: readonly { atMs: number; direction: CaptureDirection; frame: Frame }[];
}

const pad4 = (n: number) => (n + 3) & ~3;

/** epb_flags direction bits: 1 inbound, 2 outbound (towards the device's own stack: in / up). */
const inbound = (d: CaptureDirection) => d === 'in' || d === 'up';

function block(type: number, body: Uint8Array): Uint8Array {
  const length = 12 + body.length;
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, length, true);
  out.set(body, 8);
  view.setUint32(length - 4, length, true);
  return out;
}

function sectionHeader(): Uint8Array {
  const body = new Uint8Array(16);
  const view = new DataView(body.buffer);
  view.setUint32(0, 0x1a2b3c4d, true);
  view.setUint16(4, 1, true);
  view.setUint16(6, 0, true);
  view.setBigInt64(8, -1n, true); // section length unknown
  return block(0x0a0d0d0a, body);
}

function interfaceDescription(name: string): Uint8Array {
  const text = new TextEncoder().encode(name);
  const body = new Uint8Array(8 + 4 + pad4(text.length) + 4);
  const view = new DataView(body.buffer);
  view.setUint16(0, LINKTYPE_ETHERNET, true);
  view.setUint32(4, PCAP_SNAPLEN, true);
  view.setUint16(8, 2, true); // if_name
  view.setUint16(10, text.length, true);
  body.set(text, 12);
  return block(1, body); // the trailing zeros are opt_endofopt
}

function enhancedPacket(interfaceId: number, us: number, bytes: Uint8Array, direction: CaptureDirection): Uint8Array {
  const body = new Uint8Array(20 + pad4(bytes.length) + 8 + 4);
  const view = new DataView(body.buffer);
  view.setUint32(0, interfaceId, true);
  view.setUint32(4, Math.floor(us / 2 ** 32), true);
  view.setUint32(8, us % 2 ** 32, true);
  view.setUint32(12, bytes.length, true);
  view.setUint32(16, bytes.length, true);
  body.set(bytes, 20);
  const at = 20 + pad4(bytes.length);
  view.setUint16(at, 2, true); // epb_flags
  view.setUint16(at + 2, 4, true);
  view.setUint32(at + 4, inbound(direction) ? 1 : 2, true);
  return block(6, body); // then opt_endofopt
}

/** One pcapng file: an interface per capture point, every frame in time order, timestamps on the lab's clock. */
export function writePcapng(interfaces: readonly PcapngInterface[], options: PcapOptions = {}): Uint8Array {
  const startUs = Math.round((options.startSec ?? 0) * 1_000_000);
  const packets = interfaces
    .flatMap((iface, id) => iface.packets.map((p) => ({ id, ...p })))
    .sort((a, b) => a.atMs - b.atMs || a.id - b.id);
  const blocks = [
    sectionHeader(),
    ...interfaces.map((i) => interfaceDescription(i.name)),
    ...packets.map((p) => enhancedPacket(p.id, startUs + Math.round(p.atMs * 1000), encodeFrame(p.frame), p.direction)),
  ];
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
