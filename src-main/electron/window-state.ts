// Window size and position memory: kept between runs, and put back only where a display still shows it.
import { DEFAULT_BOUNDS, MIN_SIZE, type WindowBounds } from './window-options.js';

export interface SavedWindowState {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface DisplayArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Reads a saved state; anything malformed counts as none. */
export function parseWindowState(text: string | null): SavedWindowState | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<SavedWindowState>;
    const nums = [v.x, v.y, v.width, v.height];
    if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
    return { x: v.x!, y: v.y!, width: v.width!, height: v.height!, maximized: v.maximized === true };
  } catch {
    return null;
  }
}

/**
 * Bounds for a new window: the saved ones when at least a title-bar-sized piece of the window is on
 * some display (a monitor may have been unplugged), clamped to that display; otherwise the default size.
 */
export function restoreBounds(saved: SavedWindowState | null, displays: readonly DisplayArea[]): WindowBounds & { maximized: boolean } {
  if (!saved) return { ...DEFAULT_BOUNDS, maximized: false };
  const visible = displays.find((d) => overlap(saved, d) >= 100 * 40);
  if (!visible) return { ...DEFAULT_BOUNDS, maximized: saved.maximized };
  const width = clamp(saved.width, MIN_SIZE.width, visible.width);
  const height = clamp(saved.height, MIN_SIZE.height, visible.height);
  return {
    x: clamp(saved.x, visible.x, visible.x + visible.width - width),
    y: clamp(saved.y, visible.y, visible.y + visible.height - height),
    width,
    height,
    maximized: saved.maximized,
  };
}

/** Cascades a second window so it does not sit exactly on the first. */
export function cascade(bounds: WindowBounds, index: number): WindowBounds {
  if (index === 0 || bounds.x === undefined || bounds.y === undefined) return bounds;
  return { ...bounds, x: bounds.x + 24 * index, y: bounds.y + 24 * index };
}

function overlap(a: DisplayArea, b: DisplayArea): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}
