// How the results list reads: failures first, a filter with counts, downtime in the engineer's words.
import type { DrillResult, VmResult } from '../../shared/drill.js';
import { clockTenths } from './drillSteps.js';

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

/**
 * "off (planned) 30.0 s + 59.3 s down · unreachable since 10:00:55.3 · 25/116 replies": the words of the CLI table and
 * the HTML report (src-main/core/drills/downtime-words.ts, which the window cannot import until it moves to shared/).
 */
export function downtimeWords(vm: VmResult, clockStart: string): string {
  const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const down = [...(vm.plannedDowntimeMs > 0 ? [`off (planned) ${sec(vm.plannedDowntimeMs)}`] : []), ...(vm.downtimeMs > 0 ? [`${sec(vm.downtimeMs)} down`] : [])];
  const parts = [down.length ? down.join(' + ') : 'no loss'];
  if (typeof vm.unreachableSinceMs === 'number') parts.push(`unreachable since ${clockTenths(clockStart, vm.unreachableSinceMs)}`);
  parts.push(`${vm.replies}/${vm.pingsSent} replies`);
  return parts.join(' · ');
}
