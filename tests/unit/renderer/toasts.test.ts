// Toasts go by themselves, errors stay, hover holds one; counts in them are in words.
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { toasts, showToast, dismissToast, holdToast, TOAST_MS } from '../../../src-renderer/stores/toasts.js';
import { plural } from '../../../shared/words.js';

const shown = () => toasts.value.map((t) => t.message);

describe('toasts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    toasts.value.forEach((t) => dismissToast(t.id));
    vi.useRealTimers();
  });

  it('lets a note go after a few seconds and keeps an error until it is dismissed', () => {
    showToast('Downloaded lab.png');
    const error = showToast('The report could not be written', { tone: 'error' });
    vi.advanceTimersByTime(TOAST_MS + 1);
    expect(shown()).toEqual(['The report could not be written']);
    vi.advanceTimersByTime(10 * TOAST_MS);
    expect(shown()).toEqual(['The report could not be written']);
    dismissToast(error);
    expect(shown()).toEqual([]);
  });

  it('keeps a hovered toast open and gives it its full time again once the pointer leaves', () => {
    const id = showToast('Deleted HostB');
    vi.advanceTimersByTime(TOAST_MS - 100);
    holdToast(id, true);
    vi.advanceTimersByTime(5 * TOAST_MS);
    expect(shown()).toEqual(['Deleted HostB']);
    holdToast(id, false);
    vi.advanceTimersByTime(TOAST_MS - 100);
    expect(shown()).toEqual(['Deleted HostB']);
    vi.advanceTimersByTime(200);
    expect(shown()).toEqual([]);
  });

  it('replaces the toast of the same topic and shows at most four', () => {
    showToast('Writing', { topic: 'export' });
    showToast('Downloaded report.html', { topic: 'export' });
    expect(shown()).toEqual(['Downloaded report.html']);
    for (const n of [1, 2, 3, 4]) showToast(`note ${n}`);
    expect(shown()).toEqual(['note 1', 'note 2', 'note 3', 'note 4']);
  });
});

describe('counts in words', () => {
  it('says 1 VM, 3 VMs, 0 drills and 2 virtual switches', () => {
    expect(plural(1, 'VM')).toBe('1 VM');
    expect(plural(3, 'VM')).toBe('3 VMs');
    expect(plural(0, 'drill')).toBe('0 drills');
    expect(plural(2, 'virtual switch', 'virtual switches')).toBe('2 virtual switches');
  });
});
