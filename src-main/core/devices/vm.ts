// A Hyper-V VM: powered off, booting, running, or paused (migration blackout, saved state).
// Lifecycle rules (MAC regeneration, announcements) live in the network; this is the adapter side.
import type { Frame } from '../net/frames.js';
import type { SimContext } from '../engine/context.js';
import type { VmSpec } from '../../../shared/lab.js';
import { ipToNumber, macToNumber, macToText } from '../../../shared/addresses.js';
import { vmId } from '../../../shared/checks.js';
import { IpStack } from './ip-stack.js';
import type { VirtualSwitch } from './virtual-switch.js';

export type VmState = 'off' | 'booting' | 'running' | 'paused';

export class Vm {
  state: VmState = 'off';
  hostName: string;
  vswitch: VirtualSwitch | null = null;
  mac: number | null = null;
  /** The host a live or quick migration is taking the VM to, while it is under way. */
  migratingTo: string | null = null;
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
  readonly elementId: string;
  /** The canvas edge between the VM and its virtual switch. */
  readonly vnicEdge: string;
  /** What the state log last heard, so that only changes are recorded. */
  private published = '';

  constructor(
    readonly ctx: SimContext,
    readonly spec: VmSpec,
  ) {
    this.ip = ipToNumber(spec.ip);
    this.hostName = spec.host;
    this.macMode = spec.macMode;
    this.staticMac = spec.staticMac ? macToNumber(spec.staticMac) : null;
    this.dynamicMac = spec.dynamicMac ? macToNumber(spec.dynamicMac) : null;
    this.elementId = vmId(spec.name);
    this.vnicEdge = `vnic:${this.elementId}`;
    this.stack = new IpStack(ctx, spec.name, this.elementId, this.ip, 0, spec.os === 'linux' ? 'linux' : 'windows', (f) => this.transmit(f));
  }

  get name(): string {
    return this.spec.name;
  }

  /** Records the VM's host, state, MAC and migration in the drill's state changes, if any changed. */
  publish(): void {
    const ctx = this.ctx;
    if (!ctx.recordingChanges) return;
    const key = `${this.hostName}|${this.state}|${this.mac}|${this.migratingTo}`;
    if (key === this.published) return;
    this.published = key;
    ctx.change({
      kind: 'vm',
      atMs: ctx.now / 1000,
      vm: this.name,
      host: this.hostName,
      state: this.state,
      mac: this.mac === null ? null : macToText(this.mac),
      migratingTo: this.migratingTo,
    });
  }

  receive(frame: Frame): void {
    const ctx = this.ctx;
    if (this.state !== 'running') {
      ctx.drop(this.name, this.elementId, 'vm-not-running', frame, { at: this, direction: 'in' });
      return;
    }
    if (ctx.tracing) ctx.hop({ atUs: ctx.now, action: 'delivered', device: this.name, element: this.elementId, link: null, frame, tap: { at: this, direction: 'in' } });
    this.stack.receive(frame);
  }

  transmit(frame: Frame): void {
    if (this.state !== 'running' || !this.vswitch) return;
    const ctx = this.ctx;
    if (ctx.tracing) ctx.hop({ atUs: ctx.now, action: 'sent', device: this.name, element: this.elementId, link: this.vnicEdge, frame, tap: { at: this, direction: 'out' } });
    this.vswitch.transmitFromVm(this, frame);
  }
}
