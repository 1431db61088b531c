// A NIC team driven only by its driver profile: ARP proxy with a VM table (learn-once | track),
// or transparent; failover on link loss, failback, optional path monitoring (probes as frames), announcements.
import { ARP_REPLY, ARP_REQUEST, isGroup, NO_TRACE, rarpFor, type Frame } from '../net/frames.js';
import type { Hop, SimContext } from '../engine/context.js';
import type { HopAction } from '../../../shared/trace.js';
import type { DriverProfile } from '../../../shared/driver.js';
import type { Team as TeamSpec } from '../../../shared/lab.js';
import { BROADCAST_MAC, ipToText, macToText } from '../../../shared/addresses.js';
import { teamId } from '../../../shared/checks.js';
import type { Nic, NicUpper } from './nic.js';
import { LACP_SLOW_PERIODIC_US, addressKey, ipPair, lacpPartnered, pick, receiveLacpdu, sendLacpdu, type LacpActor } from './aggregation.js';

export interface VmTableEntry {
  mac: number;
  learntUs: number;
}

/** The side of the team facing the VMs: the bound virtual switch. */
export interface TeamClient {
  receiveFromUplink(frame: Frame): void;
  /** (IP, MAC) of the VMs connected and running, read when the team initialises. */
  connectedVms(): { ip: number; mac: number; vlan?: number }[];
}

export class Team implements NicUpper {
  readonly vmTable = new Map<number, VmTableEntry>();
  readonly primary: Nic;
  /** The member carrying the team (active/standby), or the one taking broadcasts (load balancing). */
  active: Nic | null = null;
  /** A load-balancing team: the team aggregates, or its mode is not active-passive and its profile spreads transmit. */
  readonly spreads: boolean;
  /** Switch-dependent aggregation (static or LACP): transmit hashed over the members, receive on any of them. */
  readonly aggregates: boolean;
  /** LACP (802.3ad): a member carries traffic only while its switch port answers LACPDUs. */
  readonly lacp: boolean;
  /** The members carrying traffic now: the active one, or every usable member when the team spreads. */
  activeMembers: Nic[] = [];
  /** VM MAC → the member its frames leave by (Hyper-V Port). */
  private readonly pins = new Map<number, Nic>();
  enabled = true;
  /** The engineer disabled the team adapter (disable-team); a host restart leaves it disabled. */
  disabledByEngineer = false;
  client: TeamClient | null = null;
  readonly autoFailback: boolean;
  /** Whether the team tells the switches after a failover (ESXi "notify switches"; a virtual switch's setting). */
  notifySwitches = true;
  /** Path monitoring (probes) is on: from the lab, or a set-monitoring step. */
  monitoring: boolean;
  /** Bumped when monitoring is switched, so a probe loop of the previous setting stops. */
  private probeLoop = 0;
  private readonly probeFailures = new Map<Nic, number>();
  /** Members whose probe of this round the target answered. */
  private readonly probeAnswered = new Set<Nic>();
  /** Whether a round of probes is out, waiting to be judged at the next interval. */
  private probesOut = false;
  /** When the primary last became usable again (link up, probes answered): failback waits the profile's delay from here. */
  private primaryUsableSinceUs = -Infinity;
  /** Bumped whenever pending timers must be forgotten (disable, host failure). */
  private generation = 0;
  readonly elementId: string;
  /** The canvas edge to the bound virtual switch ("uplink:vswitch:HostB/VM-Switch"), set when bound. */
  uplinkEdge: string | null = null;
  private readonly memberEdges = new Map<Nic, string>();
  /** What the state log last heard, so that only changes are recorded. */
  private published = '';

  constructor(
    readonly ctx: SimContext,
    readonly hostName: string,
    readonly spec: TeamSpec,
    readonly members: Nic[],
    readonly profile: DriverProfile,
    /** The IP the members probe (LiveLink target, Linux arp_ip_target); null when there is none. */
    private readonly probeTarget: number | null,
  ) {
    this.primary = members.find((m) => m.name === spec.primary) ?? members[0];
    this.autoFailback = spec.autoFailback ?? profile.failback.auto;
    this.monitoring = profile.monitoring.kind !== 'none' && (spec.monitoring ?? profile.monitoring.enabledByDefault) && probeTarget !== null;
    this.elementId = teamId(hostName, spec.name);
    this.aggregates = spec.mode === 'static' || spec.mode === 'lacp';
    this.lacp = spec.mode === 'lacp';
    this.spreads = (this.aggregates || (spec.mode !== 'active-passive' && profile.loadBalancing !== 'none')) && !profile.arpProxy;
    for (const m of members) {
      m.upper = this;
      const edge = `member:${this.elementId}>${m.name}`;
      this.memberEdges.set(m, edge);
      m.port.arrivalLink = edge;
    }
  }

  /** Records whether the team is enabled and which member is active, if either changed. */
  private publish(): void {
    const ctx = this.ctx;
    if (!ctx.recordingChanges) return;
    const active = this.active?.name ?? null;
    const key = `${this.enabled}|${active}`;
    if (key === this.published) return;
    this.published = key;
    ctx.change({ kind: 'team', atMs: ctx.now / 1000, host: this.hostName, team: this.name, enabled: this.enabled, activeMember: active });
  }

  /** Records one VM table entry as it is learnt, replaced (mac) or cleared (null). */
  private publishEntry(ip: number, mac: number | null, learntUs: number): void {
    const ctx = this.ctx;
    if (!ctx.recordingChanges) return;
    ctx.change({
      kind: 'team-entry',
      atMs: ctx.now / 1000,
      host: this.hostName,
      team: this.name,
      ip: ipToText(ip),
      mac: mac === null ? null : macToText(mac),
      learntAtMs: learntUs / 1000,
    });
  }

  get name(): string {
    return this.spec.name;
  }

  /** "team VM-Team on HostB". */
  get label(): string {
    return `team ${this.spec.name} on ${this.hostName}`;
  }

  get mac(): number {
    if (this.profile.teamMac === 'active-nic' && this.active) return this.active.mac;
    return this.primary.mac;
  }

  /** Team start-up (enable, host boot): reads the VMs on the bound virtual switch afresh. */
  initialise(): void {
    this.generation++;
    this.enabled = true;
    if (this.ctx.recordingChanges) for (const ip of [...this.vmTable.keys()].sort((a, b) => a - b)) this.publishEntry(ip, null, this.ctx.now);
    this.vmTable.clear();
    if (this.profile.arpProxy && this.client) {
      for (const vm of this.client.connectedVms()) this.learn(vm.ip, vm.mac, true);
    }
    this.probeFailures.clear();
    this.probeAnswered.clear();
    this.probesOut = false;
    this.pins.clear();
    this.active = this.choose();
    this.activeMembers = this.carrying();
    this.publish();
    if (this.lacp) this.sendLacpdus(this.generation);
    if (this.monitoring) this.scheduleProbe(this.generation);
  }

  /** Whether the team's driver and lab give it something to probe, so monitoring can be on. */
  get canMonitor(): boolean {
    return this.profile.monitoring.kind !== 'none' && this.probeTarget !== null;
  }

  /** Turns path monitoring on or off: probe failures start from nothing and the active member is chosen afresh. */
  setMonitoring(on: boolean): void {
    this.monitoring = on;
    this.probeLoop++;
    this.probeFailures.clear();
    this.probeAnswered.clear();
    this.probesOut = false;
    if (!this.enabled) return;
    this.reevaluate();
    if (on) this.scheduleProbe(this.generation);
  }

  disable(): void {
    this.generation++;
    this.enabled = false;
    this.active = null;
    this.activeMembers = [];
    this.publish();
  }

  runsLacp(): boolean {
    return this.lacp;
  }

  /** Every member with link sends an LACPDU now and every 30 s (slow rate) while the team is up. */
  private sendLacpdus(generation: number): void {
    if (generation !== this.generation || !this.enabled) return;
    for (const m of this.members) if (m.port.carrier) sendLacpdu(this.ctx, m.port, this.lacpActor(m));
    this.ctx.scheduler.after(LACP_SLOW_PERIODIC_US, () => this.sendLacpdus(generation));
  }

  /** The team speaks LACP with its team MAC as system, key 1, member n as port n. */
  private lacpActor(nic: Nic): LacpActor {
    return { system: this.primary.mac, key: 1, port: this.members.indexOf(nic) + 1 };
  }

  private usable(nic: Nic): boolean {
    if (!nic.port.carrier) return false;
    if (this.lacp && !lacpPartnered(nic.port)) return false;
    return !this.monitoring || (this.probeFailures.get(nic) ?? 0) < this.profile.monitoring.retries;
  }

  private choose(): Nic | null {
    const current = this.active;
    if (this.usable(this.primary)) {
      if (current === null || current === this.primary || !this.usable(current)) return this.primary;
      if (this.autoFailback && this.ctx.now - this.primaryUsableSinceUs >= this.profile.failback.delayMs * 1000) return this.primary;
    }
    if (current && this.usable(current)) return current;
    return this.members.find((m) => this.usable(m)) ?? null;
  }

  /** The members that carry traffic with `active` chosen: all usable ones when the team spreads. */
  private carrying(): Nic[] {
    if (!this.spreads) return this.active ? [this.active] : [];
    return this.members.filter((m) => this.usable(m));
  }

  private reevaluate(): void {
    if (!this.enabled) return;
    if (this.spreads) return this.rebalance();
    const next = this.choose();
    if (next === this.active) return;
    this.active = next;
    this.activeMembers = this.carrying();
    this.publish();
    if (next) this.announce(next);
  }

  /**
   * A load-balancing team after a member left or came back: only the VMs pinned to a member that
   * left move (to the least loaded member), and each is announced from its new member.
   */
  private rebalance(): void {
    const next = this.carrying();
    if (next.length === this.activeMembers.length && next.every((m, i) => m === this.activeMembers[i])) return;
    this.activeMembers = next;
    this.active = next.includes(this.primary) ? this.primary : (next[0] ?? null);
    this.publish();
    const moved: number[] = [];
    for (const [mac, nic] of this.pins) if (!next.includes(nic)) moved.push(mac);
    for (const mac of moved) this.pins.delete(mac);
    if (next.length === 0 || this.profile.failover.announce === 'none' || !this.notifySwitches) return;
    for (const vm of this.client?.connectedVms() ?? []) {
      if (!moved.includes(vm.mac)) continue;
      this.sendGratuitousArps(this.pinFor(vm.mac), [vm]);
    }
  }

  /** The member a VM's frames leave by: its pin while that member carries traffic, else the least loaded. */
  private pinFor(mac: number): Nic {
    const pinned = this.pins.get(mac);
    if (pinned && this.activeMembers.includes(pinned)) return pinned;
    const load = new Map(this.activeMembers.map((m) => [m, 0]));
    for (const nic of this.pins.values()) if (load.has(nic)) load.set(nic, load.get(nic)! + 1);
    let best = this.activeMembers[0];
    for (const m of this.activeMembers) if (load.get(m)! < load.get(best)!) best = m;
    this.pins.set(mac, best);
    return best;
  }

  /** The member a VM's frame leaves by, as the profile's load balancing spreads them. */
  private memberFor(frame: Frame): Nic {
    const lb = this.profile.loadBalancing;
    if (lb === 'vm-port' || isGroup(frame.dst)) return this.pinFor(frame.src);
    if (lb === 'source-mac-hash') return pick(this.members, this.activeMembers, frame.src % 2 ** 32)!;
    const key = lb === 'dynamic' ? (frame.src ^ ipPair(frame)[1]) >>> 0 : addressKey(frame, 'src-dst-ip');
    return pick(this.members, this.activeMembers, key)!;
  }

  onNicCarrier(nic: Nic, up: boolean): void {
    if (!this.enabled) return;
    if (up && this.lacp) sendLacpdu(this.ctx, nic.port, this.lacpActor(nic));
    if (up && nic === this.primary) this.primaryUsableSinceUs = this.ctx.now;
    if (this.spreads) {
      // A member leaves after the link-loss detection time and rejoins as soon as the team sees it.
      if (!up ? this.activeMembers.includes(nic) : !this.activeMembers.includes(nic)) this.later(this.profile.failover.detectMs);
      return;
    }
    if (!up && nic === this.active) this.later(this.profile.failover.detectMs);
    else if (up && this.active === null) this.later(this.profile.failover.detectMs);
    else if (up && nic === this.primary && this.active !== nic && this.autoFailback) this.later(this.profile.failback.delayMs);
  }

  /** Re-evaluates the active member after `ms`, unless the team was reset meanwhile. */
  private later(ms: number): void {
    const generation = this.generation;
    this.ctx.scheduler.after(ms * 1000, () => {
      if (generation === this.generation) this.reevaluate();
    });
  }

  /**
   * Every interval: judge the last round (a member whose probe went unanswered counts a failure),
   * then send the next round, one ARP probe from each member to the target.
   */
  private scheduleProbe(generation: number): void {
    const loop = this.probeLoop;
    this.ctx.scheduler.after(this.profile.monitoring.intervalMs * 1000, () => {
      if (generation !== this.generation || loop !== this.probeLoop || !this.enabled || !this.monitoring) return;
      if (this.probesOut) this.judgeProbes();
      this.sendProbes();
      this.scheduleProbe(generation);
    });
  }

  /**
   * The MAC a member probes from: its own, unless the active member carries another member's MAC
   * as the team MAC (the primary's, after a failover) — then the two swap, as BASP does.
   */
  private probeMac(nic: Nic): number {
    const active = this.active;
    if (active && active.mac !== this.mac) {
      if (nic === active) return this.mac;
      if (nic.mac === this.mac) return active.mac;
    }
    return nic.mac;
  }

  private sendProbes(): void {
    this.probeAnswered.clear();
    this.probesOut = true;
    const target = this.probeTarget!;
    for (const m of this.members) {
      const mac = this.probeMac(m);
      // An ARP probe (sender IP 0.0.0.0): the target answers without caching the team's address.
      const probe: Frame = {
        dst: BROADCAST_MAC,
        src: mac,
        payload: { kind: 'arp', op: ARP_REQUEST, sha: mac, spa: 0, tha: 0, tpa: target },
        trace: NO_TRACE,
        id: this.ctx.newFrameId(),
      };
      m.transmit(probe);
    }
  }

  /** A load-balancing team takes unicast on any member that carries traffic, broadcasts only on the active one (no duplicates). */
  private carriesFrom(nic: Nic, frame: Frame): boolean {
    // An aggregation receives everything on any member: the switch sends each frame down one link of the channel.
    return isGroup(frame.dst) && !this.aggregates ? nic === this.active : this.activeMembers.includes(nic);
  }

  /** An answer to this round's probe (an ARP reply to 0.0.0.0, so never a VM's), arriving on the member that sent it. */
  private isProbeAnswer(nic: Nic, frame: Frame): boolean {
    const p = frame.payload;
    return this.probesOut && p.kind === 'arp' && p.op === ARP_REPLY && p.tpa === 0 && p.spa === this.probeTarget && frame.dst === this.probeMac(nic);
  }

  private judgeProbes(): void {
    let changed = false;
    for (const m of this.members) {
      const before = this.usable(m);
      const ok = m.port.carrier && this.probeAnswered.has(m);
      this.probeFailures.set(m, ok ? 0 : (this.probeFailures.get(m) ?? 0) + 1);
      if (this.usable(m) === before) continue;
      changed = true;
      if (m === this.primary && !before) {
        // The primary's path answers again: failback waits the profile's delay, as after a link returns.
        this.primaryUsableSinceUs = this.ctx.now;
        if (this.autoFailback) this.later(this.profile.failback.delayMs);
      }
    }
    if (changed) this.reevaluate();
  }

  /** After a failover: tell the switches where the team (or its VMs) now live. */
  private announce(via: Nic): void {
    const { announce, gratuitousArpCount } = this.profile.failover;
    if (announce === 'none' || gratuitousArpCount === 0 || !this.notifySwitches) return;
    // Only the VMs behind the team now: announcing a VM that moved away would pull its traffic back here.
    const here = this.client?.connectedVms() ?? [];
    const addresses: { ip: number; mac: number; vlan?: number }[] =
      announce === 'team-mac'
        ? this.profile.arpProxy
          ? here.map((vm) => ({ ip: vm.ip, mac: this.mac, vlan: vm.vlan }))
          : [{ ip: 0, mac: this.mac }]
        : here;
    this.sendGratuitousArps(via, addresses);
  }

  /** The profile's count of gratuitous ARPs (or RARPs, when it announces so) for each address, sent from `via`. */
  private sendGratuitousArps(via: Nic, addresses: { ip: number; mac: number; vlan?: number }[]): void {
    const rarp = this.profile.failover.announce === 'rarp';
    for (let i = 0; i < this.profile.failover.gratuitousArpCount; i++) {
      for (const a of addresses) {
        if (rarp) {
          via.transmit(rarpFor(a.mac, a.vlan ?? this.spec.vlanInterface, this.ctx.newFrameId()));
          continue;
        }
        via.transmit({
          dst: BROADCAST_MAC,
          src: a.mac,
          payload: { kind: 'arp', op: ARP_REQUEST, sha: a.mac, spa: a.ip, tha: 0, tpa: a.ip },
          vlan: a.vlan ?? this.spec.vlanInterface,
          trace: NO_TRACE,
          id: this.ctx.newFrameId(),
        });
      }
    }
  }

  /** One hop of a frame through the team, for the hop stream (only called while it is traced). */
  private hop(action: HopAction, link: string | null, frame: Frame, more: Pick<Hop, 'before' | 'rewrite' | 'tap'> = {}): void {
    this.ctx.hop({ atUs: this.ctx.now, action, device: this.label, element: this.elementId, link, frame, ...more });
  }

  // ---- frames from the wire ----------------------------------------------------------------

  receiveFromNic(nic: Nic, frame: Frame): void {
    const ctx = this.ctx;
    if (!this.enabled) return ctx.drop(this.label, this.elementId, 'team-disabled', frame);
    if (frame.payload.kind === 'lacp') {
      if (!this.lacp) return ctx.drop(`${this.label} (${nic.name})`, this.elementId, 'lacp-not-running', frame);
      // The switch port answered: the member joins the aggregation.
      if (receiveLacpdu(ctx, nic.port, frame.payload, this.lacpActor(nic))) this.reevaluate();
      return;
    }
    if (this.monitoring && this.isProbeAnswer(nic, frame)) {
      this.probeAnswered.add(nic);
      if (ctx.tracing) this.hop('delivered', null, frame, { tap: { at: nic.port, direction: 'up' } });
      return;
    }
    if (this.lacp && !lacpPartnered(nic.port)) return ctx.drop(`${this.label} (${nic.name})`, this.elementId, 'lacp-no-partner', frame);
    if (this.spreads ? !this.carriesFrom(nic, frame) : nic !== this.active) return ctx.drop(`${this.label} (standby ${nic.name})`, this.elementId, 'standby-discard', frame);
    if (this.profile.receivesOnHashedMember && !isGroup(frame.dst) && this.memberFor(frame) !== nic)
      return ctx.drop(`${this.label} (${nic.name})`, this.elementId, 'hashed-to-other-member', frame);
    const client = this.client;
    if (!client) return ctx.drop(this.label, this.elementId, 'nic-unbound', frame);
    const vlan = this.spec.vlanInterface;
    if (vlan !== undefined) {
      // The team's VLAN interface takes in only its VLAN and hands it up untagged.
      if (frame.vlan !== vlan) return ctx.drop(this.label, this.elementId, 'vlan-mismatch', frame);
      frame = { ...frame, vlan: undefined };
    }
    if (this.profile.arpProxy && frame.dst === this.mac) {
      const p = frame.payload;
      const ip = ipPair(frame)[1];
      const entry = this.vmTable.get(ip);
      if (!entry) return ctx.drop(this.label, this.elementId, 'team-unknown-ip', frame);
      const rewritten: Frame = {
        dst: entry.mac,
        src: frame.src,
        payload: p.kind === 'arp' ? { ...p, tha: entry.mac } : p,
        vlan: frame.vlan,
        trace: frame.trace,
        id: frame.id,
        rewrite: { by: this.label, ip, mac: entry.mac, learntUs: entry.learntUs },
      };
      if (ctx.tracing) {
        const field = p.kind === 'arp' ? 'destination MAC and ARP target MAC' : 'destination MAC';
        this.hop('rewritten', this.uplinkEdge, rewritten, {
          before: frame,
          rewrite: { field, from: frame.dst, to: entry.mac, learntUs: entry.learntUs },
          tap: { at: nic.port, direction: 'up' },
        });
      }
      client.receiveFromUplink(rewritten);
      return;
    }
    if (ctx.tracing) this.hop('forwarded', this.uplinkEdge, frame, { tap: { at: nic.port, direction: 'up' } });
    client.receiveFromUplink(frame);
  }

  // ---- frames from the VMs -----------------------------------------------------------------

  transmit(frame: Frame): void {
    const ctx = this.ctx;
    if (this.spec.vlanInterface !== undefined && frame.vlan === undefined) frame = { ...frame, vlan: this.spec.vlanInterface };
    if (!this.enabled) return ctx.drop(this.label, this.elementId, 'team-disabled', frame);
    if (!this.active) {
      const noPartner = this.lacp && this.members.some((m) => m.port.carrier);
      return ctx.drop(this.label, this.elementId, noPartner ? 'lacp-no-partner' : 'team-no-active-member', frame);
    }
    const nic = this.spreads ? this.memberFor(frame) : this.active;
    if (!this.profile.arpProxy) {
      if (ctx.tracing) this.hop('forwarded', this.memberEdges.get(nic)!, frame);
      return nic.transmit(frame);
    }
    const p = frame.payload;
    const ip = ipPair(frame)[0];
    if (ip !== 0 && !isGroup(frame.src)) this.learn(ip, frame.src, false);
    const teamMac = this.mac;
    const rewritten: Frame = {
      dst: frame.dst,
      src: teamMac,
      payload: p.kind === 'arp' ? { ...p, sha: teamMac } : p,
      vlan: frame.vlan,
      trace: frame.trace,
      id: frame.id,
    };
    if (ctx.tracing) {
      const field = p.kind === 'arp' ? 'source MAC and ARP sender MAC' : 'source MAC';
      this.hop('rewritten', this.memberEdges.get(nic)!, rewritten, { before: frame, rewrite: { field, from: frame.src, to: teamMac } });
    }
    nic.transmit(rewritten);
  }

  /** Fills the VM table: at initialisation (`reading`) from the bound switch, else from a VM's frames as the profile says. */
  private learn(ip: number, mac: number, reading: boolean): void {
    if (!reading && this.profile.vmTable === 'none') return;
    const entry = this.vmTable.get(ip);
    if (entry && !reading && (this.profile.vmTable !== 'track' || entry.mac === mac)) return;
    const now = this.ctx.now;
    this.vmTable.set(ip, { mac, learntUs: now });
    this.publishEntry(ip, mac, now);
  }
}
