// A Hyper-V VM: powered off, booting, running, or paused (migration blackout, saved state).
// Lifecycle rules (MAC regeneration, announcements) live in the network; this is the adapter side.
import type { Frame } from '../net/frames.js';
import type { SimContext, CaptureDirection } from '../engine/context.js';
import type { VmSpec } from '../../../shared/lab.js';
import { ipToNumber, macToNumber } from '../../../shared/addresses.js';
import { IpStack } from './ip-stack.js';
import type { VirtualSwitch } from './virtual-switch.js';

export type VmState = 'off' | 'booting' | 'running' | 'paused';

export class Vm {
  state: VmState = 'off';
  hostName: string;
  vswitch: VirtualSwitch | null = null;
  mac: number | null = null;
  macMode: 'static' | 'dynamic';
  staticMac: number | null;
  /** The dynamic MAC held in the VM's configuration, kept across restarts on the issuing host. */
  dynamicMac: number | null;
  /** Set when the last power-on failed because the host's pool was exhausted. */
  poolExhaustedOn: string | null = null;
  readonly ip: number;
  readonly stack: IpStack;
  /** Bumped on power-off so that timers of the previous run do nothing. */
  generation = 0;
  /** A capture on the VM's virtual switch port. */
  tap: ((direction: CaptureDirection, frame: Frame) => void) | null = null;

  constructor(
    readonly ctx: SimContext,
    readonly spec: VmSpec,
  ) {
    this.ip = ipToNumber(spec.ip);
    this.hostName = spec.host;
    this.macMode = spec.macMode;
    this.staticMac = spec.staticMac ? macToNumber(spec.staticMac) : null;
    this.dynamicMac = spec.dynamicMac ? macToNumber(spec.dynamicMac) : null;
    this.stack = new IpStack(ctx, `VM ${spec.name}`, this.ip, 0, spec.os === 'linux' ? 'linux' : 'windows', (f) => this.transmit(f));
  }

  get name(): string {
    return this.spec.name;
  }

  receive(frame: Frame): void {
    if (this.tap) this.tap('in', frame);
    if (this.state !== 'running') {
      this.ctx.drop(`VM ${this.name}`, 'vm-not-running', frame);
      return;
    }
    this.stack.receive(frame);
  }

  transmit(frame: Frame): void {
    if (this.state !== 'running' || !this.vswitch) return;
    if (this.tap) this.tap('out', frame);
    this.vswitch.transmitFromVm(this, frame);
  }
}
