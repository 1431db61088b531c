// One VM's downtime in the words the CLI table, the HTML report and the verdicts share: unplanned
// loss as "12.0 s down", what the drill itself caused as "off (planned) 30.0 s".
import type { VmResult } from './drill.js';

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Planned downtime of the VM between two moments of the drill (ms), from its timeline. */
export function plannedBetween(vm: VmResult, fromMs: number, toMs: number): number {
  let sum = 0;
  for (const s of vm.timeline) if (s.planned) sum += Math.max(0, Math.min(s.toMs, toMs) - Math.max(s.fromMs, fromMs));
  return sum;
}

/** "12.0 s down", "off (planned) 30.0 s", both joined, or `none` when the VM answered throughout. */
export function downtimeWords(downMs: number, plannedMs: number, none: string): string {
  const parts = [...(plannedMs > 0 ? [`off (planned) ${sec(plannedMs)}`] : []), ...(downMs > 0 ? [`${sec(downMs)} down`] : [])];
  return parts.length ? parts.join(' + ') : none;
}

/** The whole drill: "12.0 s down + off (planned) 30.0 s", "0.0 s" when nothing was lost. */
export function vmDowntimeWords(vm: VmResult): string {
  return downtimeWords(vm.downtimeMs, vm.plannedDowntimeMs, '0.0 s');
}
