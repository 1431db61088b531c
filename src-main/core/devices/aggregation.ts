// What aggregation shares between a team and a port-channel: the hash that spreads frames over
// members, and whether both ends of a link run LACP (802.3ad), so the link may join a bundle.
import type { Frame } from '../net/frames.js';
import type { Port } from './port.js';

/** Spreads a hash key over members (a multiplicative mix, so neighbouring addresses land apart). */
export function hashSpread(key: number): number {
  return Math.imul(key ^ (key >>> 16), 0x45d9f3b) >>> 16;
}

/** The low 32 bits of a MAC, where the addresses of one vendor differ. */
function macLow(mac: number): number {
  return mac % 2 ** 32 >>> 0;
}

/** The frame's source and destination IP (ARP: sender and target protocol address). */
export function ipPair(frame: Frame): [number, number] {
  const p = frame.payload;
  return p.kind === 'arp' ? [p.spa, p.tpa] : [p.src, p.dst];
}

/** The hash key of a frame: source and destination MAC, or source and destination IP. */
export function addressKey(frame: Frame, by: 'src-dst-mac' | 'src-dst-ip'): number {
  if (by === 'src-dst-mac') return (macLow(frame.src) ^ macLow(frame.dst)) >>> 0;
  const [src, dst] = ipPair(frame);
  return (src ^ dst) >>> 0;
}

/**
 * The member a frame leaves by: the hash picks among all `members`, and only a flow whose member is
 * out of service is hashed again over the ones `inService` — so a member's failure moves only its flows.
 */
export function pick<T>(members: readonly T[], inService: readonly T[], key: number): T | null {
  if (inService.length === 0) return null;
  const h = hashSpread(key);
  const first = members[h % members.length];
  return inService.includes(first) ? first : inService[h % inService.length];
}

/**
 * LACP agreement on one link: the link is up and both ends run LACP, so each receives the other's
 * LACPDUs (slow protocols MAC 01-80-C2-00-00-02) and puts the link in its bundle.
 */
export function lacpPartnered(port: Port): boolean {
  if (!port.carrier || !port.owner.runsLacp?.(port)) return false;
  const peer = port.peer();
  return peer !== null && peer.owner.runsLacp?.(peer) === true;
}
