// Who may call the API over IPC: only the app's own page, served from app://lab-planner/ or the dev server.
import path from 'node:path';

/** The app's pages load from this standard, secure custom scheme instead of file:// (no file-system origin). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'lab-planner';
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface AppOrigin {
  /** The dev server URL (e.g. http://localhost:5173/) when running against Vite; null otherwise. */
  devUrl: string | null;
}

/** True when `url` is a page of the app: under app://lab-planner/, or on the dev server's origin. */
export function isAppUrl(url: string | undefined | null, origin: AppOrigin): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST && parsed.username === '' && parsed.port === '';
  if (origin.devUrl === null) return false;
  try {
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === new URL(origin.devUrl).origin;
  } catch {
    return false;
  }
}

/** An IPC call is trusted when it comes from the main frame of an app page (never from a sub-frame). */
export function isTrustedSender(frame: { url: string; isMainFrame?: boolean; parent?: unknown } | null | undefined, origin: AppOrigin): boolean {
  if (!frame) return false;
  const mainFrame = frame.isMainFrame ?? frame.parent === null;
  return mainFrame && isAppUrl(frame.url, origin);
}

/** A dev server URL is accepted only on the loopback interface: the app never loads remote pages. */
export function devServerUrl(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return (url.protocol === 'http:' || url.protocol === 'https:') && loopback ? url.href : null;
  } catch {
    return null;
  }
}

/** The renderer file an app:// URL names, or null when it would leave the renderer folder. */
export function rendererFileFor(url: string, rendererDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  if (relative.split('/').some((s) => s === '..' || s.startsWith('.'))) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}
