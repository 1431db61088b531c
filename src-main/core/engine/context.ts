// What every device shares: the clock, the seeded random numbers, the lab settings, and the logs
// of where traced frames die and what capture points saw.
import type { LabSettings } from '../../../shared/lab.js';
import type { Frame } from '../net/frames.js';
import { Scheduler } from './scheduler.js';
import { SeededRandom } from './random.js';

export type DropReason =
  | 'link-down'
  | 'switch-down'
  | 'no-egress'
  | 'nic-unbound'
  | 'team-disabled'
  | 'team-no-active-member'
  | 'standby-discard'
  | 'team-unknown-ip'
  | 'vswitch-no-port'
  | 'vswitch-no-uplink'
  | 'vm-not-running'
  | 'arp-unresolved';

export interface DropRecord {
  atUs: number;
  /** The device where the frame died, e.g. "HostB/VM-Switch". */
  device: string;
  reason: DropReason;
  frame: Frame;
}

export type CaptureDirection = 'in' | 'out' | 'up' | 'down';

export interface CaptureRecord {
  atUs: number;
  direction: CaptureDirection;
  frame: Frame;
}

export class SimContext {
  readonly scheduler = new Scheduler();
  readonly random: SeededRandom;
  readonly latencyUs: number;
  /** Drops of traced frames (pings), by trace id; off for the fabric benchmark. */
  readonly drops = new Map<number, DropRecord[]>();

  constructor(
    readonly settings: LabSettings,
    seed: number,
    readonly recordDrops = true,
  ) {
    this.random = new SeededRandom(seed);
    this.latencyUs = settings.linkLatencyUs;
  }

  get now(): number {
    return this.scheduler.now;
  }

  drop(device: string, reason: DropReason, frame: Frame): void {
    if (!this.recordDrops || frame.trace < 0) return;
    const list = this.drops.get(frame.trace);
    const record = { atUs: this.scheduler.now, device, reason, frame };
    if (list) list.push(record);
    else this.drops.set(frame.trace, [record]);
  }
}
