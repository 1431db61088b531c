// Ports and the wires (cables, inter-switch links) between them. A wire carries frames only while
// its cable is intact and both ends are operational; both ends hear of every carrier change.
import type { Frame } from '../net/frames.js';
import type { SimContext } from '../engine/context.js';
import type { HopAction } from '../../../shared/trace.js';

export interface PortOwner {
  /** False when the whole device is down (failed switch, failed host). */
  readonly operational: boolean;
  receive(port: Port, frame: Frame): void;
  onCarrier(port: Port, up: boolean): void;
  /** Whether the device runs LACP on this port (a member of an LACP team or LACP port-channel). */
  runsLacp?(port: Port): boolean;
}

export class Port {
  wire: Wire | null = null;
  /** The LACP system (MAC) last heard in an LACPDU on this link; 0 while none (every link-down forgets it). */
  lacpPartner = 0;
  /** The port itself failed (switch port error-disabled, NIC port dead). */
  failed = false;
  /** Spanning tree keeps this redundant inter-switch port from forwarding. */
  blocked = false;
  /** What an arriving frame's hop says: a client takes it in (`delivered`), anything else passes it on. */
  arrival: HopAction = 'received';
  /** The canvas edge an arriving frame takes next inside the device (a NIC's team member edge). */
  arrivalLink: string | null = null;

  constructor(
    readonly owner: PortOwner,
    readonly ctx: SimContext,
    /** How engineers name it: "switch1/port7", "HostA/NIC3", "Client1". */
    readonly label: string,
    /** Canvas element id: "port:switch1/7", "nic:HostA/NIC3", "client:Client1". */
    readonly elementId: string | null = null,
  ) {}

  get operational(): boolean {
    return !this.failed && this.owner.operational;
  }

  get carrier(): boolean {
    return this.wire !== null && this.wire.up;
  }

  peer(): Port | null {
    const w = this.wire;
    if (!w) return null;
    return w.a === this ? w.b : w.a;
  }

  /** Puts the frame on the wire; `action` is what the hop says the device did (a switch forwards or floods). */
  send(frame: Frame, action: HopAction = 'sent'): void {
    const wire = this.wire;
    const ctx = this.ctx;
    if (wire === null || !wire.up) {
      ctx.drop(this.label, this.elementId, 'link-down', frame);
      return;
    }
    if (ctx.tracing) ctx.hop({ atUs: ctx.now, action, device: this.label, element: this.elementId, link: wire.elementId, frame, tap: { at: this, direction: 'out' } });
    const peer = wire.a === this ? wire.b : wire.a;
    ctx.scheduler.after(ctx.latencyUs, () => {
      if (!wire.up) {
        ctx.drop(this.label, this.elementId, 'link-down', frame);
        return;
      }
      if (wire.losesFrom(this)) {
        ctx.drop(this.label, this.elementId, 'one-way-link', frame);
        return;
      }
      if (ctx.tracing)
        ctx.hop({ atUs: ctx.now, action: peer.arrival, device: peer.label, element: peer.elementId, link: peer.arrivalLink, frame, tap: { at: peer, direction: 'in' } });
      peer.owner.receive(peer, frame);
    });
  }
}

export class Wire {
  up = false;
  /** The cable itself is cut or unplugged. */
  failed = false;
  /** A one-way failure: frames sent from this end are lost, while carrier stays up on both ends. */
  lostFrom: 'a' | 'b' | null = null;

  constructor(
    public a: Port,
    public b: Port,
    /** "HostA/NIC3 – switch1/port1". */
    public label: string,
    /** Canvas edge id: cableId(a, b) in the lab's endpoint order. */
    readonly elementId: string | null = null,
  ) {
    a.wire = this;
    b.wire = this;
  }

  /** Whether frames `from` sends are lost on the way (a one-way failure). */
  losesFrom(from: Port): boolean {
    return this.lostFrom !== null && this[this.lostFrom] === from;
  }

  /** Re-patches the end plugged into `from` into `to`: both ends see the link go down, then it comes up at `to`. */
  replug(from: Port, to: Port): void {
    if (this.up) {
      this.up = false;
      this.a.owner.onCarrier(this.a, false);
      this.b.owner.onCarrier(this.b, false);
    }
    from.wire = null;
    if (this.a === from) this.a = to;
    else this.b = to;
    to.wire = this;
    this.label = `${this.a.label} – ${this.b.label}`;
    this.refresh();
  }

  /** Re-derives the carrier after any fault change and tells both ends when it flips. */
  refresh(): void {
    const up = !this.failed && this.a.operational && this.b.operational;
    if (up === this.up) return;
    this.up = up;
    if (!up) this.a.lacpPartner = this.b.lacpPartner = 0;
    this.a.owner.onCarrier(this.a, up);
    this.b.owner.onCarrier(this.b, up);
  }
}
