// The draft of one inspector field: checked while it is typed (a dry run of its commit, so the rules live in
// one place), committed on change, put back on Escape.
import { onScopeDispose, ref, watch } from 'vue';
import type { Commit, CommitHow, Value } from './fieldEdits.js';

export type FieldKind = 'text' | 'number' | 'bool' | 'select' | 'textarea';
export interface FieldSpec {
  label: string;
  value: Value;
  kind: FieldKind;
  optional?: boolean;
  commit: Commit;
}

/** A pause in typing this long checks the draft: checking a 1,000-VM lab on every key would lag the typing. */
export const CHECK_DELAY_MS = 150;

const toText = (v: Value): string => (v === undefined ? '' : String(v));

export function useFieldDraft(field: () => FieldSpec) {
  const draft = ref(toText(field().value));
  const error = ref<string | null>(null);
  let pending: ReturnType<typeof setTimeout> | undefined;
  const cancelCheck = () => clearTimeout(pending);
  onScopeDispose(cancelCheck);

  watch(
    () => field().value,
    (v) => {
      cancelCheck();
      draft.value = toText(v);
      error.value = null;
    },
  );

  /** The field's text as the document's value, or why it cannot be one. */
  function parse(raw: string | boolean): { value: Value } | { refusal: string } {
    const { kind, optional, label } = field();
    if (kind === 'bool') return { value: raw as boolean };
    const text = String(raw);
    if (kind !== 'number') return { value: text === '' && optional ? undefined : text };
    const trimmed = text.trim();
    if (trimmed === '') return optional ? { value: undefined } : { refusal: `${label} needs a number` };
    return Number.isFinite(Number(trimmed)) ? { value: Number(trimmed) } : { refusal: `“${trimmed}” is not a number` };
  }

  function verdict(raw: string | boolean, how: CommitHow): string | null {
    const parsed = parse(raw);
    if ('refusal' in parsed) return parsed.refusal;
    return parsed.value === field().value ? null : field().commit(parsed.value, how);
  }

  /** Commits the value (change, Enter); a refusal stays next to the field. */
  function apply(raw: string | boolean): void {
    cancelCheck();
    error.value = verdict(raw, {});
  }

  /** The draft changed: say what its commit would, once the typing pauses, and change nothing. */
  function typed(): void {
    cancelCheck();
    pending = setTimeout(() => (error.value = verdict(draft.value, { dryRun: true })), CHECK_DELAY_MS);
  }

  /** Escape puts the value back as the document has it, and the complaint goes with the typing; answers whether anything was put back. */
  function revert(): boolean {
    cancelCheck();
    const changed = draft.value !== toText(field().value) || error.value !== null;
    draft.value = toText(field().value);
    error.value = null;
    return changed;
  }

  return { draft, error, apply, typed, revert };
}
