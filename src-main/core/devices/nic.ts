// A physical NIC port of a host. It hands received frames to whatever it is bound to: a team, or a
// virtual switch directly (the single-adapter case), or nothing (management NICs in this model).
import type { Frame } from '../net/frames.js';
import type { SimContext } from '../engine/context.js';
import { Port, type PortOwner } from './port.js';
import type { Nic as NicSpec } from '../../../shared/lab.js';
import { macToNumber } from '../../../shared/addresses.js';
import { nicId } from '../../../shared/checks.js';

export interface NicUpper {
  receiveFromNic(nic: Nic, frame: Frame): void;
  onNicCarrier(nic: Nic, up: boolean): void;
  /** Whether the NIC runs LACP (it is a member of an LACP team). */
  runsLacp?(): boolean;
}

export interface HostState {
  readonly name: string;
  readonly up: boolean;
}

export class Nic implements PortOwner {
  readonly port: Port;
  readonly mac: number;
  failed = false;
  upper: NicUpper | null = null;

  constructor(
    readonly ctx: SimContext,
    readonly host: HostState,
    readonly spec: NicSpec,
  ) {
    this.mac = macToNumber(spec.mac);
    this.port = new Port(this, ctx, `${host.name}/${spec.name}`, nicId(host.name, spec.name));
  }

  get name(): string {
    return this.spec.name;
  }

  get label(): string {
    return this.port.label;
  }

  get operational(): boolean {
    return !this.failed && this.host.up;
  }

  receive(_port: Port, frame: Frame): void {
    if (this.upper) this.upper.receiveFromNic(this, frame);
    else this.ctx.drop(this.label, this.port.elementId, 'nic-unbound', frame);
  }

  onCarrier(_port: Port, up: boolean): void {
    this.upper?.onNicCarrier(this, up);
  }

  runsLacp(): boolean {
    return this.upper?.runsLacp?.() === true;
  }

  transmit(frame: Frame): void {
    this.port.send(frame);
  }
}
