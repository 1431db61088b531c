import { describe, it, expect } from 'vitest';
import { windowOptions, permissionAllowed, RENDERER_CSP } from '../../../src-main/electron/window-options.js';

describe('the app window', () => {
  it('runs its page isolated and sandboxed, without Node', () => {
    const { webPreferences } = windowOptions('/app/preload.cjs');
    expect(webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('opens at the remembered size, hidden until its page is ready', () => {
    expect(windowOptions('/p', { x: 10, y: 20, width: 1000, height: 700 })).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false });
  });

  it('refuses every permission request', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(permissionAllowed(p)).toBe(false);
  });

  it('allows no inline script, eval or remote content in the renderer', () => {
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-|https?:/);
  });
});
