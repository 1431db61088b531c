// A learning Ethernet switch: learns source MACs per port and VLAN, ages them, floods unknown unicast
// and broadcast within the VLAN, and flushes a port's entries when its link goes down.
import { isGroup, type Frame } from '../net/frames.js';
import type { SimContext } from '../engine/context.js';
import { Port, type PortOwner } from './port.js';
import { portId, switchId } from '../../../shared/checks.js';
import type { MacFlapDetection, PhysicalSwitchSpec } from '../../../shared/lab.js';
import { portSettingsOf, type PortSettingsOf, type PortVlans } from './vlans.js';
import { PortSecurityState, ciscoMac } from './port-security.js';
import { LACP_SLOW_PERIODIC_US, addressKey, lacpPartnered, pick, receiveLacpdu, sendLacpdu, type LacpActor } from './aggregation.js';

/** A port-channel: member ports the switch treats as one logical port, transmit hashed over the bundled ones. */
export class PortChannel {
  constructor(
    /** 1-based, as IOS numbers them (Port-channel1). */
    readonly number: number,
    readonly members: SwitchPort[],
    readonly mode: 'static' | 'lacp',
    readonly hash: 'src-dst-mac' | 'src-dst-ip',
  ) {}

  /** The flood that last left by this channel (the switch floods each channel once). */
  floodedAt = 0;

  /** The port that stands for the channel in the MAC table. */
  get logical(): SwitchPort {
    return this.members[0];
  }

  /** Whether a member carries traffic: link up and, under LACP, the far side answering LACPDUs. */
  bundles(port: SwitchPort): boolean {
    return port.carrier && (this.mode === 'static' || lacpPartnered(port));
  }

  /** The members in the bundle now. */
  bundled(): SwitchPort[] {
    return this.members.filter((m) => this.bundles(m));
  }

  /** The member a frame leaves by, by the channel's load-balance hash; null when none is bundled. */
  memberFor(frame: Frame): SwitchPort | null {
    return pick(this.members, this.bundled(), addressKey(frame, this.hash));
  }
}

/** A port of a physical switch: a port with VLAN membership and, if set, port security. */
export class SwitchPort extends Port {
  readonly security: PortSecurityState | null;
  readonly vlans: PortVlans;
  /** Why the port is err-disabled ("psecure-violation: …", "mac-flap: …"); null while it is not. */
  errDisabled: string | null = null;
  readonly portfast: boolean;
  /** 802.1D: the port listens and learns until then after its link comes up (0 = forwarding). */
  forwardingFromUs = 0;
  /** The port-channel the port is a member of; null for an individual port. */
  channel: PortChannel | null = null;

  constructor(owner: PortOwner, ctx: SimContext, label: string, elementId: string, settings: PortSettingsOf) {
    super(owner, ctx, label, elementId);
    this.vlans = settings.vlans;
    this.portfast = settings.portfast === true;
    this.security = settings.security ? new PortSecurityState(settings.security) : null;
  }
}

/** One line of the switch's log, as IOS writes it. */
export interface SwitchLogLine {
  atUs: number;
  line: string;
}

interface MacEntry {
  port: Port;
  learntUs: number;
  /** Moves to another port inside the current flap-detection window, and when that window began. */
  moves?: number;
  movesSinceUs?: number;
}

export class PhysicalSwitch implements PortOwner {
  readonly ports: SwitchPort[] = [];
  /** Ports with a cable, the only ones a flood can leave by. */
  readonly cabledPorts: SwitchPort[] = [];
  /** One MAC table per VLAN. */
  readonly tables = new Map<number, Map<number, MacEntry>>();
  /** Which port holds each secure MAC. */
  private readonly securedAt = new Map<number, SwitchPort>();
  readonly log: SwitchLogLine[] = [];
  failed = false;
  private readonly ageingUs: number;
  readonly elementId: string;
  readonly name: string;
  private readonly macFlap: MacFlapDetection;
  /** 802.1D listening + learning (2 × forward delay); 0 under rapid spanning tree. */
  readonly listenLearnUs: number;
  /** Counts floods, so that each port-channel is flooded to once per frame. */
  private floods = 0;
  /** The lab starts converged: only links that come up after the start listen and learn. */
  converged = false;

  constructor(
    readonly ctx: SimContext,
    spec: Pick<PhysicalSwitchSpec, 'name' | 'ports' | 'macAgeingSec' | 'portSettings' | 'macFlap' | 'stp' | 'forwardDelaySec' | 'portChannels'>,
  ) {
    this.listenLearnUs = spec.stp === '802.1d' ? 2 * (spec.forwardDelaySec ?? 15) * 1_000_000 : 0;
    this.macFlap = spec.macFlap ?? { moves: 3, withinSec: 10, action: 'log' };
    this.name = spec.name;
    this.ageingUs = spec.macAgeingSec * 1_000_000;
    this.elementId = switchId(spec.name);
    const settingsOf = portSettingsOf(spec);
    for (let i = 1; i <= spec.ports; i++) this.ports.push(new SwitchPort(this, ctx, `${spec.name}/port${i}`, portId(spec.name, i), settingsOf(i)));
    (spec.portChannels ?? []).forEach((pc, i) => {
      const channel = new PortChannel(i + 1, pc.ports.map((n) => this.port(n)), pc.mode, pc.hash);
      for (const m of channel.members) m.channel = channel;
    });
  }

  runsLacp(port: Port): boolean {
    return (port as SwitchPort).channel?.mode === 'lacp';
  }

  /** The switch's LACP system MAC (from its name, in Cisco's OUI 00-00-0C), port-channel number as key. */
  private lacpActor(port: SwitchPort): LacpActor {
    let h = 0x811c9dc5;
    for (const c of this.name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
    return { system: 0x00000c000000 + ((h >>> 0) & 0xffffff), key: port.channel!.number, port: this.portNumber(port) };
  }

  /** The lab starts: every LACP channel member with link sends an LACPDU now and every 30 s (slow rate). */
  start(): void {
    const lacpPorts = this.cabledPorts.filter((p) => this.runsLacp(p));
    if (lacpPorts.length === 0) return;
    const periodic = () => {
      if (!this.failed) for (const p of lacpPorts) if (p.carrier) sendLacpdu(this.ctx, p, this.lacpActor(p));
      this.ctx.scheduler.after(LACP_SLOW_PERIODIC_US, periodic);
    };
    periodic();
  }

  /** The port a frame arriving on `port` is learnt on: the channel's logical port, or the port itself. */
  private logicalOf(port: SwitchPort): SwitchPort {
    return port.channel ? port.channel.logical : port;
  }

  private tableOf(vlan: number): Map<number, MacEntry> {
    let table = this.tables.get(vlan);
    if (!table) this.tables.set(vlan, (table = new Map()));
    return table;
  }

  get operational(): boolean {
    return !this.failed;
  }

  port(number: number): SwitchPort {
    return this.ports[number - 1];
  }

  portNumber(port: Port): number {
    return this.ports.indexOf(port as SwitchPort) + 1;
  }

  receive(port: Port, frame: Frame): void {
    if (this.failed) {
      this.ctx.drop(this.name, this.elementId, 'switch-down', frame);
      return;
    }
    if (frame.payload.kind === 'lacp') {
      // Slow protocols frames end at the port: an LACP member takes its partner from them, any other port discards them.
      if (!this.runsLacp(port)) return this.ctx.drop(port.label, port.elementId, 'lacp-not-running', frame);
      receiveLacpdu(this.ctx, port, frame.payload, this.lacpActor(port as SwitchPort));
      return;
    }
    if (port.blocked) return;
    const channel = (port as SwitchPort).channel;
    if (channel && !channel.bundles(port as SwitchPort)) return this.ctx.drop(port.label, port.elementId, 'port-channel-suspended', frame);
    if ((port as SwitchPort).forwardingFromUs > this.ctx.now) return this.ctx.drop(port.label, port.elementId, 'stp-not-forwarding', frame);
    const vlan = (port as SwitchPort).vlans.ingress(frame.vlan);
    if (vlan === null) return this.ctx.drop(port.label, port.elementId, 'vlan-not-allowed', frame);
    const sp = port as SwitchPort;
    if (sp.security !== null && !isGroup(frame.src) && !this.admit(sp, frame, vlan)) return;
    const table = this.tableOf(vlan);
    const now = this.ctx.now;
    const logical = this.logicalOf(sp);
    if (!isGroup(frame.src)) {
      const known = table.get(frame.src);
      if (known) {
        if (known.port !== logical && this.flapped(known, logical, frame, vlan)) return;
        known.port = logical;
        known.learntUs = now;
      } else table.set(frame.src, { port: logical, learntUs: now });
    }
    if (!isGroup(frame.dst)) {
      const entry = table.get(frame.dst);
      if (entry && now - entry.learntUs < this.ageingUs) {
        if (entry.port !== logical) this.forward(entry.port as SwitchPort, vlan, frame);
        return;
      }
      if (entry) table.delete(frame.dst);
    }
    this.flood(logical, vlan, frame);
  }

  /** Port security: whether the frame's source MAC may enter; handles a violation as the port says. */
  private admit(port: SwitchPort, frame: Frame, vlan: number): boolean {
    const security = port.security!;
    const mac = frame.src;
    const owner = this.securedAt.get(mac);
    if (owner === port) return true;
    if (owner === undefined && security.secure.size < security.settings.maxMacs) {
      security.secure.add(mac);
      this.securedAt.set(mac, port);
      return true;
    }
    security.violations++;
    const mode = security.settings.violation;
    if (mode !== 'protect')
      this.writeLog(`%PORT_SECURITY-2-PSECURE_VIOLATION: Security violation occurred, caused by MAC address ${ciscoMac(mac)} on port ${port.label}${owner ? ` (secure on ${owner.label})` : ''} in VLAN ${vlan}.`);
    this.ctx.drop(port.label, port.elementId, 'port-security-violation', frame);
    if (mode === 'shutdown')
      this.errDisable(
        port,
        'psecure-violation',
        `psecure-violation: MAC address ${ciscoMac(mac)}${owner ? ` is secure on ${owner.label}` : ` is over the limit of ${security.settings.maxMacs}`}`,
        security.settings.recoverySec,
      );
    return false;
  }

  /**
   * MAC-flap detection: a MAC learnt on another port counts a move; enough moves inside the window
   * are logged, and err-disable the port it arrived on when the switch is set so (then it stays out).
   */
  private flapped(entry: MacEntry, port: SwitchPort, frame: Frame, vlan: number): boolean {
    const mac = frame.src;
    const flap = this.macFlap;
    const now = this.ctx.now;
    if (entry.movesSinceUs === undefined || now - entry.movesSinceUs > flap.withinSec * 1_000_000) {
      entry.moves = 0;
      entry.movesSinceUs = now;
    }
    entry.moves = (entry.moves ?? 0) + 1;
    if (entry.moves < flap.moves) return false;
    entry.moves = 0;
    entry.movesSinceUs = now;
    this.writeLog(`%SW_MATM-4-MACFLAP_NOTIF: Host ${ciscoMac(mac)} in vlan ${vlan} is flapping between port ${entry.port.label} and port ${port.label}`);
    if (flap.action !== 'err-disable') return false;
    this.ctx.drop(port.label, port.elementId, 'mac-flap', frame);
    this.errDisable(port, 'mac-flap', `mac-flap: MAC address ${ciscoMac(mac)} moved ${flap.moves} times within ${flap.withinSec} s`, flap.recoverySec);
    return true;
  }

  private errDisable(port: SwitchPort, cause: 'psecure-violation' | 'mac-flap', why: string, recoverySec: number | undefined): void {
    if (port.errDisabled !== null) return;
    port.errDisabled = why;
    this.writeLog(`%PM-4-ERR_DISABLE: ${cause} error detected on ${port.label}, putting ${port.label} in err-disable state`);
    port.failed = true;
    this.ctx.change({ kind: 'fault', atMs: this.ctx.now / 1000, element: port.elementId!, label: `${port.label} (err-disabled)`, failed: true });
    port.wire?.refresh();
    if (recoverySec === undefined) return;
    this.ctx.scheduler.after(recoverySec * 1_000_000, () => {
      if (port.errDisabled === null) return;
      this.writeLog(`%PM-4-ERR_RECOVER: Attempting to recover from ${cause} err-disable state on ${port.label}`);
      this.clearErrDisable(port);
      port.wire?.refresh();
    });
  }

  /** The port comes back from err-disable (recovery interval, or an engineer's shut / no shut). */
  clearErrDisable(port: SwitchPort): void {
    if (port.errDisabled === null) return;
    port.errDisabled = null;
    port.failed = false;
    this.ctx.change({ kind: 'fault', atMs: this.ctx.now / 1000, element: port.elementId!, label: `${port.label} (err-disabled)`, failed: false });
  }

  private writeLog(line: string): void {
    this.log.push({ atUs: this.ctx.now, line });
  }

  /** Sends a frame of `vlan` out of `port` with the tag that port gives it. */
  private sendOut(port: SwitchPort, vlan: number, frame: Frame, action: 'forwarded' | 'flooded'): void {
    if (port.forwardingFromUs > this.ctx.now) return this.ctx.drop(port.label, port.elementId, 'stp-not-forwarding', frame);
    const tag = port.vlans.egressTag(vlan);
    port.send(tag === frame.vlan ? frame : { ...frame, vlan: tag }, action);
  }

  /** Forwards out of a learnt (logical) port: a port-channel hashes the frame to one of its bundled members. */
  private forward(port: SwitchPort, vlan: number, frame: Frame): void {
    const out = port.channel ? port.channel.memberFor(frame) : port;
    if (out === null) return this.ctx.drop(port.label, port.elementId, 'link-down', frame);
    this.sendOut(out, vlan, frame, 'forwarded');
  }

  /** Floods within the VLAN: once out of every individual port and once out of each port-channel but the ingress one. */
  private flood(ingress: SwitchPort, vlan: number, frame: Frame): void {
    let sent = 0;
    const stamp = ++this.floods;
    for (const p of this.cabledPorts) {
      const channel = p.channel;
      if (channel !== null) {
        if (channel.floodedAt === stamp || channel === ingress.channel) continue;
        channel.floodedAt = stamp;
      }
      const out = channel ? channel.memberFor(frame) : p;
      if (out !== null && p !== ingress && out.carrier && !out.blocked && out.vlans.carries(vlan) && out.forwardingFromUs <= this.ctx.now) {
        this.sendOut(out, vlan, frame, 'flooded');
        sent++;
      }
    }
    if (sent === 0) this.ctx.drop(this.name, this.elementId, 'no-egress', frame);
  }

  onCarrier(port: Port, up: boolean): void {
    const sp = port as SwitchPort;
    if (up && this.runsLacp(sp)) sendLacpdu(this.ctx, sp, this.lacpActor(sp));
    if (up) return this.listenAndLearn(sp);
    sp.forwardingFromUs = 0;
    sp.security?.linkDown((mac) => this.securedAt.delete(mac));
    // A port-channel stays up while one member is bundled: its entries stay on the logical port.
    if (sp.channel && sp.channel.bundled().length > 0) return;
    const gone = this.logicalOf(sp);
    for (const table of this.tables.values()) for (const [mac, entry] of table) if (entry.port === gone) table.delete(mac);
  }

  /** 802.1D: a port that starts forwarding (its link comes up, or a blocked link takes over) listens and learns first. */
  listenAndLearn(sp: SwitchPort): void {
    if (!this.converged || this.listenLearnUs === 0 || sp.portfast) return;
    const from = (sp.forwardingFromUs = this.ctx.now + this.listenLearnUs);
    // Going to forwarding is a topology change: entries learnt meanwhile via other ports are dropped.
    this.ctx.scheduler.at(from, () => {
      if (sp.forwardingFromUs === from) this.tables.clear();
    });
  }

  fail(): void {
    this.failed = true;
    this.tables.clear();
  }

  /** Live (not aged-out) entries, by VLAN then MAC. */
  entries(): { vlan: number; mac: number; port: number; ageSec: number }[] {
    const now = this.ctx.now;
    const out: { vlan: number; mac: number; port: number; ageSec: number }[] = [];
    for (const [vlan, table] of this.tables)
      for (const [mac, e] of table) {
        const age = now - e.learntUs;
        if (age < this.ageingUs) out.push({ vlan, mac, port: this.portNumber(e.port), ageSec: Math.round(age / 1000) / 1000 });
      }
    return out.sort((x, y) => x.vlan - y.vlan || x.mac - y.mac);
  }
}
