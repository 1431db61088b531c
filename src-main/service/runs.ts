// Long runs (drills, matrix) off the request path: one abort signal per run id, drills run one per tick.
import { setImmediate as nextTick } from 'node:timers/promises';
import type { Lab } from '../../shared/lab.js';
import type { DrillReport } from '../../shared/drill.js';

export type RunDrillsFn = (
  lab: Lab,
  options?: { drills?: string[]; seed?: number; onProgress?: (p: { drill: string; index: number; total: number }) => void },
) => DrillReport;

export class RunRegistry {
  private readonly running = new Map<string, AbortController>();

  /** Starts a run; null when a run with that id is still going. */
  start(runId: string): AbortSignal | null {
    if (this.running.has(runId)) return null;
    const controller = new AbortController();
    this.running.set(runId, controller);
    return controller.signal;
  }

  finish(runId: string): void {
    this.running.delete(runId);
  }

  cancel(runId: string): boolean {
    const controller = this.running.get(runId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}

export class RunCancelled extends Error {
  constructor() {
    super('the run was cancelled');
    this.name = 'RunCancelled';
  }
}

/**
 * Runs the named drills one at a time, yielding to the event loop between them so requests,
 * progress and cancel get through; the combined report equals one `runDrills` call.
 */
export async function runDrillsInTurn(
  runDrills: RunDrillsFn,
  lab: Lab,
  names: readonly string[],
  options: { seed?: number; signal: AbortSignal; onProgress: (done: number, total: number, current: string) => void },
): Promise<DrillReport> {
  const drills: DrillReport['drills'] = [];
  let seed = options.seed ?? lab.settings.seed;
  let labName = lab.meta.title;
  for (const [index, name] of names.entries()) {
    options.onProgress(index, names.length, name);
    await nextTick();
    if (options.signal.aborted) throw new RunCancelled();
    const report = runDrills(lab, { drills: [name], seed: options.seed });
    seed = report.seed;
    labName = report.lab;
    drills.push(...report.drills);
  }
  if (options.signal.aborted) throw new RunCancelled();
  options.onProgress(names.length, names.length, '');
  return { format: 'lab-planner/drill-results', lab: labName, seed, passed: drills.every((d) => d.passed), drills };
}
