// Opening and saving `.lab` files.
import type { Lab, LabInput } from '../../shared/lab.js';
import type { OpenedLab, OpenOptions, RunRecord, SaveOptions, SaveResult } from './types.js';

export const DEFAULT_MAX_VALUE_BYTES = 16 * 1024 * 1024;

export function openLabFile(_path: string, _options: OpenOptions = {}): OpenedLab {
  throw new Error('not implemented yet');
}

export function saveLabFile(_path: string, _lab: Lab, _options: SaveOptions = {}): SaveResult {
  throw new Error('not implemented yet');
}

export function createLabFile(
  _path: string,
  _lab: LabInput = {},
  _options: SaveOptions & { overwrite?: boolean; history?: RunRecord[] } = {},
): SaveResult {
  throw new Error('not implemented yet');
}
