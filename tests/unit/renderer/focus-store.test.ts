// What the canvas brings to the eye: a hovered check or case over the pinned one; a second click lets go.
import { describe, it, expect, beforeEach } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useFocusStore } from '../../../src-renderer/stores/focus.js';

describe('elements brought to the eye on the canvas', () => {
  beforeEach(() => setActivePinia(createPinia()));
  const check = { key: 'check:learn-once', ids: ['team:HostB/VM-Team', 'vm:Guest1'], tone: 'error' as const };
  const cell = { key: 'cell:fail:switch:switch2', ids: ['switch:switch2'], tone: 'event' as const };

  it('shows the hovered thing while hovered, then the pinned one again', () => {
    const focus = useFocusStore();
    expect(focus.toggle(check)).toBe(true);
    focus.hover(cell);
    expect(focus.current).toEqual(cell);
    focus.hover(null);
    expect(focus.current).toEqual(check);
  });

  it('lets go of a check clicked a second time, and takes another in its place', () => {
    const focus = useFocusStore();
    focus.toggle(check);
    expect(focus.toggle(check)).toBe(false);
    expect(focus.current).toBeNull();
    focus.toggle(check);
    focus.toggle(cell);
    expect(focus.current).toEqual(cell);
  });
});
