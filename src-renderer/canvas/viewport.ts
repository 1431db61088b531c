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

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The viewport as the lab keeps it (`layout.viewport`): whole pixels of pan, zoom to three places. */
export function savedViewport(pan: { x: number; y: number }, zoom: number): Viewport {
  return { x: Math.round(pan.x), y: Math.round(pan.y), zoom: Math.round(zoom * 1000) / 1000 };
}
