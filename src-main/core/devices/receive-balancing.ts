// Receive load balancing (Broadcom SLB, Intel RLB, Linux balance-alb) as the driver profile says:
// the team puts one member's MAC in the ARP replies it sends each peer, so different peers send to
// different members. It rewrites the replies for the addresses the team answers for itself (an ARP
// proxy's VMs) and, with `rewritesBridgedArp`, those of guests behind the virtual switch or bridge,
// whose peers then send to a member's MAC that no port above the team has.
import { ARP_REPLY, isGroup, NO_TRACE, type ArpPacket, type Frame } from '../net/frames.js';
import type { DriverProfile } from '../../../shared/driver.js';
import { BROADCAST_MAC } from '../../../shared/addresses.js';
import type { Nic } from './nic.js';

interface Peer {
  /** The peer's MAC (broadcast until the team has replied to it). */
  mac: number;
  member: Nic;
  /** The addresses the peer was given the member's MAC for, with the VLAN they were sent in. */
  addresses: Map<number, number | undefined>;
}

export class ReceiveBalancer {
  /** Peer IP → what it was told. */
  private readonly peers = new Map<number, Peer>();

  private constructor(private readonly profile: DriverProfile) {}

  /** A balancer when the profile balances receive, else null. */
  static of(profile: DriverProfile): ReceiveBalancer | null {
    return profile.receiveLoadBalancing === 'arp-rewrite' ? new ReceiveBalancer(profile) : null;
  }

  /**
   * Whether the team rewrites this outgoing frame: an ARP reply to one peer, or a request asking a
   * peer, for an address it balances — the peer learns the sender from either. Gratuitous ARP and
   * probes (sender 0.0.0.0) go out as they are.
   */
  rewrites(frame: Frame): boolean {
    const p = frame.payload;
    if (p.kind !== 'arp' || p.spa === 0 || p.spa === p.tpa || (p.op === ARP_REPLY && isGroup(frame.dst))) return false;
    return this.profile.arpProxy || this.profile.rewritesBridgedArp;
  }

  /** The member whose MAC the reply's peer learns: the one it was given while that carries traffic, else the least loaded. */
  assign(frame: Frame, carrying: readonly Nic[]): Nic {
    const p = frame.payload as ArpPacket;
    let peer = this.peers.get(p.tpa);
    if (!peer || !carrying.includes(peer.member)) {
      peer = { mac: peer?.mac ?? BROADCAST_MAC, member: this.leastLoaded(carrying), addresses: peer?.addresses ?? new Map() };
      this.peers.set(p.tpa, peer);
    }
    // A request is broadcast: the peer's own MAC is known once the team has replied to it.
    if (!isGroup(frame.dst)) peer.mac = frame.dst;
    peer.addresses.set(p.spa, frame.vlan);
    return peer.member;
  }

  /** The reply as it leaves `member`: its MAC as the frame's source and the ARP sender. */
  rewrite(frame: Frame, member: Nic): Frame {
    const p = frame.payload as ArpPacket;
    return { ...frame, src: member.mac, payload: { ...p, sha: member.mac } };
  }

  /**
   * After members left service: each peer given a MAC of a member that no longer carries traffic
   * is moved to the least loaded member and told so with an ARP reply per address, from that member.
   */
  moved(carrying: readonly Nic[], newFrameId: () => number): { member: Nic; frame: Frame }[] {
    if (carrying.length === 0) return [];
    const out: { member: Nic; frame: Frame }[] = [];
    for (const [ip, peer] of this.peers) {
      if (carrying.includes(peer.member)) continue;
      peer.member = this.leastLoaded(carrying);
      const sha = peer.member.mac;
      for (const [spa, vlan] of peer.addresses) {
        const payload: ArpPacket = { kind: 'arp', op: ARP_REPLY, sha, spa, tha: isGroup(peer.mac) ? 0 : peer.mac, tpa: ip };
        out.push({ member: peer.member, frame: { dst: peer.mac, src: sha, payload, vlan, trace: NO_TRACE, id: newFrameId() } });
      }
    }
    return out;
  }

  /** Team start-up: no peer has been told anything yet. */
  clear(): void {
    this.peers.clear();
  }

  private leastLoaded(carrying: readonly Nic[]): Nic {
    return leastLoaded(carrying, [...this.peers.values()].map((p) => p.member));
  }
}

/** The member of `carrying` with the fewest of `assigned`, the first on a tie. */
export function leastLoaded<T>(carrying: readonly T[], assigned: Iterable<T>): T {
  const load = new Map(carrying.map((m) => [m, 0]));
  for (const m of assigned) if (load.has(m)) load.set(m, load.get(m)! + 1);
  let best = carrying[0];
  for (const m of carrying) if (load.get(m)! < load.get(best)!) best = m;
  return best;
}
