// Serving the built renderer (dist-renderer/): only files inside it, with their content types.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticFile = { ok: true; body: Buffer; contentType: string; isHtml: boolean } | { ok: false; status: 404 | 400 };

/** The file for a URL path; `/` is index.html. Dot-files, traversal and anything outside `root` are not found. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 400 };
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const segments = relative.split('/');
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return { ok: false, status: 404 };
  const file = path.resolve(root, ...segments);
  if (!file.startsWith(path.resolve(root) + path.sep)) return { ok: false, status: 404 };
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return { ok: false, status: 404 };
  const ext = path.extname(file).toLowerCase();
  return { ok: true, body: await readFile(file), contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream', isHtml: ext === '.html' };
}

export async function rendererBuilt(root: string): Promise<boolean> {
  return (await stat(path.join(root, 'index.html')).catch(() => null))?.isFile() ?? false;
}

/** What the browser shows when the renderer was never built: plain text, nothing to escape. */
export function notBuiltMessage(root: string): string {
  return [
    'Lab Planner: the window’s files are not built yet.',
    '',
    `Expected ${path.join(root, 'index.html')}.`,
    'Build them with `npx vite build` (`npm start` and `npm run serve` build what is missing first), then reload this page.',
    '',
  ].join('\n');
}
