// A NIC team driven only by its driver profile: ARP proxy with a VM table (learn-once | track),
// or transparent; failover on link loss, failback, optional path monitoring, announcements.
import { ARP_REQUEST, isGroup, NO_TRACE, type Frame } from '../net/frames.js';
import type { Hop, SimContext } from '../engine/context.js';
import type { HopAction } from '../../../shared/trace.js';
import type { DriverProfile } from '../../../shared/driver.js';
import type { Team as TeamSpec } from '../../../shared/lab.js';
import { BROADCAST_MAC, ipToText, macToText } from '../../../shared/addresses.js';
import { teamId } from '../../../shared/checks.js';
import type { Nic, NicUpper } from './nic.js';

export interface VmTableEntry {
  mac: number;
  learntUs: number;
}

/** The side of the team facing the VMs: the bound virtual switch. */
export interface TeamClient {
  receiveFromUplink(frame: Frame): void;
  /** (IP, MAC) of the VMs connected and running, read when the team initialises. */
  connectedVms(): { ip: number; mac: number }[];
}

/** Answers whether a member's upstream path reaches the probe target (monitoring). */
export type PathProbe = (nic: Nic) => boolean;

export class Team implements NicUpper {
  readonly vmTable = new Map<number, VmTableEntry>();
  readonly primary: Nic;
  active: Nic | null = null;
  enabled = true;
  client: TeamClient | null = null;
  readonly autoFailback: boolean;
  readonly monitoring: boolean;
  private readonly probeFailures = new Map<Nic, number>();
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
    private readonly probe: PathProbe | null,
  ) {
    this.primary = members.find((m) => m.name === spec.primary) ?? members[0];
    this.autoFailback = spec.autoFailback ?? profile.failback.auto;
    this.monitoring = profile.monitoring.kind !== 'none' && (spec.monitoring ?? profile.monitoring.enabledByDefault) && probe !== null;
    this.elementId = teamId(hostName, spec.name);
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
    this.active = this.choose();
    this.publish();
    if (this.monitoring) this.scheduleProbe(this.generation);
  }

  disable(): void {
    this.generation++;
    this.enabled = false;
    this.active = null;
    this.publish();
  }

  private usable(nic: Nic): boolean {
    if (!nic.port.carrier) return false;
    return !this.monitoring || (this.probeFailures.get(nic) ?? 0) < this.profile.monitoring.retries;
  }

  private choose(): Nic | null {
    const current = this.active;
    if (this.usable(this.primary) && (this.autoFailback || current === null || !this.usable(current))) return this.primary;
    if (current && this.usable(current)) return current;
    return this.members.find((m) => this.usable(m)) ?? null;
  }

  private reevaluate(): void {
    if (!this.enabled) return;
    const next = this.choose();
    if (next === this.active) return;
    this.active = next;
    this.publish();
    if (next) this.announce(next);
  }

  onNicCarrier(nic: Nic, up: boolean): void {
    if (!this.enabled) return;
    const generation = this.generation;
    const later = (ms: number) =>
      this.ctx.scheduler.after(ms * 1000, () => {
        if (generation === this.generation) this.reevaluate();
      });
    if (!up && nic === this.active) later(this.profile.failover.detectMs);
    else if (up && this.active === null) later(this.profile.failover.detectMs);
    else if (up && nic === this.primary && this.active !== nic && this.autoFailback) later(this.profile.failback.delayMs);
  }

  private scheduleProbe(generation: number): void {
    this.ctx.scheduler.after(this.profile.monitoring.intervalMs * 1000, () => {
      if (generation !== this.generation || !this.enabled) return;
      let changed = false;
      for (const m of this.members) {
        const before = this.usable(m);
        const ok = m.port.carrier && this.probe!(m);
        this.probeFailures.set(m, ok ? 0 : (this.probeFailures.get(m) ?? 0) + 1);
        if (this.usable(m) !== before) changed = true;
      }
      if (changed) this.reevaluate();
      this.scheduleProbe(generation);
    });
  }

  /** After a failover: tell the switches where the team (or its VMs) now live. */
  private announce(via: Nic): void {
    const { announce, gratuitousArpCount } = this.profile.failover;
    if (announce === 'none' || gratuitousArpCount === 0) return;
    // Only the VMs behind the team now: announcing a VM that moved away would pull its traffic back here.
    const here = this.client?.connectedVms() ?? [];
    const addresses: { ip: number; mac: number }[] =
      announce === 'team-mac'
        ? this.profile.arpProxy
          ? here.map((vm) => ({ ip: vm.ip, mac: this.mac }))
          : [{ ip: 0, mac: this.mac }]
        : here;
    for (let i = 0; i < gratuitousArpCount; i++) {
      for (const a of addresses) {
        via.transmit({
          dst: BROADCAST_MAC,
          src: a.mac,
          payload: { kind: 'arp', op: ARP_REQUEST, sha: a.mac, spa: a.ip, tha: 0, tpa: a.ip },
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
    if (nic !== this.active) return ctx.drop(`${this.label} (standby ${nic.name})`, this.elementId, 'standby-discard', frame);
    const client = this.client;
    if (!client) return ctx.drop(this.label, this.elementId, 'nic-unbound', frame);
    if (this.profile.arpProxy && frame.dst === this.mac) {
      const p = frame.payload;
      const ip = p.kind === 'arp' ? p.tpa : p.dst;
      const entry = this.vmTable.get(ip);
      if (!entry) return ctx.drop(this.label, this.elementId, 'team-unknown-ip', frame);
      const rewritten: Frame = {
        dst: entry.mac,
        src: frame.src,
        payload: p.kind === 'arp' ? { ...p, tha: entry.mac } : p,
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
    if (!this.enabled) return ctx.drop(this.label, this.elementId, 'team-disabled', frame);
    const nic = this.active;
    if (!nic) return ctx.drop(this.label, this.elementId, 'team-no-active-member', frame);
    if (!this.profile.arpProxy) {
      if (ctx.tracing) this.hop('forwarded', this.memberEdges.get(nic)!, frame);
      return nic.transmit(frame);
    }
    const p = frame.payload;
    const ip = p.kind === 'arp' ? p.spa : p.src;
    if (ip !== 0 && !isGroup(frame.src)) this.learn(ip, frame.src, false);
    const teamMac = this.mac;
    const rewritten: Frame = {
      dst: frame.dst,
      src: teamMac,
      payload: p.kind === 'arp' ? { ...p, sha: teamMac } : p,
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
