import { describe, it, expect } from 'vitest';
import { parseWindowState, restoreBounds, cascade } from '../../../src-main/electron/window-state.js';
import { DEFAULT_BOUNDS } from '../../../src-main/electron/window-options.js';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window size and position memory', () => {
  it('puts the window back where it was', () => {
    expect(restoreBounds({ x: 100, y: 50, width: 1200, height: 800, maximized: false }, screen)).toEqual({ x: 100, y: 50, width: 1200, height: 800, maximized: false });
  });

  it('brings a window back from an unplugged monitor at the default size', () => {
    expect(restoreBounds({ x: 3000, y: 50, width: 1200, height: 800, maximized: true }, screen)).toEqual({ ...DEFAULT_BOUNDS, maximized: true });
  });

  it('keeps a window partly off screen fully on it', () => {
    expect(restoreBounds({ x: 1500, y: 900, width: 1200, height: 800, maximized: false }, screen)).toMatchObject({ x: 720, y: 280 });
  });

  it('ignores a damaged state file', () => {
    expect(parseWindowState('{"x":"a"}')).toBeNull();
    expect(parseWindowState('garbage')).toBeNull();
    expect(restoreBounds(null, screen)).toEqual({ ...DEFAULT_BOUNDS, maximized: false });
  });

  it('offsets a second window', () => {
    expect(cascade({ x: 10, y: 10, width: 5, height: 5 }, 2)).toEqual({ x: 58, y: 58, width: 5, height: 5 });
  });
});
