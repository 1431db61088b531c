// Runs drills: builds the network, pings every VM from a client while the steps happen, and
// turns the pings into timelines, downtime, verdicts and diagnoses.
import type { Lab, Endpoint } from '../../../shared/lab.js';
import { endpointLabel } from '../../../shared/lab.js';
import type { Drill, DrillReport, DrillResult, Snapshot, StepResult, VmResult } from '../../../shared/drill.js';
import { SimContext, type CaptureRecord } from '../engine/context.js';
import { Network } from '../network.js';
import type { Vm } from '../devices/vm.js';
import type { Client } from '../devices/client.js';
import { applyStep, actionSeconds, stepLabel } from './steps.js';
import { diagnose } from './diagnosis.js';
import { clockFormatter } from './clock.js';
import { PingLog } from './pings.js';

/** A place to capture frames: a NIC, a switch port, a client, or a VM's virtual switch port. */
export type CapturePoint = Endpoint | { vm: string };

export interface CaptureRecordSet {
  point: string;
  records: CaptureRecord[];
}

export interface DrillRunOptions {
  seed?: number;
  captures?: CapturePoint[];
  /** False skips the per-step tables (the what-if matrix reads only verdicts and diagnoses). */
  snapshots?: boolean;
}

export interface DrillsOptions {
  drills?: string[];
  seed?: number;
  onProgress?: (p: { drill: string; index: number; total: number }) => void;
}

/** The drill's own list, or every VM running at the start or named by a step. */
export function pingedVms(lab: Lab, drill: Drill): string[] {
  if (drill.vms) return drill.vms;
  const named = new Set(drill.steps.flatMap((s) => ('vm' in s ? [s.vm] : [])));
  return lab.vms.filter((v) => v.initialState === 'running' || named.has(v.name)).map((v) => v.name);
}

export function capturePointLabel(point: CapturePoint): string {
  return 'vm' in point ? `${point.vm} (virtual switch port)` : endpointLabel(point);
}

export function runDrills(lab: Lab, options: DrillsOptions = {}): DrillReport {
  const wanted = options.drills ?? lab.drills.map((d) => d.name);
  const drills = wanted.map((name) => {
    const drill = lab.drills.find((d) => d.name === name);
    if (!drill) throw new Error(`the lab has no drill named "${name}"`);
    return drill;
  });
  const seed = options.seed ?? lab.settings.seed;
  const results = drills.map((drill, index) => {
    options.onProgress?.({ drill: drill.name, index, total: drills.length });
    return runDrill(lab, drill, { seed }).result;
  });
  return {
    format: 'lab-planner/drill-results',
    lab: lab.meta.title,
    seed,
    passed: results.every((r) => r.passed),
    drills: results,
  };
}

export function runDrill(lab: Lab, drill: Drill, options: DrillRunOptions = {}): { result: DrillResult; captures: CaptureRecordSet[] } {
  const seed = options.seed ?? lab.settings.seed;
  const settings = lab.settings;
  const ctx = new SimContext(settings, seed);
  const net = new Network(lab, ctx);
  const captures = (options.captures ?? []).map((point) => attachCapture(net, point));
  const client = (drill.client ? net.clients.get(drill.client) : net.clients.values().next().value) as Client | undefined;
  const targets = pingedVms(lab, drill).map((n) => net.vms.get(n)!);
  const clock = clockFormatter(settings.clockStart);
  const intervalUs = settings.pingIntervalMs * 1000;

  // The drill's schedule: warm-up, then each step for its action's time plus the gap.
  const starts: number[] = [];
  let t = drill.warmupSec * 1e6;
  for (const step of drill.steps) {
    starts.push(t);
    t += actionSeconds(step, settings) * 1e6 + (step.action === 'wait' ? 0 : drill.stepGapSec * 1e6);
  }
  const lastStepUs = starts.length ? starts[starts.length - 1] : drill.warmupSec * 1e6;
  const observeUs = (drill.observeSec ?? drill.expect.reachableWithinSec + 30) * 1e6;
  const endUs = Math.max(t, lastStepUs + observeUs);

  net.start();
  const pings = new PingLog(targets.length);
  if (client) {
    client.onReply = (frame) => pings.reply(frame.trace, ctx.now, settings.pingTimeoutMs * 1000);
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
  }

  const snapshot = options.snapshots === false ? () => emptySnapshot(ctx.now) : () => net.snapshot();
  ctx.scheduler.runUntil(drill.warmupSec * 1e6);
  const baseline = snapshot();
  const steps: StepResult[] = [];
  drill.steps.forEach((step, index) => {
    ctx.scheduler.runUntil(starts[index]);
    const problem = applyStep(net, step);
    const stepEnd = index + 1 < starts.length ? starts[index + 1] : endUs;
    ctx.scheduler.runUntil(stepEnd);
    steps.push({
      index,
      label: stepLabel(step),
      action: step.action,
      atMs: starts[index] / 1000,
      endMs: stepEnd / 1000,
      problem,
      snapshot: snapshot(),
    });
  });
  // Let the last pings' replies come home before judging them.
  ctx.scheduler.runUntil(endUs + settings.pingTimeoutMs * 1000 + 1);

  const windows = starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1] : endUs] as const);
  const vms: VmResult[] = targets.map((vm, i) =>
    vmResult(vm, i, { pings, windows, endUs, lastStepUs, drill, intervalUs, net, client, ctx, clock }),
  );
  const result: DrillResult = {
    name: drill.name,
    description: drill.description,
    client: client?.name ?? '',
    passed: vms.every((v) => v.passed),
    seed,
    durationMs: endUs / 1000,
    clockStart: settings.clockStart,
    expect: drill.expect,
    baseline,
    steps,
    vms,
  };
  return { result, captures };
}

interface VmContext {
  pings: PingLog;
  windows: (readonly [number, number])[];
  endUs: number;
  lastStepUs: number;
  drill: Drill;
  intervalUs: number;
  net: Network;
  client: Client | undefined;
  ctx: SimContext;
  clock: (us: number) => string;
}

function vmResult(vm: Vm, index: number, c: VmContext): VmResult {
  const sent = c.pings.sentOf(index);
  const ok = sent.map((trace) => c.pings.replied(trace));
  const times = sent.map((trace) => c.pings.sentAt(trace));
  // Each ping stands for the time until the next one.
  const segments: { fromMs: number; toMs: number; up: boolean }[] = [];
  for (let k = 0; k < sent.length; k++) {
    const from = times[k];
    const to = k + 1 < sent.length ? times[k + 1] : c.endUs;
    const last = segments[segments.length - 1];
    if (last && last.up === ok[k]) last.toMs = to / 1000;
    else segments.push({ fromMs: from / 1000, toMs: to / 1000, up: ok[k] });
  }
  const down = segments.filter((s) => !s.up);
  const downtimeMs = down.reduce((sum, s) => sum + (s.toMs - s.fromMs), 0);
  const downtimePerStepMs = c.windows.map(([from, to]) =>
    down.reduce((sum, s) => sum + Math.max(0, Math.min(s.toMs, to / 1000) - Math.max(s.fromMs, from / 1000)), 0),
  );
  const reachableAtEnd = ok.length > 0 && ok[ok.length - 1];
  const replies = ok.filter(Boolean).length;

  const expectDown = c.drill.expect.expectDown.includes(vm.name);
  const within = c.drill.expect.reachableWithinSec * 1e6;
  let lostAfterLastStep = -1;
  for (let k = 0; k < sent.length; k++) if (!ok[k] && times[k] >= c.lastStepUs) lostAfterLastStep = k;
  const backAtUs = lostAfterLastStep >= 0 ? times[lostAfterLastStep] + c.intervalUs : c.lastStepUs;
  const lost = sent.length - replies;
  let passed: boolean;
  let verdict: string;
  if (!c.client) {
    passed = false;
    verdict = 'no client to ping from';
  } else if (expectDown) {
    passed = !reachableAtEnd;
    verdict = passed ? 'down at the end, as expected' : 'still reachable at the end, but expected down';
  } else if (!reachableAtEnd) {
    passed = false;
    const since = down.length ? down[down.length - 1].fromMs * 1000 : 0;
    verdict = `unreachable at the end: down since ${c.clock(since)} (${lost} of ${sent.length} pings lost)`;
  } else if (backAtUs - c.lastStepUs > within) {
    passed = false;
    verdict = `reachable again only ${fmtSec(backAtUs - c.lastStepUs)} after the last step (expected within ${fmtSec(within)})`;
  } else {
    passed = true;
    verdict =
      lost === 0
        ? 'reachable throughout'
        : lostAfterLastStep >= 0
          ? `reachable again ${fmtSec(backAtUs - c.lastStepUs)} after the last step (${lost} pings lost)`
          : `reachable at the end (${lost} pings lost along the way)`;
  }
  const max = c.drill.expect.maxDowntimeSec;
  if (passed && !expectDown && max !== undefined && downtimeMs > max * 1000) {
    passed = false;
    verdict = `down ${fmtSec(downtimeMs * 1000)} in all (expected at most ${fmtSec(max * 1e6)})`;
  }

  let diagnosis = null;
  if (!reachableAtEnd && c.client) {
    const lastLost = [...sent].reverse().find((trace) => !c.pings.replied(trace));
    diagnosis = diagnose({
      net: c.net,
      vm,
      client: c.client,
      drops: lastLost === undefined ? [] : (c.ctx.drops.get(lastLost) ?? []),
      clock: c.clock,
    });
  }
  return {
    name: vm.name,
    pingsSent: sent.length,
    replies,
    reachableAtEnd,
    downtimeMs: round(downtimeMs),
    downtimePerStepMs: downtimePerStepMs.map(round),
    timeline: segments.map((s) => ({ fromMs: round(s.fromMs), toMs: round(s.toMs), up: s.up })),
    passed,
    verdict,
    diagnosis,
  };
}

function emptySnapshot(nowUs: number): Snapshot {
  return { atMs: nowUs / 1000, clients: [], switches: [], teams: [], vms: [] };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function fmtSec(us: number): string {
  return `${(us / 1e6).toFixed(1)} s`;
}

function attachCapture(net: Network, point: CapturePoint): CaptureRecordSet {
  const set: CaptureRecordSet = { point: capturePointLabel(point), records: [] };
  const record = (direction: CaptureRecord['direction'], frame: CaptureRecord['frame']) =>
    set.records.push({ atUs: net.ctx.now, direction, frame });
  if ('vm' in point) {
    const vm = net.vms.get(point.vm);
    if (!vm) throw new Error(`the lab has no VM named "${point.vm}"`);
    vm.tap = record;
  } else {
    const port = net.endpointPort(point);
    if (!port) throw new Error(`the lab has no ${endpointLabel(point)} to capture at`);
    port.tap = record;
  }
  return set;
}
