// The canvas of this window, for menu commands (fit, select all) that act on the drawing.
import type { CanvasAdapter } from './adapter.js';

export const canvasHolder: { adapter: CanvasAdapter | null } = { adapter: null };
