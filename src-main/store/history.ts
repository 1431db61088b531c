// Drill run history kept inside the `.lab` file.
import type { DrillReport } from '../../shared/drill.js';
import type { RunRecord, RunSummary } from './types.js';

export function appendRunHistory(
  _path: string,
  _report: DrillReport,
  _options: { seed?: number; appVersion?: string; ranAt?: string } = {},
): { id: number } {
  throw new Error('not implemented yet');
}

export function listRunHistory(_path: string): RunSummary[] {
  throw new Error('not implemented yet');
}

export function readRunHistory(_path: string): RunRecord[] {
  throw new Error('not implemented yet');
}
