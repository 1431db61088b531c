// Runs drills: a drill session to its end, with the client pinging every VM while the steps
// happen, and the pings turned into timelines, downtime (planned and not), verdicts and diagnoses.
import type { Lab, Endpoint } from '../../../shared/lab.js';
import { endpointLabel } from '../../../shared/lab.js';
import type { Drill, DrillReport, DrillResult, SwitchLogLine, VmResult } from '../../../shared/drill.js';
import type { CaptureRecord, SimContext } from '../engine/context.js';
import type { Network } from '../network.js';
import type { Vm } from '../devices/vm.js';
import type { Client } from '../devices/client.js';
import { diagnose } from './diagnosis.js';
import { clockFormatter } from './clock.js';
import type { PingLog } from './pings.js';
import { DrillSession, pingedVms, type SessionOptions } from './session.js';
import { plannedWindows, windowAt, causeWords, type PlannedWindow } from './planned.js';

export { pingedVms };

/** A place to capture frames: a NIC, a switch port, a client, or a VM's virtual switch port. */
export type CapturePoint = Endpoint | { vm: string };

export interface CaptureRecordSet {
  point: string;
  records: CaptureRecord[];
}

export interface DrillRunOptions extends SessionOptions {
  captures?: CapturePoint[];
}

export interface DrillsOptions {
  drills?: string[];
  seed?: number;
  onProgress?: (p: { drill: string; index: number; total: number }) => void;
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
  const session = new DrillSession(lab, drill, options);
  const captures = (options.captures ?? []).map((point) => attachCapture(session.net, point));
  session.finish();
  return { result: judge(session), captures };
}

/** The result of a session run to its end. */
export function judge(session: DrillSession): DrillResult {
  const { lab, drill, ctx, net, client, pings, schedule, intervalUs } = session;
  const settings = lab.settings;
  const clock = clockFormatter(settings.clockStart);
  const { starts, endUs, lastStepUs } = schedule;
  const windows = starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1] : endUs] as const);
  const vms: VmResult[] = session.targets.map((vm, i) =>
    vmResult(vm, i, { pings, windows, endUs, lastStepUs, drill, intervalUs, net, client, ctx, clock, planned: plannedWindows(lab, drill, schedule, vm.name) }),
  );
  return {
    name: drill.name,
    description: drill.description,
    client: client?.name ?? '',
    passed: vms.every((v) => v.passed),
    seed: session.seed,
    durationMs: endUs / 1000,
    clockStart: settings.clockStart,
    expect: drill.expect,
    baseline: session.baseline!,
    steps: session.steps,
    vms,
    changes: session.changes,
    switchLog: switchLog(net),
  };
}

/** Every switch's log merged by time (a stable sort keeps each switch's own order and the lab's switch order). */
function switchLog(net: Network): SwitchLogLine[] {
  const lines: SwitchLogLine[] = [];
  for (const sw of net.switches.values()) for (const l of sw.log) lines.push({ atMs: round(l.atUs / 1000), switch: sw.name, line: l.line });
  return lines.sort((a, b) => a.atMs - b.atMs);
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
  planned: readonly PlannedWindow[];
}

function vmResult(vm: Vm, index: number, c: VmContext): VmResult {
  const sent = c.pings.sentOf(index);
  const ok = sent.map((trace) => c.pings.replied(trace));
  const times = sent.map((trace) => c.pings.sentAt(trace));
  // A ping sent while the drill itself keeps the VM off stands for planned downtime, not loss.
  const plannedAt = times.map((t) => windowAt(c.planned, t));
  // Each ping stands for the time until the next one.
  const segments: { fromMs: number; toMs: number; up: boolean; planned: boolean }[] = [];
  for (let k = 0; k < sent.length; k++) {
    const from = times[k];
    const to = k + 1 < sent.length ? times[k + 1] : c.endUs;
    const planned = !ok[k] && plannedAt[k] !== undefined;
    const last = segments[segments.length - 1];
    if (last && last.up === ok[k] && last.planned === planned) last.toMs = to / 1000;
    else segments.push({ fromMs: from / 1000, toMs: to / 1000, up: ok[k], planned });
  }
  const length = (s: { fromMs: number; toMs: number }) => s.toMs - s.fromMs;
  const lostSegments = segments.filter((s) => !s.up && !s.planned);
  const downtimeMs = lostSegments.reduce((sum, s) => sum + length(s), 0);
  const plannedDowntimeMs = segments.filter((s) => s.planned).reduce((sum, s) => sum + length(s), 0);
  const downtimePerStepMs = c.windows.map(([from, to]) =>
    lostSegments.reduce((sum, s) => sum + Math.max(0, Math.min(s.toMs, to / 1000) - Math.max(s.fromMs, from / 1000)), 0),
  );
  const reachableAtEnd = ok.length > 0 && ok[ok.length - 1];
  const replies = ok.filter(Boolean).length;
  const lastSegment = segments[segments.length - 1];
  const plannedAtEnd = !reachableAtEnd && lastSegment !== undefined && lastSegment.planned;

  // The last unplanned outage counts from when the VM should have answered again.
  let unreachableSinceUs: number | null = null;
  let afterWindow: PlannedWindow | undefined;
  if (!reachableAtEnd && !plannedAtEnd && lastSegment) {
    const before = segments[segments.length - 2];
    afterWindow = before && before.planned ? windowAt(c.planned, before.fromMs * 1000) : undefined;
    unreachableSinceUs = afterWindow ? afterWindow.untilUs : lastSegment.fromMs * 1000;
  }

  const expectDown = c.drill.expect.expectDown.includes(vm.name);
  const within = c.drill.expect.reachableWithinSec * 1e6;
  // "Reachable within" counts from the last step, or from when that step should have brought the VM back.
  const lastStepWindow = windowAt(c.planned, c.lastStepUs);
  const answerFromUs = lastStepWindow && Number.isFinite(lastStepWindow.untilUs) ? lastStepWindow.untilUs : c.lastStepUs;
  const since = lastStepWindow && answerFromUs !== c.lastStepUs ? `after ${causeWords(lastStepWindow, c.clock)}` : 'after the last step';
  let lostAfterLastStep = -1;
  for (let k = 0; k < sent.length; k++) if (!ok[k] && plannedAt[k] === undefined && times[k] >= c.lastStepUs) lostAfterLastStep = k;
  const backAtUs = lostAfterLastStep >= 0 ? Math.max(times[lostAfterLastStep] + c.intervalUs, answerFromUs) : answerFromUs;
  const plannedLost = ok.filter((answered, k) => !answered && plannedAt[k] !== undefined).length;
  const lost = sent.length - replies - plannedLost;
  const plannedNote = plannedDowntimeMs > 0 ? `; off (planned) ${fmtSec(plannedDowntimeMs * 1000)}` : '';
  let passed: boolean;
  let verdict: string;
  if (!c.client) {
    passed = false;
    verdict = 'no client to ping from';
  } else if (expectDown) {
    passed = !reachableAtEnd;
    verdict = passed ? 'down at the end, as expected' : 'still reachable at the end, but expected down';
  } else if (plannedAtEnd) {
    passed = true;
    const w = windowAt(c.planned, lastSegment.fromMs * 1000)!;
    verdict = `off (planned) at the end since ${w.cause === 'off at the start' ? 'the start' : causeWords(w, c.clock)}` + (lost ? ` (${pings(lost)} lost before that)` : '');
  } else if (!reachableAtEnd) {
    passed = false;
    const should = afterWindow ? `, when it should have answered again after ${causeWords(afterWindow, c.clock)}` : '';
    const notCounting = plannedLost ? `, not counting ${plannedLost} while off (planned)` : '';
    verdict = `unreachable since ${c.clock(unreachableSinceUs!)}${should} (${lost} of ${sent.length} pings lost${notCounting})`;
  } else if (backAtUs - answerFromUs > within) {
    passed = false;
    verdict = `reachable again only ${fmtSec(backAtUs - answerFromUs)} ${since} (expected within ${fmtSec(within)})${plannedNote}`;
  } else {
    passed = true;
    verdict =
      (lost === 0
        ? plannedLost === 0
          ? 'reachable throughout'
          : 'reachable whenever it should have been'
        : lostAfterLastStep >= 0
          ? `reachable again ${fmtSec(backAtUs - answerFromUs)} ${since} (${pings(lost)} lost)`
          : `reachable at the end (${pings(lost)} lost along the way)`) + plannedNote;
  }
  const max = c.drill.expect.maxDowntimeSec;
  if (passed && !expectDown && max !== undefined && downtimeMs > max * 1000) {
    passed = false;
    verdict = `down ${fmtSec(downtimeMs * 1000)} in all, not counting planned downtime (expected at most ${fmtSec(max * 1e6)})`;
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
    plannedDowntimeMs: round(plannedDowntimeMs),
    downtimePerStepMs: downtimePerStepMs.map(round),
    unreachableSinceMs: unreachableSinceUs === null ? null : round(unreachableSinceUs / 1000),
    timeline: segments.map((s) => ({ fromMs: round(s.fromMs), toMs: round(s.toMs), up: s.up, ...(s.planned ? { planned: true as const } : {}) })),
    passed,
    verdict,
    diagnosis,
  };
}

function pings(n: number): string {
  return `${n} ping${n === 1 ? '' : 's'}`;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function fmtSec(us: number): string {
  return `${(us / 1e6).toFixed(1)} s`;
}

/** A capture point reads the hop stream: what its port (or the VM's virtual switch port) sees. */
function attachCapture(net: Network, point: CapturePoint): CaptureRecordSet {
  const set: CaptureRecordSet = { point: capturePointLabel(point), records: [] };
  let at: object;
  if ('vm' in point) {
    const vm = net.vms.get(point.vm);
    if (!vm) throw new Error(`the lab has no VM named "${point.vm}"`);
    at = vm;
  } else {
    const port = net.endpointPort(point);
    if (!port) throw new Error(`the lab has no ${endpointLabel(point)} to capture at`);
    at = port;
  }
  net.ctx.listen((hop) => {
    if (hop.tap && hop.tap.at === at) set.records.push({ atUs: hop.atUs, direction: hop.tap.direction, frame: hop.frame });
  });
  return set;
}
