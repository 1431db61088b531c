// Ports and the wires (cables, inter-switch links) between them. A wire carries frames only while
// its cable is intact and both ends are operational; both ends hear of every carrier change.
import type { Frame } from '../net/frames.js';
import type { SimContext, CaptureDirection } from '../engine/context.js';

export interface PortOwner {
  /** False when the whole device is down (failed switch, failed host). */
  readonly operational: boolean;
  receive(port: Port, frame: Frame): void;
  onCarrier(port: Port, up: boolean): void;
}

export type Tap = (direction: CaptureDirection, frame: Frame) => void;

export class Port {
  wire: Wire | null = null;
  /** The port itself failed (switch port error-disabled, NIC port dead). */
  failed = false;
  /** Spanning tree keeps this redundant inter-switch port from forwarding. */
  blocked = false;
  tap: Tap | null = null;

  constructor(
    readonly owner: PortOwner,
    readonly ctx: SimContext,
    /** How engineers name it: "switch1/port7", "HostA/NIC3", "Client1". */
    readonly label: string,
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

  send(frame: Frame): void {
    const wire = this.wire;
    if (wire === null || !wire.up) {
      this.ctx.drop(this.label, 'link-down', frame);
      return;
    }
    if (this.tap) this.tap('out', frame);
    const peer = wire.a === this ? wire.b : wire.a;
    this.ctx.scheduler.after(this.ctx.latencyUs, () => {
      if (!wire.up) {
        this.ctx.drop(this.label, 'link-down', frame);
        return;
      }
      if (peer.tap) peer.tap('in', frame);
      peer.owner.receive(peer, frame);
    });
  }
}

export class Wire {
  up = false;
  /** The cable itself is cut or unplugged. */
  failed = false;

  constructor(
    readonly a: Port,
    readonly b: Port,
    /** "HostA/NIC3 – switch1/port1". */
    readonly label: string,
  ) {
    a.wire = this;
    b.wire = this;
  }

  /** Re-derives the carrier after any fault change and tells both ends when it flips. */
  refresh(): void {
    const up = !this.failed && this.a.operational && this.b.operational;
    if (up === this.up) return;
    this.up = up;
    this.a.owner.onCarrier(this.a, up);
    this.b.owner.onCarrier(this.b, up);
  }
}
