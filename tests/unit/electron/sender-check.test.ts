import { describe, it, expect } from 'vitest';
import { isAppUrl, isTrustedSender, devServerUrl, rendererFileFor, APP_START_URL } from '../../../src-main/electron/sender-check.js';
import path from 'node:path';

const packaged = { devUrl: null };
const dev = { devUrl: 'http://localhost:5173/' };

describe('who may call the API over IPC', () => {
  it('trusts the main frame of the app page', () => {
    expect(isTrustedSender({ url: APP_START_URL, isMainFrame: true }, packaged)).toBe(true);
    expect(isTrustedSender({ url: 'app://lab-planner/index.html#/drills', parent: null }, packaged)).toBe(true);
  });

  it('refuses sub-frames, other pages, file:// and remote sites', () => {
    expect(isTrustedSender({ url: APP_START_URL, isMainFrame: false }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'app://lab-planner/index.html', parent: {} }, packaged)).toBe(false);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other-host/index.html', 'app://user@lab-planner/', 'http://localhost:5173/', 'about:blank', 'not a url'])
      expect(isAppUrl(url, packaged), url).toBe(false);
    expect(isTrustedSender(null, packaged)).toBe(false);
  });

  it('trusts the dev server only in development and only on its own origin', () => {
    expect(isAppUrl('http://localhost:5173/src/main.ts', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(devServerUrl('http://localhost:5173')).toBe('http://localhost:5173/');
    expect(devServerUrl('https://example.com/')).toBeNull();
    expect(devServerUrl('file:///tmp/x')).toBeNull();
  });
});

describe('the app:// scheme', () => {
  const root = path.resolve('/opt/lab-planner/dist-renderer');
  it('maps app pages to files in the renderer folder', () => {
    expect(rendererFileFor('app://lab-planner/', root)).toBe(path.join(root, 'index.html'));
    expect(rendererFileFor('app://lab-planner/assets/index-abc.js', root)).toBe(path.join(root, 'assets', 'index-abc.js'));
  });

  it('never maps outside the renderer folder', () => {
    for (const url of ['app://lab-planner/a/..%2f..%2fsecret', 'app://lab-planner/.env', 'app://other/index.html', 'file:///etc/passwd'])
      expect(rendererFileFor(url, root), url).toBeNull();
    // URL parsing already folds a literal ../ at the root back into the folder.
    expect(rendererFileFor('app://lab-planner/../secret', root)).toBe(path.join(root, 'secret'));
  });
});
