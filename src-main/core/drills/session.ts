// One drill in progress: the network, the client's pings and the steps on the drill's schedule,
// advanced to any moment. The runner judges a session run to its end; the trace and stateAt stop
// it wherever the window or the moment asks.
import type { Lab } from '../../../shared/lab.js';
import type { Drill, Snapshot, StepResult } from '../../../shared/drill.js';
import type { StateChange } from '../../../shared/trace.js';
import { SimContext } from '../engine/context.js';
import { Network } from '../network.js';
import type { Vm } from '../devices/vm.js';
import type { Client } from '../devices/client.js';
import { applyStep, actionSeconds, stepLabel } from './steps.js';
import { PingLog } from './pings.js';
import { NO_TRACE } from '../net/frames.js';

export interface SessionOptions {
  seed?: number;
  /** False skips the per-step tables (the what-if matrix reads only verdicts and diagnoses). */
  snapshots?: boolean;
  /** False leaves the drill's state changes unrecorded (the what-if matrix). */
  changes?: boolean;
}

/** Where the drill's steps fall on its clock (µs), and when it ends. */
export interface DrillSchedule {
  starts: number[];
  lastStepUs: number;
  endUs: number;
}

export function drillSchedule(lab: Lab, drill: Drill): DrillSchedule {
  const starts: number[] = [];
  let t = drill.warmupSec * 1e6;
  for (const step of drill.steps) {
    starts.push(t);
    t += actionSeconds(step, lab.settings) * 1e6 + (step.action === 'wait' ? 0 : drill.stepGapSec * 1e6);
  }
  const lastStepUs = starts.length ? starts[starts.length - 1] : drill.warmupSec * 1e6;
  const observeUs = (drill.observeSec ?? drill.expect.reachableWithinSec + 30) * 1e6;
  return { starts, lastStepUs, endUs: Math.max(t, lastStepUs + observeUs) };
}

/** The drill's own list, or every VM running at the start or named by a step. */
export function pingedVms(lab: Lab, drill: Drill): string[] {
  if (drill.vms) return drill.vms;
  const named = new Set(drill.steps.flatMap((s) => ('vm' in s ? [s.vm] : [])));
  return lab.vms.filter((v) => v.initialState === 'running' || named.has(v.name)).map((v) => v.name);
}

interface Milestone {
  atUs: number;
  run: () => void;
}

export class DrillSession {
  readonly seed: number;
  readonly ctx: SimContext;
  readonly net: Network;
  readonly client: Client | undefined;
  readonly targets: Vm[];
  readonly pings: PingLog;
  readonly schedule: DrillSchedule;
  /** When the last pings' replies are home: the run goes this far. */
  readonly runEndUs: number;
  readonly intervalUs: number;
  readonly changes: StateChange[] = [];
  readonly steps: StepResult[] = [];
  baseline: Snapshot | null = null;
  private readonly milestones: Milestone[] = [];
  private nextMilestone = 0;

  constructor(
    readonly lab: Lab,
    readonly drill: Drill,
    options: SessionOptions = {},
  ) {
    this.seed = options.seed ?? lab.settings.seed;
    const settings = lab.settings;
    this.ctx = new SimContext(settings, this.seed);
    if (options.changes !== false) this.ctx.recordChanges((c) => this.changes.push(c));
    this.net = new Network(lab, this.ctx);
    this.client = (drill.client ? this.net.clients.get(drill.client) : this.net.clients.values().next().value) as Client | undefined;
    this.targets = pingedVms(lab, drill).map((n) => this.net.vms.get(n)!);
    this.intervalUs = settings.pingIntervalMs * 1000;
    this.schedule = drillSchedule(lab, drill);
    const { starts, endUs } = this.schedule;
    this.runEndUs = endUs + settings.pingTimeoutMs * 1000 + 1;
    this.pings = new PingLog(this.targets.length);

    this.net.start();
    this.schedulePings();

    const snapshot = options.snapshots === false ? () => emptySnapshot(this.ctx.now) : () => this.net.snapshot();
    this.milestones.push({ atUs: drill.warmupSec * 1e6, run: () => (this.baseline = snapshot()) });
    const problems: (string | null)[] = [];
    drill.steps.forEach((step, index) => {
      const stepEnd = index + 1 < starts.length ? starts[index + 1] : endUs;
      this.milestones.push({ atUs: starts[index], run: () => (problems[index] = applyStep(this.net, step)) });
      this.milestones.push({
        atUs: stepEnd,
        run: () =>
          this.steps.push({
            index,
            label: stepLabel(step),
            action: step.action,
            atMs: starts[index] / 1000,
            endMs: stepEnd / 1000,
            problem: problems[index],
            snapshot: snapshot(),
          }),
      });
    });
    // In time order already; a step's table is taken at the next step's start, before that step is carried out.
  }

  private schedulePings(): void {
    const { client, targets, ctx, pings, intervalUs } = this;
    if (!client) return;
    const endUs = this.schedule.endUs;
    const timeoutUs = this.lab.settings.pingTimeoutMs * 1000;
    client.onReply = (frame) => pings.reply(frame.trace, ctx.now, timeoutUs);
    targets.forEach((vm, i) => {
      const offset = Math.floor((i * intervalUs) / Math.max(targets.length, 1));
      let seq = 0;
      const send = () => {
        const trace = pings.send(i, ctx.now);
        client.ping(vm.ip, i + 1, seq++, trace);
        if (ctx.now + intervalUs < endUs) ctx.scheduler.after(intervalUs, send);
      };
      ctx.scheduler.at(offset, send);
    });
    if (this.lab.settings.everyClientPings) this.scheduleOtherPings(client);
  }

  /** The other clients ping every target too, half an interval after the drill's client; nobody judges them. */
  private scheduleOtherPings(judged: Client): void {
    const { targets, ctx, intervalUs } = this;
    const endUs = this.schedule.endUs;
    [...this.net.clients.values()]
      .filter((c) => c !== judged)
      .forEach((other) =>
        targets.forEach((vm, i) => {
          let seq = 0;
          const send = () => {
            other.ping(vm.ip, i + 1, seq++, NO_TRACE);
            if (ctx.now + intervalUs < endUs) ctx.scheduler.after(intervalUs, send);
          };
          ctx.scheduler.at(Math.floor((i * intervalUs) / Math.max(targets.length, 1) + intervalUs / 2), send);
        }),
      );
  }

  get nowUs(): number {
    return this.ctx.now;
  }

  /**
   * Runs the drill to `us`: every event before it (and at it, when `inclusive`), with the steps
   * carried out and the step tables taken on the drill's schedule.
   */
  advanceTo(us: number, inclusive = false): void {
    const scheduler = this.ctx.scheduler;
    for (;;) {
      const m = this.milestones[this.nextMilestone];
      if (!m || m.atUs > us || (m.atUs === us && !inclusive)) break;
      scheduler.runUntil(m.atUs);
      this.nextMilestone++;
      m.run();
    }
    if (inclusive) scheduler.runThrough(us);
    else scheduler.runUntil(us);
  }

  /** Runs the drill to its end, until the last pings' replies are home. */
  finish(): void {
    this.advanceTo(this.runEndUs);
  }
}

function emptySnapshot(nowUs: number): Snapshot {
  return { atMs: nowUs / 1000, clients: [], switches: [], teams: [], vms: [] };
}
