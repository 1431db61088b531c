// The canvas of this window, for menu commands (fit, select all) that act on the drawing, and its zoom for the status bar.
import { ref } from 'vue';
import type { CanvasAdapter } from './adapter.js';

export const canvasHolder: { adapter: CanvasAdapter | null } = { adapter: null };

/** The canvas zoom in whole percent, as the status bar shows it. */
export const zoomPercent = ref(100);
