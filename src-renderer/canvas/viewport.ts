// How far a fit may zoom: a small lab stays in the band where its labels can be read; a big one fits whole.

/** Below this zoom the parts' labels of a small lab are too small to read (the mid band's font at 10 px on screen). */
export const READABLE_ZOOM = 0.6;
/** A fit never blows a lone element up past this. */
export const FIT_MAX_ZOOM = 1.5;
/** Up to this many canvas elements a lab is small: readable beats seeing all of it at once. */
export const SMALL_LAB_ELEMENTS = 600;

/** The zoom a fit ends at, given the zoom that would show everything. */
export function fitZoom(fitted: number, elements: number): number {
  if (fitted > FIT_MAX_ZOOM) return FIT_MAX_ZOOM;
  if (fitted < READABLE_ZOOM && elements <= SMALL_LAB_ELEMENTS) return READABLE_ZOOM;
  return fitted;
}

/** A box part's half size plus its compound's padding and title: how far a drawing reaches past its parts' centres. */
const PART_REACH = 110;

/**
 * The zoom a fit will come to, from the parts' centres alone (no drawn sizes, so no style is needed to know it):
 * the whole extent and a reach round it in a width × height view with `padding` pixels each side.
 */
export function estimatedFitZoom(centres: readonly { x: number; y: number }[], width: number, height: number, padding: number): number {
  if (centres.length === 0 || width <= 2 * padding || height <= 2 * padding) return 1;
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const p of centres) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  return Math.min((width - 2 * padding) / (x2 - x1 + 2 * PART_REACH), (height - 2 * padding) / (y2 - y1 + 2 * PART_REACH));
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The viewport as the lab keeps it (`layout.viewport`): whole pixels of pan, zoom to three places. */
export function savedViewport(pan: { x: number; y: number }, zoom: number): Viewport {
  return { x: Math.round(pan.x), y: Math.round(pan.y), zoom: Math.round(zoom * 1000) / 1000 };
}
