// The main process wired to a stand-in Electron (no binary here): windows, IPC checks, navigation, the close prompt.
import { describe, it, expect, vi, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_PAGE, invoker, startMainProcess } from './stand-in-electron.js';

const fake = await vi.hoisted(async () => (await import('./stand-in-electron.js')).standInElectron({ isPackaged: false }));
vi.mock('electron', () => fake.electron);
vi.mock('node:child_process', () => fake.childProcess);

const invoke = invoker(fake);
const devRenderer = mkdtempSync(join(tmpdir(), 'lab-planner-dev-renderer-'));

beforeAll(async () => {
  writeFileSync(join(devRenderer, 'index.html'), '<!doctype html>');
  process.env.LAB_PLANNER_RENDERER_DIR = devRenderer;
  process.env.LAB_PLANNER_SQLITE_BINDING = '/home/dev/better-sqlite3/build/Release/better_sqlite3.node';
  await startMainProcess(fake, ['electron', '/work/main', 'labs/field.lab']);
});

afterAll(() => {
  delete process.env.LAB_PLANNER_RENDERER_DIR;
  delete process.env.LAB_PLANNER_SQLITE_BINDING;
  rmSync(fake.app.getPath(), { recursive: true, force: true });
  rmSync(devRenderer, { recursive: true, force: true });
});

describe('the main process', () => {
  it('serves the window from the folder a development run names in LAB_PLANNER_RENDERER_DIR', async () => {
    await fake.state.protocolHandlers.get('app')!(new Request(APP_PAGE));
    expect(fake.state.fetched.at(-1)).toBe(pathToFileURL(join(devRenderer, 'index.html')).href);
  });

  it('hands a development run’s LAB_PLANNER_SQLITE_BINDING on to the service', () => {
    expect(fake.state.serviceEnvironments[0].LAB_PLANNER_SQLITE_BINDING).toBe('/home/dev/better-sqlite3/build/Release/better_sqlite3.node');
  });

  it('registers the app scheme and serves the renderer through it', () => {
    expect(fake.state.schemes[0]).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(fake.state.protocolHandlers.has('app')).toBe(true);
  });

  it('opens one sandboxed, isolated window on the app page', () => {
    const [win] = fake.state.windows;
    expect(win.loaded).toBe(APP_PAGE);
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: expect.stringMatching(/preload\.cjs$/) });
  });

  it('refuses IPC from any page but its own, and payloads that break the contract', async () => {
    expect(await invoke('https://evil.example/', 'app.info', {})).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await invoke(APP_PAGE, 'lab.open', { path: 5 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(fake.state.sentToService.some((m) => m.request === 'lab.open')).toBe(false);
  });

  it('tells the window which lab it was started with', async () => {
    const info = await invoke(APP_PAGE, 'app.info', {});
    expect(info.value?.startup).toEqual({ path: expect.stringMatching(/labs[\\/]field\.lab$/) });
  });

  it('answers a cancelled open dialog without asking the service', async () => {
    expect(await invoke(APP_PAGE, 'lab.open', {})).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('opens the lab it was started with when the window names it', async () => {
    const info = await invoke(APP_PAGE, 'app.info', {});
    const startup = (info.value?.startup as { path: string }).path;
    await invoke(APP_PAGE, 'lab.open', { path: startup });
    expect(fake.state.sentToService.find((m) => m.request === 'lab.open')?.params).toEqual({ path: startup });
  });

  it('shows the save dialog instead of writing where a window says, for a path main never handed out', async () => {
    const before = fake.state.sentToService.length;
    expect(await invoke(APP_PAGE, 'lab.saveAs', { docId: 'doc-1', path: '/home/u/.bashrc' })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await invoke(APP_PAGE, 'report.export', { docId: 'doc-1', path: '/anything', saveToFile: true })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await invoke(APP_PAGE, 'lab.open', { path: '/etc/shadow.lab' })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(fake.state.sentToService.slice(before)).toEqual([]);
  });

  it('denies new windows and navigation away, opening only allow-listed links outside', () => {
    const handlers: Record<string, (...a: unknown[]) => void> = {};
    let openHandler: (d: { url: string }) => { action: string } = () => ({ action: 'allow' });
    const contents = {
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
      on: (name: string, fn: (...a: unknown[]) => void) => (handlers[name] = fn),
    };
    for (const fn of fake.state.appHandlers.get('web-contents-created') ?? []) fn({}, contents);
    expect(openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'https://learn.microsoft.com/x' })).toEqual({ action: 'deny' });
    expect(fake.state.openedExternally).toEqual(['https://learn.microsoft.com/x']);
    const navigation = { prevented: false, preventDefault() {
      this.prevented = true;
    } };
    handlers['will-navigate'](navigation, 'https://evil.example/');
    expect(navigation.prevented).toBe(true);
  });

  it('asks before closing a window with unsaved changes, and keeps it open on Cancel', async () => {
    fake.state.serviceAnswers.set('lab.new', { docId: 'doc-1', path: null, displayName: 'Untitled lab', dirty: true, revision: 1, savedRevision: 0, readOnly: false, problems: [] });
    await invoke(APP_PAGE, 'lab.new', { from: { kind: 'empty' } });
    const [win] = fake.state.windows;
    fake.state.messageBoxAnswers.push(2);
    const event = { prevented: false, preventDefault() {
      this.prevented = true;
    } };
    win.emit('close', event);
    expect(event.prevented).toBe(true);
    expect(fake.state.messageBoxes.at(-1)).toMatchObject({ buttons: ['Save', 'Don’t Save', 'Cancel'], message: expect.stringContaining('Untitled lab') });
    expect(win.closed).toBe(false);
  });

  it('closes without saving on Don’t Save, discarding the lab in the service', async () => {
    const [win] = fake.state.windows;
    fake.state.messageBoxAnswers.push(1);
    win.emit('close', { preventDefault() {} });
    await vi.waitFor(() => expect(win.closed).toBe(true));
    expect(fake.state.sentToService.find((m) => m.request === 'lab.close')?.params).toEqual({ docId: 'doc-1', discard: true });
  });
});
