// What every device shares: the clock, the seeded random numbers, the lab settings, and the one
// stream of frame hops (sent, received, forwarded, flooded, rewritten, delivered, dropped) that the
// drop log, the capture taps and the trace read, plus the log of state changes.
import type { LabSettings } from '../../../shared/lab.js';
import type { DropReason, HopAction, StateChange } from '../../../shared/trace.js';
import type { Frame } from '../net/frames.js';
import { Scheduler } from './scheduler.js';
import { SeededRandom } from './random.js';

export type { DropReason } from '../../../shared/trace.js';

export type CaptureDirection = 'in' | 'out' | 'up' | 'down';

/** One hop of one frame at one device. */
export interface Hop {
  atUs: number;
  action: HopAction;
  /** The device as the diagnosis names it: "switch1/port2", "team VM-Team on HostB", "HostB/VM-Switch". */
  device: string;
  /** Canvas element id of the device (shared/checks.ts), null when it has none. */
  element: string | null;
  /** The canvas edge the frame takes to the next device, null when it stops here. */
  link: string | null;
  frame: Frame;
  reason?: DropReason;
  /** For `rewritten`: the frame as it arrived (`frame` is the frame as it left). */
  before?: Frame;
  rewrite?: { field: string; from: number; to: number; learntUs?: number };
  /** The capture point that sees this hop (a port or a VM's virtual switch port) and in which direction. */
  tap?: { at: object; direction: CaptureDirection };
}

export type DropRecord = Hop & { reason: DropReason };

export interface CaptureRecord {
  atUs: number;
  direction: CaptureDirection;
  frame: Frame;
}

export type HopListener = (hop: Hop) => void;
export type ChangeListener = (change: StateChange) => void;

export class SimContext {
  readonly scheduler = new Scheduler();
  readonly random: SeededRandom;
  readonly latencyUs: number;
  /** Drops of traced frames (pings), by trace id, read from the hop stream; off for the fabric benchmark. */
  readonly drops = new Map<number, DropRecord[]>();
  /**
   * True while some listener reads every hop (a capture, a trace window). Devices build hop records
   * only then, so drills, the matrix and the fabric benchmark pay one boolean test per hop.
   */
  tracing = false;
  private readonly hopListeners: HopListener[] = [];
  private readonly dropListeners: HopListener[] = [];
  private changeListener: ChangeListener | null = null;
  private lastFrameId = 0;

  constructor(
    readonly settings: LabSettings,
    seed: number,
    readonly recordDrops = true,
  ) {
    this.random = new SeededRandom(seed);
    this.latencyUs = settings.linkLatencyUs;
    if (recordDrops) this.listenToDrops((hop) => this.logDrop(hop as DropRecord));
  }

  get now(): number {
    return this.scheduler.now;
  }

  /** A fresh id for a new frame; copies a device makes of a frame keep the original's. */
  newFrameId(): number {
    return ++this.lastFrameId;
  }

  /** Reads every hop from now on; returns the way to stop. */
  listen(listener: HopListener): () => void {
    this.hopListeners.push(listener);
    this.tracing = true;
    return () => {
      const i = this.hopListeners.indexOf(listener);
      if (i >= 0) this.hopListeners.splice(i, 1);
      this.tracing = this.hopListeners.length > 0;
    };
  }

  /** Reads only the drops. */
  listenToDrops(listener: HopListener): void {
    this.dropListeners.push(listener);
  }

  /** Devices call this only when `tracing` is true. */
  hop(hop: Hop): void {
    for (const l of this.hopListeners) l(hop);
  }

  drop(device: string, element: string | null, reason: DropReason, frame: Frame, tap?: Hop['tap']): void {
    if (!this.tracing && this.dropListeners.length === 0) return;
    const hop: DropRecord = { atUs: this.scheduler.now, action: 'dropped', device, element, link: null, frame, reason, ...(tap ? { tap } : {}) };
    for (const l of this.dropListeners) l(hop);
    for (const l of this.hopListeners) l(hop);
  }

  private logDrop(record: DropRecord): void {
    if (record.frame.trace < 0) return;
    const list = this.drops.get(record.frame.trace);
    if (list) list.push(record);
    else this.drops.set(record.frame.trace, [record]);
  }

  /** Where state changes go (the drill's `changes`); none by default (the matrix, the fabric benchmark). */
  recordChanges(listener: ChangeListener): void {
    this.changeListener = listener;
  }

  get recordingChanges(): boolean {
    return this.changeListener !== null;
  }

  change(change: StateChange): void {
    this.changeListener?.(change);
  }
}
