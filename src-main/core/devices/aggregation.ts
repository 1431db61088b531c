// What aggregation shares between a team and a port-channel: the hash that spreads frames over
// members, and whether both ends of a link run LACP (802.3ad), so the link may join a bundle.
import { NO_TRACE, SLOW_PROTOCOLS_MAC, type Frame, type LacpPdu } from '../net/frames.js';
import type { SimContext } from '../engine/context.js';
import type { Port } from './port.js';

/** Spreads a hash key over members (murmur3's finaliser: every bit of the key moves the low bits, so neighbouring addresses land apart). */
export function hashSpread(key: number): number {
  let h = key ^ (key >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The low 32 bits of a MAC, where the addresses of one vendor differ. */
function macLow(mac: number): number {
  return mac % 2 ** 32 >>> 0;
}

/** The frame's source and destination IP (ARP: sender and target protocol address). */
export function ipPair(frame: Frame): [number, number] {
  const p = frame.payload;
  return p.kind === 'arp' ? [p.spa, p.tpa] : p.kind === 'ipv4' ? [p.src, p.dst] : [0, 0];
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
 * LACP agreement on one link: the link is up, this end runs LACP and it has heard an LACPDU from
 * the far end since the link came up — so the far end runs LACP too. Only then is the link bundled.
 */
export function lacpPartnered(port: Port): boolean {
  return port.carrier && port.lacpPartner !== 0 && port.owner.runsLacp?.(port) === true;
}

/** LACP slow rate (the default of IOS and Windows): each speaker sends an LACPDU every 30 s on each link. */
export const LACP_SLOW_PERIODIC_US = 30_000_000;

/** Who speaks LACP on a port: the device's system MAC, the aggregation's key and the port's number. */
export interface LacpActor {
  readonly system: number;
  readonly key: number;
  readonly port: number;
}

/** Sends an LACPDU out of `port` to the slow protocols MAC, saying whom the actor has heard there. */
export function sendLacpdu(ctx: SimContext, port: Port, actor: LacpActor): void {
  const payload: LacpPdu = {
    kind: 'lacp',
    actorSystem: actor.system,
    actorKey: actor.key,
    actorPort: actor.port,
    partnerSystem: port.lacpPartner,
    partnerPort: 0,
    inSync: port.lacpPartner !== 0,
  };
  port.send({ dst: SLOW_PROTOCOLS_MAC, src: actor.system, payload, trace: NO_TRACE, id: ctx.newFrameId() });
}

/**
 * An LACPDU arrived on `port` of an LACP speaker: the sender becomes the link's partner, and if the
 * sender has not heard this end yet it is answered, so both ends agree. Returns whether the partner is new.
 */
export function receiveLacpdu(ctx: SimContext, port: Port, pdu: LacpPdu, actor: LacpActor): boolean {
  const fresh = port.lacpPartner !== pdu.actorSystem;
  port.lacpPartner = pdu.actorSystem;
  if (pdu.partnerSystem !== actor.system) sendLacpdu(ctx, port, actor);
  return fresh;
}
