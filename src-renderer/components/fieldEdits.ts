// Commit functions for inspector fields: each edit is a strict command, refused when it would add a problem.
import type { Lab } from '../../shared/lab.js';
import { isMac, normaliseMac } from '../../shared/addresses.js';
import { useLabStore } from '../stores/lab.js';
import { useSelectionStore } from '../stores/selection.js';
import { setAt, pathText, type Path } from '../stores/ops.js';

export type Value = string | number | boolean | undefined;
/** How a field hands a value over: `dryRun` only asks what the commit would answer (a draft being typed). */
export type CommitHow = { dryRun?: boolean };
/** Applies the value (or, on a dry run, only checks it); answers the refusal sentence, or null when it goes in. */
export type Commit = (value: Value, how?: CommitHow) => string | null;

/** Trims text and writes MACs the Windows way, so what reaches the document is already normal. */
export function normalise(value: Value): Value {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return isMac(text) ? normaliseMac(text) : text;
}

export function useFieldEdits() {
  const lab = useLabStore();
  const selection = useSelectionStore();
  /** Sets one property at `path`. */
  const setField = (label: string, path: Path): Commit => (value, how = {}) =>
    lab.edit(label, (d) => setAt(d, path, normalise(value)), { strict: true, fieldPath: pathText(path), dryRun: how.dryRun });
  /** A property whose change touches more of the document (renames, moves); `follow` keeps a renamed element selected. */
  const change = (label: string, fieldPath: Path, mutate: (draft: Lab, value: Value) => void, follow?: (name: string) => string): Commit => (value, how = {}) => {
    const refusal = lab.edit(label, (d) => mutate(d, normalise(value)), { strict: true, fieldPath: pathText(fieldPath), dryRun: how.dryRun });
    if (!refusal && follow && !how.dryRun) selection.select([follow(String(normalise(value)))]);
    return refusal;
  };
  return { lab, setField, change };
}

export const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
