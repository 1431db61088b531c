// The sizes of the window's resizable panels (inspector, problems, bottom panel), remembered in the browser's storage.
export type PanelName = 'inspector' | 'problems' | 'bottom';
export type PanelSizes = Record<PanelName, number>;

export const PANEL_KEY = 'lab-planner.panels';
export const DEFAULT_PANEL_SIZES: Readonly<PanelSizes> = { inspector: 320, problems: 220, bottom: 330 };
/** The smallest each panel gets; the canvas keeps at least CANVAS_MIN pixels across and down. */
export const PANEL_MIN: Readonly<PanelSizes> = { inspector: 240, problems: 160, bottom: 120 };
export const CANVAS_MIN = 280;

export const clampSize = (size: number, min: number, max: number): number => Math.round(Math.max(min, Math.min(size, Math.max(min, max))));

/** Sizes as stored, each a number within reason; anything else (none stored, a bad value) is the default. */
export function readPanelSizes(stored: string | null | undefined): PanelSizes {
  let parsed: unknown = null;
  try {
    parsed = stored ? JSON.parse(stored) : null;
  } catch {
    parsed = null;
  }
  const out = { ...DEFAULT_PANEL_SIZES };
  if (parsed && typeof parsed === 'object') {
    for (const name of Object.keys(out) as PanelName[]) {
      const v = (parsed as Record<string, unknown>)[name];
      if (typeof v === 'number' && Number.isFinite(v) && v >= PANEL_MIN[name] && v <= 4000) out[name] = Math.round(v);
    }
  }
  return out;
}

/** The largest each panel may be in a window of this size, leaving the canvas its minimum. */
export function panelMax(sizes: PanelSizes, window: { width: number; height: number }, paletteWidth: number): PanelSizes {
  return {
    inspector: window.width - paletteWidth - sizes.problems - CANVAS_MIN,
    problems: window.width - paletteWidth - sizes.inspector - CANVAS_MIN,
    // The menu, title and status bars and a canvas to see.
    bottom: window.height - 90 - CANVAS_MIN,
  };
}
