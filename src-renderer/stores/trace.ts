// The event list of the shown drill (drills.trace for a VM and a window around the moment), the event
// selected, and the animation that walks the frame marker through the listed hops.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { Trace, TraceEvent } from '../../shared/trace.js';
import { call } from '../api/client.js';
import { useLabStore } from './lab.js';
import { useDrillsStore } from './drills.js';
import { filterEvents, type EventFilter } from '../canvas/traceView.js';
import { faster, hopDelayMs, hopSequence, slower, type Hop, type PlayScale } from '../canvas/animation.js';

/** The default window: this many seconds either side of the moment. */
export const WINDOW_SEC = 5;

export const useTraceStore = defineStore('trace', () => {
  const lab = useLabStore();
  const drills = useDrillsStore();
  const trace = shallowRef<Trace | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const filter = ref<EventFilter>({ vm: null, kind: 'all', dropsOnly: false });
  /** The window asked for, in seconds from the drill's start. */
  const fromSec = ref(0);
  const toSec = ref(0);
  const selectedSeq = ref<number | null>(null);
  let asked = 0;

  const events = computed(() => (trace.value ? filterEvents(trace.value.events, filter.value) : []));
  const selected = computed<TraceEvent | null>(() => events.value.find((e) => e.seq === selectedSeq.value) ?? null);

  /** Centres the window on the moment and asks for the events of the chosen VM in it. */
  async function load(around = true): Promise<void> {
    const docId = lab.status?.docId;
    const source = drills.source;
    if (!docId || !source) return;
    if (around) {
      fromSec.value = Math.max(0, Math.floor(drills.atMs / 1000) - WINDOW_SEC);
      toSec.value = Math.floor(drills.atMs / 1000) + WINDOW_SEC;
    }
    const ticket = ++asked;
    loading.value = true;
    error.value = null;
    try {
      const vms = filter.value.vm ? [filter.value.vm] : undefined;
      const answer = await call('drills.trace', { docId, ...source, filter: { fromMs: fromSec.value * 1000, toMs: Math.max(fromSec.value, toSec.value) * 1000, dropsOnly: false, ...(vms ? { vms } : {}) } });
      // Only the answer to the last question counts (the VM or the window may have changed meanwhile).
      if (ticket === asked) trace.value = answer;
    } catch (e) {
      if (ticket !== asked) return;
      trace.value = null;
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (ticket === asked) loading.value = false;
    }
  }

  /** Selects an event: the clock moves to it, and the animation goes on from there. */
  function select(e: TraceEvent | null): void {
    selectedSeq.value = e?.seq ?? null;
    if (!e) return;
    drills.setMoment(e.atMs);
    const i = hops.value.findIndex((h) => h.seq === e.seq);
    if (i >= 0) index.value = i;
  }

  // A new result is another drill: its old events mean nothing; an open event list asks for the new ones.
  watch(() => drills.result, (result) => {
    pause();
    trace.value = null;
    selectedSeq.value = null;
    index.value = -1;
    if (filter.value.vm !== null && !result?.vms.some((v) => v.name === filter.value.vm)) filter.value.vm = result?.vms.find((v) => !v.passed)?.name ?? null;
    if (result && drills.resultsOpen && drills.resultsView === 'events') void load(true);
  });

  // ---- animation ----
  const hops = computed<Hop[]>(() => hopSequence(events.value));
  const index = ref(-1);
  const hop = computed<Hop | null>(() => hops.value[index.value] ?? null);
  const playing = ref(false);
  const speed = ref(1);
  const scale = ref<PlayScale>('hop');
  /** Pause where a frame dies, so the engineer sees where and why. */
  const stopAtDrops = ref(true);
  let timer: ReturnType<typeof setTimeout> | null = null;

  function goTo(i: number): void {
    if (i < 0 || i >= hops.value.length) return;
    index.value = i;
    const h = hops.value[i];
    selectedSeq.value = h.seq;
    drills.setMoment(h.atMs);
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!playing.value) return;
    const here = hops.value[index.value];
    const next = hops.value[index.value + 1];
    if (!next) return pause();
    timer = setTimeout(() => {
      goTo(index.value + 1);
      if (stopAtDrops.value && hops.value[index.value]?.tone === 'dropped') pause();
      else schedule();
    }, here ? hopDelayMs(here, next, scale.value, speed.value) : 0);
  }

  function play(): void {
    if (!hops.value.length) return;
    // From the selected event, or from the start once at the end.
    const fromSelected = hops.value.findIndex((h) => h.seq === selectedSeq.value);
    if (index.value < 0 || index.value >= hops.value.length - 1) goTo(fromSelected >= 0 && fromSelected < hops.value.length - 1 ? fromSelected : 0);
    playing.value = true;
    schedule();
  }

  function pause(): void {
    playing.value = false;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  const toggle = () => (playing.value ? pause() : play());
  function stepForward(): void {
    pause();
    goTo(index.value + 1);
  }
  function stepBack(): void {
    pause();
    goTo(Math.max(0, index.value - 1));
  }
  function setSpeed(next: number): void {
    speed.value = next;
    if (playing.value) schedule();
  }
  const speedUp = () => setSpeed(faster(speed.value));
  const slowDown = () => setSpeed(slower(speed.value));

  // The list changed under the animation: start again from its beginning.
  watch(hops, () => {
    pause();
    index.value = -1;
  }, { flush: 'sync' });

  return {
    trace, loading, error, filter, fromSec, toSec, events, selected, selectedSeq, load, select,
    hops, index, hop, playing, speed, scale, stopAtDrops, play, pause, toggle, stepForward, stepBack, setSpeed, speedUp, slowDown,
  };
});
