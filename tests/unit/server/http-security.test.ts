import { describe, it, expect } from 'vitest';
import { checkApiAccess, checkPageAccess, contentSecurityPolicy, newToken, tokenMatches } from '../../../src-main/server/http-security.js';

const port = 4321;
const token = 'run-token-abcdefghijklmnopqrstuvwx';
const host = `127.0.0.1:${port}`;

describe('browser host access', () => {
  it('serves the app’s own files without the token, to its own Host and Origin only', () => {
    expect(checkPageAccess({ host }, port)).toEqual({ ok: true });
    expect(checkPageAccess({ host, origin: `http://localhost:${port}` }, port)).toEqual({ ok: true });
    expect(checkPageAccess({ host, origin: 'https://evil.example' }, port).ok).toBe(false);
    expect(checkPageAccess({ host: `evil.example:${port}` }, port).ok).toBe(false);
  });

  it('lets the API in only with the token in its URL', () => {
    expect(checkApiAccess({ host, queryToken: token }, port, token)).toEqual({ ok: true });
    expect(checkApiAccess({ host, queryToken: null }, port, token).ok).toBe(false);
    expect(checkApiAccess({ host, queryToken: 'guess' }, port, token).ok).toBe(false);
  });

  it('refuses other origins and other host names on the API even with the token', () => {
    expect(checkApiAccess({ host, origin: 'https://evil.example', queryToken: token }, port, token).ok).toBe(false);
    expect(checkApiAccess({ host, origin: `http://127.0.0.1:${port + 1}`, queryToken: token }, port, token).ok).toBe(false);
    expect(checkApiAccess({ host: `evil.example:${port}`, queryToken: token }, port, token).ok).toBe(false);
    expect(checkApiAccess({ host, origin: `http://localhost:${port}`, queryToken: token }, port, token).ok).toBe(true);
  });

  it('makes a new unguessable token each run', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newToken()).not.toBe(a);
    expect(tokenMatches(a, a)).toBe(true);
    expect(tokenMatches(a, a.slice(1))).toBe(false);
    expect(tokenMatches(a, undefined)).toBe(false);
  });

  it('allows no inline script, no eval and no foreign connection in its content security policy', () => {
    const csp = contentSecurityPolicy(port);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(csp).toContain(`ws://127.0.0.1:${port}`);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
