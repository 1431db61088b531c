// Frames as the bytes on the wire: Ethernet II carrying ARP or IPv4/ICMP echo, with valid checksums.
// Frames shorter than Ethernet's minimum are padded to 60 bytes (64 with the FCS, which captures omit).
import { ETHERTYPE_VLAN, ETHERTYPE_IPV4, IP_PROTOCOL_ICMP, ethertypeOf, type Frame, type ArpPacket, type Ipv4Packet, type LacpPdu } from './frames.js';

export const ETHERNET_HEADER_BYTES = 14;
export const ETHERNET_MIN_FRAME_BYTES = 60;
const VLAN_TAG_BYTES = 4;
const ARP_BYTES = 28;
const IPV4_HEADER_BYTES = 20;
const ICMP_HEADER_BYTES = 8;
/** An LACPDU is 110 bytes after the Ethernet header (802.1AX). */
const LACPDU_BYTES = 110;

export function encodeFrame(frame: Frame): Uint8Array {
  const payload = frame.payload;
  const body = payload.kind === 'arp' ? ARP_BYTES : payload.kind === 'lacp' ? LACPDU_BYTES : IPV4_HEADER_BYTES + ICMP_HEADER_BYTES + payload.icmp.data.length;
  const header = ETHERNET_HEADER_BYTES + (frame.vlan === undefined ? 0 : VLAN_TAG_BYTES);
  const bytes = new Uint8Array(Math.max(ETHERNET_MIN_FRAME_BYTES, header + body));
  const view = new DataView(bytes.buffer);
  writeMac(view, 0, frame.dst);
  writeMac(view, 6, frame.src);
  if (frame.vlan !== undefined) {
    view.setUint16(12, ETHERTYPE_VLAN);
    view.setUint16(14, frame.vlan & 0x0fff); // priority 0, drop-eligible 0, VLAN ID
  }
  view.setUint16(header - 2, ethertypeOf(frame));
  if (payload.kind === 'arp') writeArp(view, header, payload);
  else if (payload.kind === 'lacp') writeLacp(view, header, payload);
  else writeIpv4(bytes, view, header, payload);
  return bytes;
}

/** Actor state bits: activity (active LACP), aggregation, and when in sync synchronisation, collecting, distributing. */
const LACP_ACTIVE_AGGREGATABLE = 0x01 | 0x04;
const LACP_IN_SYNC = 0x08 | 0x10 | 0x20;

function writeLacp(view: DataView, at: number, pdu: LacpPdu): void {
  view.setUint8(at, 1); // subtype: LACP
  view.setUint8(at + 1, 1); // version
  const info = (tlv: number, type: number, system: number, key: number, port: number, state: number) => {
    view.setUint8(tlv, type);
    view.setUint8(tlv + 1, 20);
    view.setUint16(tlv + 2, 32768); // system priority
    writeMac(view, tlv + 4, system);
    view.setUint16(tlv + 10, key);
    view.setUint16(tlv + 12, 32768); // port priority
    view.setUint16(tlv + 14, port);
    view.setUint8(tlv + 16, state);
  };
  const state = LACP_ACTIVE_AGGREGATABLE | (pdu.inSync ? LACP_IN_SYNC : 0);
  info(at + 2, 1, pdu.actorSystem, pdu.actorKey, pdu.actorPort, state);
  info(at + 22, 2, pdu.partnerSystem, 0, pdu.partnerPort, pdu.partnerSystem === 0 ? 0 : LACP_ACTIVE_AGGREGATABLE | LACP_IN_SYNC);
  view.setUint8(at + 42, 3); // collector information
  view.setUint8(at + 43, 16);
  view.setUint16(at + 44, 0); // collector max delay
  // terminator TLV (type 0, length 0) and reserved bytes are zero
}

function writeArp(view: DataView, at: number, arp: ArpPacket): void {
  view.setUint16(at, 1); // hardware type: Ethernet
  view.setUint16(at + 2, ETHERTYPE_IPV4);
  view.setUint8(at + 4, 6);
  view.setUint8(at + 5, 4);
  view.setUint16(at + 6, arp.op);
  writeMac(view, at + 8, arp.sha);
  view.setUint32(at + 14, arp.spa >>> 0);
  writeMac(view, at + 18, arp.tha);
  view.setUint32(at + 24, arp.tpa >>> 0);
}

function writeIpv4(bytes: Uint8Array, view: DataView, at: number, ip: Ipv4Packet): void {
  const icmpLength = ICMP_HEADER_BYTES + ip.icmp.data.length;
  view.setUint8(at, 0x45); // version 4, header of 5 words
  view.setUint8(at + 1, 0);
  view.setUint16(at + 2, IPV4_HEADER_BYTES + icmpLength);
  view.setUint16(at + 4, ip.id & 0xffff);
  view.setUint16(at + 6, 0); // flags and fragment offset: Windows ping sets neither
  view.setUint8(at + 8, ip.ttl);
  view.setUint8(at + 9, IP_PROTOCOL_ICMP);
  view.setUint32(at + 12, ip.src >>> 0);
  view.setUint32(at + 16, ip.dst >>> 0);
  view.setUint16(at + 10, internetChecksum(bytes, at, IPV4_HEADER_BYTES));

  const icmp = at + IPV4_HEADER_BYTES;
  view.setUint8(icmp, ip.icmp.type);
  view.setUint8(icmp + 1, ip.icmp.code);
  view.setUint16(icmp + 4, ip.icmp.identifier & 0xffff);
  view.setUint16(icmp + 6, ip.icmp.sequence & 0xffff);
  for (let i = 0; i < ip.icmp.data.length; i++) view.setUint8(icmp + ICMP_HEADER_BYTES + i, ip.icmp.data.charCodeAt(i) & 0xff);
  view.setUint16(icmp + 2, internetChecksum(bytes, icmp, icmpLength));
}

/** RFC 1071: one's complement of the one's complement sum of 16-bit words (odd tail padded with zero). */
export function internetChecksum(bytes: Uint8Array, offset: number, length: number): number {
  let sum = 0;
  for (let i = 0; i + 1 < length; i += 2) sum += (bytes[offset + i] << 8) | bytes[offset + i + 1];
  if (length % 2 === 1) sum += bytes[offset + length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** MACs are 48-bit numbers: the top 16 bits lie beyond 32-bit integer operations. */
function writeMac(view: DataView, at: number, mac: number): void {
  view.setUint16(at, Math.floor(mac / 0x100000000));
  view.setUint32(at + 2, mac % 0x100000000);
}
