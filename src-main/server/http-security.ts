// The browser host's gatekeeping, pure: who may talk to it (token, Origin, Host) and the headers it sends.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const LOOPBACK = '127.0.0.1';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The origins the app's own pages have; anything else is another web page. */
export function ownOrigins(port: number): string[] {
  return [`http://${LOOPBACK}:${port}`, `http://localhost:${port}`];
}

/** An absent Origin is a navigation or a non-browser client (which still needs the token). */
export function originAllowed(origin: string | undefined, port: number): boolean {
  return origin === undefined || ownOrigins(port).includes(origin);
}

/** Refuses DNS-rebinding: a page on another name that resolves to 127.0.0.1 sends its own Host. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `${LOOPBACK}:${port}` || host === `localhost:${port}`;
}

export type AccessDecision = { ok: true } | { ok: false; reason: string };

/**
 * The app's own files (HTML, scripts, styles) hold no secret: they are served to any request that
 * names this server in Host (no DNS rebinding) and comes from no foreign page. No cookie carries the
 * token, because browsers send cookies to every port of 127.0.0.1 and localhost.
 */
export function checkPageAccess(req: { host?: string; origin?: string }, port: number): AccessDecision {
  if (!hostAllowed(req.host, port)) return { ok: false, reason: 'the Host header does not name this server' };
  if (!originAllowed(req.origin, port)) return { ok: false, reason: `requests from ${req.origin} are not allowed` };
  return { ok: true };
}

/** The API (the labs, the files) needs this run's token in the socket's URL as well. */
export function checkApiAccess(req: { host?: string; origin?: string; queryToken: string | null }, port: number, token: string): AccessDecision {
  const page = checkPageAccess(req, port);
  if (!page.ok) return page;
  if (tokenMatches(token, req.queryToken)) return { ok: true };
  return { ok: false, reason: 'the address lacks this run’s token; open the URL lab-planner serve printed' };
}

/**
 * No inline script or style. Cytoscape tries to inject one <style> (position: relative on its
 * container); under this policy it is refused and the renderer sets that style itself, so
 * 'unsafe-inline' is not needed. Vue's style bindings go through the CSSOM, which CSP allows.
 */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ws://${LOOPBACK}:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Sent with every response; the Referrer-Policy keeps the token out of any Referer header. */
export function commonHeaders(): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
