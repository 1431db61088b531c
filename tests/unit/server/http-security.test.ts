import { describe, it, expect } from 'vitest';
import { checkAccess, contentSecurityPolicy, cookieValue, newToken, tokenCookie, tokenMatches } from '../../../src-main/server/http-security.js';

const port = 4321;
const token = 'run-token-abcdefghijklmnopqrstuvwx';
const host = `127.0.0.1:${port}`;

describe('browser host access', () => {
  it('lets the page in with the token in its URL and sets the cookie for its own files', () => {
    expect(checkAccess({ host, queryToken: token }, port, token)).toEqual({ ok: true, setCookie: true });
    const cookie = tokenCookie(port, token).split(';')[0];
    expect(checkAccess({ host, cookie, queryToken: null }, port, token)).toEqual({ ok: true, setCookie: false });
  });

  it('refuses a request without the token or with another one', () => {
    expect(checkAccess({ host, queryToken: null }, port, token).ok).toBe(false);
    expect(checkAccess({ host, queryToken: 'guess' }, port, token).ok).toBe(false);
    expect(checkAccess({ host, cookie: `lab_planner_token_9999=${token}`, queryToken: null }, port, token).ok).toBe(false);
  });

  it('refuses other origins and other host names even with the token', () => {
    expect(checkAccess({ host, origin: 'https://evil.example', queryToken: token }, port, token).ok).toBe(false);
    expect(checkAccess({ host, origin: `http://127.0.0.1:${port + 1}`, queryToken: token }, port, token).ok).toBe(false);
    expect(checkAccess({ host: `evil.example:${port}`, queryToken: token }, port, token).ok).toBe(false);
    expect(checkAccess({ host, origin: `http://localhost:${port}`, queryToken: token }, port, token).ok).toBe(true);
  });

  it('makes a new unguessable token each run', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newToken()).not.toBe(a);
    expect(tokenMatches(a, a)).toBe(true);
    expect(tokenMatches(a, a.slice(1))).toBe(false);
    expect(tokenMatches(a, undefined)).toBe(false);
  });

  it('keeps the cookie away from scripts and other sites', () => {
    expect(tokenCookie(port, token)).toContain('HttpOnly');
    expect(tokenCookie(port, token)).toContain('SameSite=Strict');
    expect(cookieValue('a=1; lab_planner_token_4321=xyz', 'lab_planner_token_4321')).toBe('xyz');
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
