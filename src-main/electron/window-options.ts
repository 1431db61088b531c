// The window's options and the security baseline every web page of the app runs under. No electron import.

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

/** The subset of BrowserWindowConstructorOptions the app sets; main.ts passes it to BrowserWindow as is. */
export interface AppWindowOptions {
  x?: number;
  y?: number;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  backgroundColor: string;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    webviewTag: false;
    navigateOnDragDrop: false;
    spellcheck: false;
    safeDialogs: true;
  };
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1400, height: 900 };
export const MIN_SIZE = { width: 900, height: 600 };

export function windowOptions(preload: string, bounds: WindowBounds = DEFAULT_BOUNDS, dark = false): AppWindowOptions {
  return {
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false, // shown on ready-to-show, so no white flash
    title: 'Lab Planner',
    backgroundColor: dark ? '#1e1e1e' : '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

/**
 * The renderer's content security policy under Electron: its own scripts and styles only, no
 * network (the API goes through the preload), no frames, no plugins. Cytoscape's injected <style>
 * is refused; the renderer styles the container itself.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Permission requests (camera, notifications, clipboard-read…) are all refused: the app needs none. */
export function permissionAllowed(_permission: string): boolean {
  return false;
}

/** Device access (HID, serial, USB) is refused like every other permission: a lab planner drives no hardware. */
export function deviceAllowed(_deviceType: string): boolean {
  return false;
}
