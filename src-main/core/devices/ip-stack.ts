// The IPv4 side of a VM or client: an ARP cache with reachable time and re-resolution on use,
// an echo responder, and a queue of packets waiting for ARP.
import {
  ARP_REPLY,
  ARP_REQUEST,
  ICMP_ECHO_REPLY,
  ICMP_ECHO_REQUEST,
  isGroup,
  type ArpPacket,
  type Frame,
  type IcmpEcho,
} from '../net/frames.js';
import type { SimContext } from '../engine/context.js';
import { BROADCAST_MAC } from '../../../shared/addresses.js';

export type ArpBehaviour = 'windows' | 'linux' | 'router';

interface ArpEntry {
  mac: number;
  expiresUs: number;
}

interface Pending {
  frames: { dstIp: number; icmp: IcmpEcho; trace: number }[];
}

export class IpStack {
  readonly cache = new Map<number, ArpEntry>();
  private readonly pending = new Map<number, Pending>();
  private ipId = 0;
  private generation = 0;
  onEchoReply: ((frame: Frame) => void) | null = null;

  constructor(
    readonly ctx: SimContext,
    /** Who this is, for the hop stream: "Client1", "Guest1". */
    readonly label: string,
    /** Its canvas element id ("client:Client1", "vm:Guest1"). */
    readonly elementId: string | null,
    public ip: number,
    public mac: number,
    readonly behaviour: ArpBehaviour,
    private readonly emit: (frame: Frame) => void,
  ) {}

  /** Forgets everything volatile: the VM was powered off. */
  reset(): void {
    this.cache.clear();
    this.pending.clear();
    this.generation++;
  }

  /** `arp -d *`: every ARP entry is forgotten, so the next packet to each IP asks afresh. */
  clearArp(): void {
    this.cache.clear();
  }

  private reachableUs(): number {
    const s = this.ctx.settings;
    if (this.behaviour === 'router') return s.routerArpTimeoutSec * 1e6;
    // Windows 2008+ and Linux: a random 0.5–1.5 × the base reachable time.
    return Math.round(this.ctx.random.between(0.5, 1.5) * s.arpReachableBaseSec * 1e6);
  }

  receive(frame: Frame): void {
    if (frame.dst !== this.mac && !isGroup(frame.dst)) return;
    const p = frame.payload;
    if (p.kind === 'arp') return this.receiveArp(frame, p);
    if (p.kind === 'lacp') return; // slow protocols: an IP stack does not run LACP
    if (p.dst !== this.ip) return;
    if (p.icmp.type === ICMP_ECHO_REQUEST) {
      this.sendIcmp(p.src, { ...p.icmp, type: ICMP_ECHO_REPLY }, frame.trace);
    } else if (p.icmp.type === ICMP_ECHO_REPLY && this.onEchoReply) {
      this.onEchoReply(frame);
    }
  }

  private receiveArp(frame: Frame, arp: ArpPacket): void {
    const now = this.ctx.now;
    const known = this.cache.get(arp.spa);
    const gratuitous = arp.spa === arp.tpa || (arp.op === ARP_REPLY && isGroup(frame.dst));
    // RFC 826 merge: any ARP from a sender already in the cache updates its MAC.
    if (known && !(gratuitous && this.behaviour === 'router' && this.ctx.settings.routerIgnoresGratuitousArp)) {
      known.mac = arp.sha;
    }
    if (arp.tpa !== this.ip || arp.spa === this.ip) return;
    // Being asked by, or answered by, the sender confirms it is reachable now.
    // An ARP probe (sender 0.0.0.0, a team's path monitoring) is answered but teaches nothing.
    if (arp.spa === 0) {
      /* nothing to learn */
    } else if (!known) this.cache.set(arp.spa, { mac: arp.sha, expiresUs: now + this.reachableUs() });
    else known.expiresUs = now + this.reachableUs();
    if (arp.op === ARP_REQUEST) {
      this.emit({
        dst: frame.src,
        src: this.mac,
        payload: { kind: 'arp', op: ARP_REPLY, sha: this.mac, spa: this.ip, tha: arp.sha, tpa: arp.spa },
        trace: -1,
        id: this.ctx.newFrameId(),
      });
    }
    this.flush(arp.spa);
  }

  /** Sends an ICMP echo (request or reply), resolving the destination with ARP first if needed. */
  sendIcmp(dstIp: number, icmp: IcmpEcho, trace: number): void {
    const entry = this.cache.get(dstIp);
    if (entry && entry.expiresUs > this.ctx.now) {
      this.emitIcmp(entry.mac, dstIp, icmp, trace);
      return;
    }
    const waiting = this.pending.get(dstIp);
    if (waiting) {
      waiting.frames.push({ dstIp, icmp, trace });
      return;
    }
    this.pending.set(dstIp, { frames: [{ dstIp, icmp, trace }] });
    this.resolve(dstIp);
  }

  private resolve(dstIp: number): void {
    this.emit({
      dst: BROADCAST_MAC,
      src: this.mac,
      payload: { kind: 'arp', op: ARP_REQUEST, sha: this.mac, spa: this.ip, tha: 0, tpa: dstIp },
      trace: -1,
      id: this.ctx.newFrameId(),
    });
    const generation = this.generation;
    this.ctx.scheduler.after(this.ctx.settings.arpRequestTimeoutMs * 1000, () => {
      if (generation !== this.generation) return;
      const waiting = this.pending.get(dstIp);
      if (!waiting) return;
      this.pending.delete(dstIp);
      this.cache.delete(dstIp);
      for (const f of waiting.frames) {
        this.ctx.drop(this.label, this.elementId, 'arp-unresolved', {
          dst: BROADCAST_MAC,
          src: this.mac,
          payload: this.ipv4(dstIp, f.icmp),
          trace: f.trace,
          id: this.ctx.newFrameId(),
        });
      }
    });
  }

  private flush(ip: number): void {
    const waiting = this.pending.get(ip);
    const entry = this.cache.get(ip);
    if (!waiting || !entry) return;
    this.pending.delete(ip);
    for (const f of waiting.frames) this.emitIcmp(entry.mac, f.dstIp, f.icmp, f.trace);
  }

  private ipv4(dstIp: number, icmp: IcmpEcho) {
    this.ipId = (this.ipId + 1) & 0xffff;
    return { kind: 'ipv4' as const, src: this.ip, dst: dstIp, ttl: 128, id: this.ipId, icmp };
  }

  private emitIcmp(mac: number, dstIp: number, icmp: IcmpEcho, trace: number): void {
    this.emit({ dst: mac, src: this.mac, payload: this.ipv4(dstIp, icmp), trace, id: this.ctx.newFrameId() });
  }

  /** Entries a `arp -a` would show now. */
  liveEntries(): { ip: number; mac: number }[] {
    const now = this.ctx.now;
    const out: { ip: number; mac: number }[] = [];
    for (const [ip, e] of this.cache) if (e.expiresUs > now) out.push({ ip, mac: e.mac });
    return out.sort((a, b) => a.ip - b.ip);
  }
}
