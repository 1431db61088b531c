// How the results list reads: failures first, a filter with counts, downtime in the engineer's words.
import type { DrillResult, VmResult } from '../../shared/drill.js';
import { clockTenths } from './drillSteps.js';
import { downtimeWords } from '../../shared/downtime-words.js';

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

/** "off (planned) 30.0 s + 59.3 s down · unreachable since 10:00:55.3 · 25/116 replies": the CLI table's and the report's downtime words. */
export function vmRowWords(vm: VmResult, clockStart: string): string {
  const parts = [downtimeWords(vm.downtimeMs, vm.plannedDowntimeMs, 'no loss')];
  if (typeof vm.unreachableSinceMs === 'number') parts.push(`unreachable since ${clockTenths(clockStart, vm.unreachableSinceMs)}`);
  parts.push(`${vm.replies}/${vm.pingsSent} replies`);
  return parts.join(' · ');
}
