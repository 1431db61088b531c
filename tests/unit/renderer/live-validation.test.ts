// An inspector field checks its draft as the engineer types, with the commit's own rules, and changes nothing.
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { effectScope, nextTick, ref } from 'vue';
import { useLabStore } from '../../../src-renderer/stores/lab.js';
import { useSelectionStore } from '../../../src-renderer/stores/selection.js';
import { useApi } from '../../../src-renderer/api/client.js';
import { setAt } from '../../../src-renderer/stores/ops.js';
import { addSwitch } from '../../../src-renderer/stores/edits.js';
import { renameSwitch } from '../../../src-renderer/stores/renames.js';
import { switchId } from '../../../shared/checks.js';
import { useFieldEdits, type Commit, type Value } from '../../../src-renderer/components/fieldEdits.js';
import { useFieldDraft, CHECK_DELAY_MS, type FieldKind } from '../../../src-renderer/components/fieldDraft.js';
import { FakeService } from './fake-api.js';

async function labWithSwitch3() {
  const service = new FakeService();
  useApi(service);
  const lab = useLabStore();
  await lab.newLab({ kind: 'example', id: 'field-report' });
  lab.edit('Add a switch', (d) => void addSwitch(d, 24, { x: 0, y: 0 }));
  await lab.settled();
  return { lab, service };
}

/** What the document and the service hold, to show a dry run left both alone. */
function snapshot(lab: ReturnType<typeof useLabStore>, service: FakeService) {
  return { doc: lab.doc, revision: lab.revision, undo: lab.undoStack.length, redo: lab.redoStack.length, sent: service.edits.length };
}

describe('a dry run of an edit', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('answers the refusal the commit would give, and the document, undo and service stay as they were', async () => {
    const { lab, service } = await labWithSwitch3();
    const before = snapshot(lab, service);
    const ports = (n: number) => (d: object) => setAt(d, ['switches', 2, 'ports'], n);
    expect(lab.edit('Change port count', ports(0), { strict: true, fieldPath: 'switches[2].ports', dryRun: true })).toBe('switch3: a switch needs at least 1 port');
    expect(lab.edit('Change port count', ports(4), { strict: true, fieldPath: 'switches[2].ports', dryRun: true })).toBeNull();
    await lab.settled();
    expect(snapshot(lab, service)).toEqual(before);
    expect(lab.doc!.switches[2].ports).toBe(24);
  });

  it('gives the same words as the commit for a refused value', async () => {
    const { lab } = await labWithSwitch3();
    const ports = (d: object) => setAt(d, ['switches', 0, 'ports'], 5);
    const dry = lab.edit('Change port count', ports, { strict: true, fieldPath: 'switches[0].ports', dryRun: true });
    expect(dry).toBe('switch1: port 24 carries the cable switch1/port24–switch2/port24: keep at least 24 ports');
    expect(lab.edit('Change port count', ports, { strict: true, fieldPath: 'switches[0].ports' })).toBe(dry);
  });

  it('of an inspector rename neither renames nor moves the selection to the new name', async () => {
    const { lab, service } = await labWithSwitch3();
    const selection = useSelectionStore();
    selection.select([switchId('switch3')]);
    const { change } = useFieldEdits();
    const rename = change('Rename switch', ['switches', 2, 'name'], (d, v) => renameSwitch(d, 2, String(v ?? '')), switchId);
    const before = snapshot(lab, service);
    expect(rename('core', { dryRun: true })).toBeNull();
    expect(rename('switch1', { dryRun: true })).toMatch(/^switch3: switch name "switch1" is already used/);
    await lab.settled();
    expect(snapshot(lab, service)).toEqual(before);
    expect(selection.ids).toEqual([switchId('switch3')]);
    expect(rename('core')).toBeNull();
    expect(selection.ids).toEqual([switchId('core')]);
  });
});

describe('an inspector field’s draft', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  /** A field as EditField drives it: `type` sets the draft and says it changed, as an input event does. */
  function field(kind: FieldKind, commit: Commit, value: Value, optional = false) {
    const shown = ref(value);
    const scope = effectScope();
    const draft = scope.run(() => useFieldDraft(() => ({ label: 'Ports', value: shown.value, kind, optional, commit })))!;
    const type = (text: string) => {
      draft.draft.value = text;
      draft.typed();
    };
    return { ...draft, shown, type, stop: () => scope.stop() };
  }

  it('shows the commit’s refusal once typing pauses, and drops it as soon as the draft is valid, committing nothing', async () => {
    const { lab, service } = await labWithSwitch3();
    const { setField } = useFieldEdits();
    const ports = field('number', setField('Change port count', ['switches', 2, 'ports']), lab.doc!.switches[2].ports);
    const before = snapshot(lab, service);

    ports.type('0');
    expect(ports.error.value).toBeNull();
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    expect(ports.error.value).toBe('switch3: a switch needs at least 1 port');

    ports.type('4');
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    expect(ports.error.value).toBeNull();
    await lab.settled();
    expect(snapshot(lab, service)).toEqual(before);

    ports.apply(ports.draft.value);
    expect(lab.doc!.switches[2].ports).toBe(4);
    expect(lab.undoStack.at(-1)?.label).toBe('Change port count');
  });

  it('checks only the last draft of a burst of typing', () => {
    const commit = vi.fn<Commit>(() => null);
    const ports = field('number', commit, 24);
    for (const text of ['1', '10', '100']) {
      ports.type(text);
      vi.advanceTimersByTime(CHECK_DELAY_MS / 3);
    }
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    expect(commit.mock.calls).toEqual([[100, { dryRun: true }]]);
  });

  it('says “abc” is not a number while it is typed, without asking the document', () => {
    const commit = vi.fn<Commit>(() => null);
    const ports = field('number', commit, 24);
    ports.type('abc');
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    expect(ports.error.value).toBe('“abc” is not a number');
    ports.type('');
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    expect(ports.error.value).toBe('Ports needs a number');
    expect(commit).not.toHaveBeenCalled();
  });

  it('puts the document’s value back on Escape, drops the message, and a pending check never brings it back', () => {
    const ports = field('number', () => 'switch3: a switch needs at least 1 port', 24);
    ports.type('0');
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    expect(ports.error.value).not.toBeNull();
    ports.type('00');
    expect(ports.revert()).toBe(true);
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    expect(ports.draft.value).toBe('24');
    expect(ports.error.value).toBeNull();
    expect(ports.revert()).toBe(false);
  });

  it('follows the document when its value changes under the draft', async () => {
    const ports = field('number', () => 'refused', 24);
    ports.type('0');
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    ports.shown.value = 48;
    await nextTick();
    expect(ports.draft.value).toBe('48');
    expect(ports.error.value).toBeNull();
  });

  it('stops checking once the field is gone', () => {
    const commit = vi.fn<Commit>(() => null);
    const ports = field('text', commit, 'switch3');
    ports.type('core');
    ports.stop();
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    expect(commit).not.toHaveBeenCalled();
  });
});
