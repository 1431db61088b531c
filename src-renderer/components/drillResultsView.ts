// How the results list reads: failures first, a filter with counts, downtime in the engineer's words.
import type { DrillResult, VmResult } from '../../shared/drill.js';
import { clockText, secondsText } from './drillSteps.js';

export type VmFilter = 'failed' | 'passed' | 'all';

/** The VMs the filter keeps, failures first, each group in the drill's order. */
export function vmRows(result: DrillResult, filter: VmFilter): VmResult[] {
  const kept = result.vms.filter((v) => filter === 'all' || (filter === 'failed') !== v.passed);
  return [...kept.filter((v) => !v.passed), ...kept.filter((v) => v.passed)];
}

export function vmCounts(result: DrillResult): Record<VmFilter, number> {
  const failed = result.vms.filter((v) => !v.passed).length;
  return { failed, passed: result.vms.length - failed, all: result.vms.length };
}

/** "lost 12.3 s · unreachable since 10:01:10 · off (planned) 31.0 s · 40/100 replies": loss first, planned downtime apart. */
export function downtimeWords(vm: VmResult, clockStart: string): string {
  const parts = [`lost ${secondsText(vm.downtimeMs)}`];
  if (typeof vm.unreachableSinceMs === 'number') parts.push(`unreachable since ${clockText(clockStart, vm.unreachableSinceMs)}`);
  if (vm.plannedDowntimeMs > 0) parts.push(`off (planned) ${secondsText(vm.plannedDowntimeMs)}`);
  parts.push(`${vm.replies}/${vm.pingsSent} replies`);
  return parts.join(' · ');
}
