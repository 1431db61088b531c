// A NIC team driven only by its driver profile: ARP proxy with a VM table (learn-once | track),
// or transparent; failover on link loss, failback, optional path monitoring, announcements.
import { ARP_REQUEST, isGroup, NO_TRACE, type Frame } from '../net/frames.js';
import type { SimContext } from '../engine/context.js';
import type { DriverProfile } from '../../../shared/driver.js';
import type { Team as TeamSpec } from '../../../shared/lab.js';
import { BROADCAST_MAC } from '../../../shared/addresses.js';
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
    for (const m of members) m.upper = this;
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
    this.vmTable.clear();
    if (this.profile.arpProxy && this.client) {
      for (const vm of this.client.connectedVms()) this.vmTable.set(vm.ip, { mac: vm.mac, learntUs: this.ctx.now });
    }
    this.probeFailures.clear();
    this.active = this.choose();
    if (this.monitoring) this.scheduleProbe(this.generation);
  }

  disable(): void {
    this.generation++;
    this.enabled = false;
    this.active = null;
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
        });
      }
    }
  }

  // ---- frames from the wire ----------------------------------------------------------------

  receiveFromNic(nic: Nic, frame: Frame): void {
    if (!this.enabled) return this.ctx.drop(this.label, 'team-disabled', frame);
    if (nic !== this.active) return this.ctx.drop(`${this.label} (standby ${nic.name})`, 'standby-discard', frame);
    const client = this.client;
    if (!client) return this.ctx.drop(this.label, 'nic-unbound', frame);
    if (this.profile.arpProxy && frame.dst === this.mac) {
      const p = frame.payload;
      const ip = p.kind === 'arp' ? p.tpa : p.dst;
      const entry = this.vmTable.get(ip);
      if (!entry) return this.ctx.drop(this.label, 'team-unknown-ip', frame);
      const rewritten: Frame = {
        dst: entry.mac,
        src: frame.src,
        payload: p.kind === 'arp' ? { ...p, tha: entry.mac } : p,
        trace: frame.trace,
        rewrite: { by: this.label, ip, mac: entry.mac, learntUs: entry.learntUs },
      };
      if (nic.port.tap) nic.port.tap('up', rewritten);
      client.receiveFromUplink(rewritten);
      return;
    }
    if (nic.port.tap) nic.port.tap('up', frame);
    client.receiveFromUplink(frame);
  }

  // ---- frames from the VMs -----------------------------------------------------------------

  transmit(frame: Frame): void {
    if (!this.enabled) return this.ctx.drop(this.label, 'team-disabled', frame);
    const nic = this.active;
    if (!nic) return this.ctx.drop(this.label, 'team-no-active-member', frame);
    if (!this.profile.arpProxy) return nic.transmit(frame);
    const p = frame.payload;
    const ip = p.kind === 'arp' ? p.spa : p.src;
    if (ip !== 0 && !isGroup(frame.src)) this.learn(ip, frame.src);
    const teamMac = this.mac;
    nic.transmit({
      dst: frame.dst,
      src: teamMac,
      payload: p.kind === 'arp' ? { ...p, sha: teamMac } : p,
      trace: frame.trace,
    });
  }

  private learn(ip: number, mac: number): void {
    if (this.profile.vmTable === 'none') return;
    const entry = this.vmTable.get(ip);
    if (!entry) this.vmTable.set(ip, { mac, learntUs: this.ctx.now });
    else if (this.profile.vmTable === 'track' && entry.mac !== mac) this.vmTable.set(ip, { mac, learntUs: this.ctx.now });
  }
}
