// The animation of the event list: each hop a place for the frame marker, its colour carried along the
// frame's journey (changed where a team rewrites it, red where it dies), and the pacing at each speed.
import type { TraceEvent } from '../../shared/trace.js';

export type HopTone = 'frame' | 'rewritten' | 'dropped' | 'delivered';

export interface Hop {
  seq: number;
  atMs: number;
  frameId: number;
  /** Where the marker stands after this hop (a canvas node id). */
  at: string;
  /** Where it comes from: the previous hop's place when the same frame moves on, null when a new frame appears. */
  from: string | null;
  /** The edge it travels on, when the event names one. */
  via: string | null;
  tone: HopTone;
  /** For a drop: why, in the engineer's words. */
  reason: string | null;
  device: string;
}

/** The hops the marker makes for these events, in their order; events with no place on the canvas are skipped. */
export function hopSequence(events: readonly TraceEvent[]): Hop[] {
  const placeOf = new Map<number, string>();
  const rewritten = new Set<number>();
  const out: Hop[] = [];
  for (const e of events) {
    if (!e.element) continue;
    if (e.action === 'rewritten') rewritten.add(e.frameId);
    const tone: HopTone = e.action === 'dropped' ? 'dropped' : e.action === 'delivered' ? 'delivered' : rewritten.has(e.frameId) ? 'rewritten' : 'frame';
    const from = placeOf.get(e.frameId) ?? null;
    out.push({ seq: e.seq, atMs: e.atMs, frameId: e.frameId, at: e.element, from: from === e.element ? null : from, via: e.link, tone, reason: e.action === 'dropped' ? (e.reasonText ?? e.reason ?? null) : null, device: e.device });
    placeOf.set(e.frameId, e.element);
  }
  return out;
}

/** The two pacings the speed multiplies: a fixed time per hop, or the drill's own clock. */
export type PlayScale = 'hop' | 'drill';
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 4, 10] as const;
export const HOP_MS = 600;
/** The shortest pause between hops, so hops of one moment still read one after the other. */
export const MIN_HOP_MS = 40;

/** Wall-clock ms the animation waits before moving from hop `a` to hop `b`. */
export function hopDelayMs(a: Hop, b: Hop, scale: PlayScale, speed: number): number {
  const base = scale === 'hop' ? HOP_MS : Math.max(0, b.atMs - a.atMs);
  return Math.max(MIN_HOP_MS, base / speed);
}

export function faster(speed: number): number {
  return SPEEDS.find((s) => s > speed) ?? SPEEDS[SPEEDS.length - 1];
}

export function slower(speed: number): number {
  return [...SPEEDS].reverse().find((s) => s < speed) ?? SPEEDS[0];
}
