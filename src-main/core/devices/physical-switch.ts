// A learning Ethernet switch: learns source MACs per port and VLAN, ages them, floods unknown unicast
// and broadcast within the VLAN, and flushes a port's entries when its link goes down.
import { isGroup, type Frame } from '../net/frames.js';
import type { SimContext } from '../engine/context.js';
import { Port, type PortOwner } from './port.js';
import { portId, switchId } from '../../../shared/checks.js';
import type { MacFlapDetection, PhysicalSwitchSpec } from '../../../shared/lab.js';
import { portSettingsOf, type PortSettingsOf, type PortVlans } from './vlans.js';
import { PortSecurityState, ciscoMac } from './port-security.js';

/** A port of a physical switch: a port with VLAN membership and, if set, port security. */
export class SwitchPort extends Port {
  readonly security: PortSecurityState | null;
  readonly vlans: PortVlans;
  /** Why the port is err-disabled ("psecure-violation: …", "mac-flap: …"); null while it is not. */
  errDisabled: string | null = null;
  readonly portfast: boolean;
  /** 802.1D: the port listens and learns until then after its link comes up (0 = forwarding). */
  forwardingFromUs = 0;

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
  /** The lab starts converged: only links that come up after the start listen and learn. */
  converged = false;

  constructor(
    readonly ctx: SimContext,
    spec: Pick<PhysicalSwitchSpec, 'name' | 'ports' | 'macAgeingSec' | 'portSettings' | 'macFlap' | 'stp' | 'forwardDelaySec'>,
  ) {
    this.listenLearnUs = spec.stp === '802.1d' ? 2 * (spec.forwardDelaySec ?? 15) * 1_000_000 : 0;
    this.macFlap = spec.macFlap ?? { moves: 3, withinSec: 10, action: 'log' };
    this.name = spec.name;
    this.ageingUs = spec.macAgeingSec * 1_000_000;
    this.elementId = switchId(spec.name);
    const settingsOf = portSettingsOf(spec);
    for (let i = 1; i <= spec.ports; i++) this.ports.push(new SwitchPort(this, ctx, `${spec.name}/port${i}`, portId(spec.name, i), settingsOf(i)));
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
    if (port.blocked) return;
    if ((port as SwitchPort).forwardingFromUs > this.ctx.now) return this.ctx.drop(port.label, port.elementId, 'stp-not-forwarding', frame);
    const vlan = (port as SwitchPort).vlans.ingress(frame.vlan);
    if (vlan === null) return this.ctx.drop(port.label, port.elementId, 'vlan-not-allowed', frame);
    const sp = port as SwitchPort;
    if (sp.security !== null && !isGroup(frame.src) && !this.admit(sp, frame, vlan)) return;
    const table = this.tableOf(vlan);
    const now = this.ctx.now;
    if (!isGroup(frame.src)) {
      const known = table.get(frame.src);
      if (known) {
        if (known.port !== port && this.flapped(known, port as SwitchPort, frame, vlan)) return;
        known.port = port;
        known.learntUs = now;
      } else table.set(frame.src, { port, learntUs: now });
    }
    if (!isGroup(frame.dst)) {
      const entry = table.get(frame.dst);
      if (entry && now - entry.learntUs < this.ageingUs) {
        if (entry.port !== port) this.sendOut(entry.port as SwitchPort, vlan, frame, 'forwarded');
        return;
      }
      if (entry) table.delete(frame.dst);
    }
    this.flood(port, vlan, frame);
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

  private flood(ingress: Port, vlan: number, frame: Frame): void {
    let sent = 0;
    for (const p of this.cabledPorts) {
      if (p !== ingress && p.carrier && !p.blocked && p.vlans.carries(vlan) && p.forwardingFromUs <= this.ctx.now) {
        this.sendOut(p, vlan, frame, 'flooded');
        sent++;
      }
    }
    if (sent === 0) this.ctx.drop(this.name, this.elementId, 'no-egress', frame);
  }

  onCarrier(port: Port, up: boolean): void {
    const sp = port as SwitchPort;
    if (up) {
      if (this.converged && this.listenLearnUs > 0 && !sp.portfast) {
        const from = (sp.forwardingFromUs = this.ctx.now + this.listenLearnUs);
        // Going to forwarding is a topology change: entries learnt meanwhile via other ports are dropped.
        this.ctx.scheduler.at(from, () => {
          if (sp.forwardingFromUs === from) this.tables.clear();
        });
      }
      return;
    }
    sp.forwardingFromUs = 0;
    sp.security?.linkDown((mac) => this.securedAt.delete(mac));
    for (const table of this.tables.values()) for (const [mac, entry] of table) if (entry.port === port) table.delete(mac);
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
