// The simulated clock and its event queue: a binary heap ordered by (time, insertion order).
// Time is in integer microseconds; nothing here reads the wall clock.

export type Action = () => void;

export class Scheduler {
  private times: number[] = [];
  private seqs: number[] = [];
  private actions: Action[] = [];
  private nextSeq = 0;
  private clock = 0;
  /** Events executed so far (for the benchmark's figures). */
  executed = 0;

  get now(): number {
    return this.clock;
  }

  get pending(): number {
    return this.times.length;
  }

  /** Runs `action` after `delayUs` simulated microseconds (0 = later at the same instant). */
  after(delayUs: number, action: Action): void {
    this.at(this.clock + delayUs, action);
  }

  at(timeUs: number, action: Action): void {
    const t = Math.max(Math.round(timeUs), this.clock);
    const seq = this.nextSeq++;
    const times = this.times;
    const seqs = this.seqs;
    const actions = this.actions;
    let i = times.length;
    times.push(t);
    seqs.push(seq);
    actions.push(action);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < t || (pt === t && seqs[parent] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent];
      actions[i] = actions[parent];
      i = parent;
    }
    times[i] = t;
    seqs[i] = seq;
    actions[i] = action;
  }

  /** Executes every event due before `endUs` (exclusive), then sets the clock to `endUs`. */
  runUntil(endUs: number): void {
    const times = this.times;
    while (times.length > 0 && times[0] < endUs) {
      this.clock = times[0];
      const action = this.pop();
      this.executed++;
      action();
    }
    if (endUs > this.clock) this.clock = endUs;
  }

  /** Executes every event due at or before `timeUs` (inclusive), then sets the clock to `timeUs`. */
  runThrough(timeUs: number): void {
    const times = this.times;
    while (times.length > 0 && times[0] <= timeUs) {
      this.clock = times[0];
      const action = this.pop();
      this.executed++;
      action();
    }
    if (timeUs > this.clock) this.clock = timeUs;
  }

  private pop(): Action {
    const times = this.times;
    const seqs = this.seqs;
    const actions = this.actions;
    const top = actions[0];
    const lastT = times.pop()!;
    const lastS = seqs.pop()!;
    const lastA = actions.pop()!;
    const n = times.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && (times[r] < times[l] || (times[r] === times[l] && seqs[r] < seqs[l]))) c = r;
      if (times[c] > lastT || (times[c] === lastT && seqs[c] > lastS)) break;
      times[i] = times[c];
      seqs[i] = seqs[c];
      actions[i] = actions[c];
      i = c;
    }
    times[i] = lastT;
    seqs[i] = lastS;
    actions[i] = lastA;
    return top;
  }
}

export const US_PER_MS = 1000;
export const US_PER_SEC = 1_000_000;
