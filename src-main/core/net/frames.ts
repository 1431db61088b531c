// Ethernet frames carrying ARP and IPv4/ICMP echo, with the field values that go on the wire.
// Frames are immutable: a device that rewrites one makes a copy, so a flooded frame is shared safely.
import { BROADCAST_MAC } from '../../../shared/addresses.js';

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_VLAN = 0x8100;
/** Slow protocols (802.3 annex 43B): LACP. */
export const ETHERTYPE_SLOW_PROTOCOLS = 0x8809;
/** The slow protocols multicast address LACPDUs go to: 01-80-C2-00-00-02 (never forwarded by a switch). */
export const SLOW_PROTOCOLS_MAC = 0x0180c2000002;
export const ETHERTYPE_RARP = 0x8035;
export const ARP_REQUEST = 1;
export const ARP_REPLY = 2;
/** RARP "request reverse" (RFC 903): what ESXi's notify switches and QEMU send so switches learn a VM's MAC. */
export const RARP_REQUEST = 3;
export const ICMP_ECHO_REPLY = 0;
export const ICMP_ECHO_REQUEST = 8;
export const IP_PROTOCOL_ICMP = 1;
/** What Windows ping sends: 32 bytes, "abcdefghijklmnopqrstuvwabcdefghi". */
export const WINDOWS_PING_DATA = 'abcdefghijklmnopqrstuvwabcdefghi';

export interface ArpPacket {
  readonly kind: 'arp';
  readonly op: typeof ARP_REQUEST | typeof ARP_REPLY | typeof RARP_REQUEST;
  /** Sender hardware (MAC) and protocol (IPv4) address; target likewise. */
  readonly sha: number;
  readonly spa: number;
  readonly tha: number;
  readonly tpa: number;
}

export interface IcmpEcho {
  readonly type: typeof ICMP_ECHO_REQUEST | typeof ICMP_ECHO_REPLY;
  readonly code: 0;
  readonly identifier: number;
  readonly sequence: number;
  readonly data: string;
}

export interface Ipv4Packet {
  readonly kind: 'ipv4';
  readonly src: number;
  readonly dst: number;
  readonly ttl: number;
  /** IPv4 identification field. */
  readonly id: number;
  readonly icmp: IcmpEcho;
}

/** An LACPDU: the actor's system (its MAC), key and port, and whether it is in sync with its partner. */
export interface LacpPdu {
  readonly kind: 'lacp';
  readonly actorSystem: number;
  readonly actorKey: number;
  readonly actorPort: number;
  /** The partner the actor last heard on this link (0: none yet). */
  readonly partnerSystem: number;
  readonly partnerPort: number;
  /** Actor state: synchronised, collecting and distributing (the link is in the actor's bundle). */
  readonly inSync: boolean;
}

export interface Frame {
  readonly dst: number;
  readonly src: number;
  readonly payload: ArpPacket | Ipv4Packet | LacpPdu;
  /** The 802.1Q VLAN ID the frame carries on the wire; undefined = untagged. */
  readonly vlan?: number;
  /** Not on the wire: one frame's identity across hops; flooded and rewritten copies keep it. */
  readonly id: number;
  /** Not on the wire: which ping this frame belongs to, so a lost ping can be traced to where it died. */
  readonly trace: number;
  /** Not on the wire: set by a team that rewrote the L2 destination from its VM table. */
  readonly rewrite?: RewriteNote;
}

export interface RewriteNote {
  /** "team VM-Team on HostB". */
  readonly by: string;
  readonly ip: number;
  /** The VM MAC the entry held, and when the team learnt it. */
  readonly mac: number;
  readonly learntUs: number;
}

export const NO_TRACE = -1;

export function ethertypeOf(frame: Frame): number {
  const p = frame.payload;
  return p.kind === 'arp' ? (p.op === RARP_REQUEST ? ETHERTYPE_RARP : ETHERTYPE_ARP) : p.kind === 'lacp' ? ETHERTYPE_SLOW_PROTOCOLS : ETHERTYPE_IPV4;
}

export function isBroadcast(mac: number): boolean {
  return mac === 0xffffffffffff;
}

/** True for group addresses (I/G bit set): broadcast and multicast. */
export function isGroup(mac: number): boolean {
  return Math.floor(mac / 2 ** 40) % 2 === 1;
}

/** A RARP for `mac` from `mac` to broadcast: it carries no IP, only teaches the switches on its way where `mac` is. */
export function rarpFor(mac: number, vlan: number | undefined, id: number): Frame {
  return { dst: BROADCAST_MAC, src: mac, payload: { kind: 'arp', op: RARP_REQUEST, sha: mac, spa: 0, tha: mac, tpa: 0 }, vlan, trace: NO_TRACE, id };
}
