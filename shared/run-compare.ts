// What changed between two recorded drill runs, per drill, in the domain's words: which VMs lost or
// regained the network, verdicts that turned, downtime and diagnoses that moved.
import type { DrillReport, DrillResult, VmResult } from './drill.js';
import { downtimeWords } from './downtime-words.js';

export type RunChangeKind = 'verdict' | 'lost' | 'regained' | 'vm-verdict' | 'downtime' | 'diagnosis' | 'vm-only' | 'drill-only';

export interface RunChange {
  kind: RunChangeKind;
  /** The VM the change is about; null for the drill's own verdict. */
  vm: string | null;
  /** "VM Guest1 regained the network (no loss; it had 1 min 5.0 s down, unreachable at the end)" */
  text: string;
}

export interface RunDrillComparison {
  drill: string;
  /** The drill's verdict in each run; null when the run did not include it. */
  from: 'passed' | 'failed' | null;
  to: 'passed' | 'failed' | null;
  changes: RunChange[];
}

export interface RunComparison {
  /** Drills in the order of the later run, then drills only the earlier one ran. */
  drills: RunDrillComparison[];
  /** True when no drill changed at all. */
  same: boolean;
}

/** Names of the two runs in the words ("run #1", "run #2"). */
export interface RunLabels {
  from: string;
  to: string;
}

const verdictOf = (r: { passed: boolean } | undefined) => (r === undefined ? null : r.passed ? 'passed' : 'failed');
const down = (vm: VmResult) => downtimeWords(vm.downtimeMs, vm.plannedDowntimeMs, 'no loss');
const reach = (vm: VmResult) => (vm.reachableAtEnd ? 'reachable at the end' : 'unreachable at the end');

/** Compares run `a` (earlier) with run `b` (later), drill by drill and VM by VM. */
export function compareRuns(a: DrillReport, b: DrillReport, labels: RunLabels = { from: 'the first run', to: 'the second run' }): RunComparison {
  const before = new Map(a.drills.map((d) => [d.name, d]));
  const after = new Map(b.drills.map((d) => [d.name, d]));
  const names = [...after.keys(), ...[...before.keys()].filter((n) => !after.has(n))];
  const drills = names.map((name) => compareDrill(name, before.get(name), after.get(name), labels));
  return { drills, same: drills.every((d) => d.changes.length === 0) };
}

function compareDrill(name: string, x: DrillResult | undefined, y: DrillResult | undefined, labels: RunLabels): RunDrillComparison {
  const from = verdictOf(x);
  const to = verdictOf(y);
  const changes: RunChange[] = [];
  if (!x || !y) {
    const [present, missing, inRun] = x ? [x, labels.to, labels.from] : [y!, labels.from, labels.to];
    changes.push({ kind: 'drill-only', vm: null, text: `drill ${name}: not run in ${missing} (${verdictOf(present)} in ${inRun})` });
    return { drill: name, from, to, changes };
  }
  if (from !== to) changes.push({ kind: 'verdict', vm: null, text: `drill ${name}: ${from} → ${to}` });
  const vmsBefore = new Map(x.vms.map((v) => [v.name, v]));
  const vmsAfter = new Map(y.vms.map((v) => [v.name, v]));
  for (const vm of y.vms) {
    const old = vmsBefore.get(vm.name);
    if (old) changes.push(...compareVm(old, vm));
    else changes.push({ kind: 'vm-only', vm: vm.name, text: `VM ${vm.name}: not pinged in ${labels.from} (${vm.passed ? 'passed' : 'failed'} in ${labels.to})` });
  }
  for (const old of x.vms)
    if (!vmsAfter.has(old.name)) changes.push({ kind: 'vm-only', vm: old.name, text: `VM ${old.name}: not pinged in ${labels.to} (${old.passed ? 'passed' : 'failed'} in ${labels.from})` });
  return { drill: name, from, to, changes };
}

function compareVm(x: VmResult, y: VmResult): RunChange[] {
  const vm = y.name;
  if (x.reachableAtEnd && !y.reachableAtEnd)
    return [{ kind: 'lost', vm, text: `VM ${vm} lost the network (${down(y)}, unreachable at the end; it had ${down(x)})${y.diagnosis ? `: ${y.diagnosis.text}` : ''}` }];
  if (!x.reachableAtEnd && y.reachableAtEnd) return [{ kind: 'regained', vm, text: `VM ${vm} regained the network (${down(y)}; it had ${down(x)}, unreachable at the end)` }];
  if (x.passed !== y.passed)
    return [{ kind: 'vm-verdict', vm, text: `VM ${vm}: ${x.passed ? 'passed' : 'failed'} → ${y.passed ? 'passed' : 'failed'} (${down(x)} → ${down(y)}, ${reach(y)})` }];
  const out: RunChange[] = [];
  if (down(x) !== down(y)) out.push({ kind: 'downtime', vm, text: `VM ${vm}: ${down(x)} → ${down(y)}` });
  if (y.diagnosis && x.diagnosis?.text !== y.diagnosis.text) out.push({ kind: 'diagnosis', vm, text: `VM ${vm} still fails, now because ${y.diagnosis.text}` });
  return out;
}

/** Every change as one line, drill by drill: the form a list or a terminal shows. */
export function runComparisonLines(comparison: RunComparison): string[] {
  return comparison.drills.flatMap((d) => d.changes.map((c) => (c.kind === 'verdict' || c.kind === 'drill-only' ? c.text : `drill ${d.drill}: ${c.text}`)));
}
