// The main process wired to a stand-in Electron (no binary here): windows, IPC checks, navigation, the close prompt.
import { describe, it, expect, vi, beforeAll, afterAll } from 'vitest';
import { EventEmitter } from 'node:events';
import { rmSync } from 'node:fs';

const fake = vi.hoisted(() => {
  const state = {
    appHandlers: new Map<string, ((...args: unknown[]) => unknown)[]>(),
    ipcHandlers: new Map<string, (...args: unknown[]) => unknown>(),
    windows: [] as FakeWindow[],
    menus: [] as unknown[],
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, unknown>(),
    openedExternally: [] as string[],
    messageBoxAnswers: [] as number[],
    messageBoxes: [] as unknown[],
    sentToService: [] as { id: number; request: string; params: unknown }[],
    serviceAnswers: new Map<string, unknown>(),
    ready: null as null | (() => void),
  };
  class FakeWebContents {
    static nextId = 1;
    id = FakeWebContents.nextId++;
    sent: unknown[][] = [];
    send(...args: unknown[]) {
      this.sent.push(args);
    }
  }
  class FakeWindow {
    static nextId = 1;
    id = FakeWindow.nextId++;
    webContents = new FakeWebContents();
    handlers = new Map<string, ((...a: unknown[]) => void)[]>();
    loaded: string | null = null;
    destroyed = false;
    closed = false;
    constructor(public options: Record<string, unknown>) {
      state.windows.push(this);
    }
    on(name: string, fn: (...a: unknown[]) => void) {
      this.handlers.set(name, [...(this.handlers.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: (...a: unknown[]) => void) {
      return this.on(name, fn);
    }
    emit(name: string, ...args: unknown[]) {
      for (const fn of this.handlers.get(name) ?? []) fn(...args);
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    maximize() {}
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    isDestroyed() {
      return this.destroyed;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1200, height: 800 };
    }
    close() {
      this.closed = true;
      this.emit('close', { preventDefault() {} });
    }
    setDocumentEdited() {}
    setRepresentedFilename() {}
    static getAllWindows() {
      return state.windows.filter((w) => !w.destroyed);
    }
    static getFocusedWindow() {
      return state.windows[0] ?? null;
    }
    static fromId(id: number) {
      return state.windows.find((w) => w.id === id) ?? null;
    }
    static fromWebContents(contents: FakeWebContents) {
      return state.windows.find((w) => w.webContents === contents) ?? null;
    }
  }
  const app = {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    quit: vi.fn(),
    isReady: () => true,
    getPath: () => `${process.env.TMPDIR ?? '/tmp'}/lab-planner-main-wiring-${process.pid}`,
    on(name: string, fn: (...args: unknown[]) => unknown) {
      state.appHandlers.set(name, [...(state.appHandlers.get(name) ?? []), fn]);
      return app;
    },
    whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
  };
  return { state, FakeWindow, app };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.FakeWindow,
  Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => fake.state.menus.push(m) },
  dialog: {
    showMessageBoxSync: (_w: unknown, options: unknown) => {
      fake.state.messageBoxes.push(options);
      return fake.state.messageBoxAnswers.shift() ?? 2;
    },
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
  },
  ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => fake.state.ipcHandlers.set(channel, fn) },
  nativeTheme: { shouldUseDarkColors: false, themeSource: 'system' },
  net: { fetch: vi.fn() },
  protocol: {
    registerSchemesAsPrivileged: (s: unknown) => fake.state.schemes.push(s),
    handle: (scheme: string, fn: unknown) => fake.state.protocolHandlers.set(scheme, fn),
  },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
  shell: { openExternal: async (url: string) => void fake.state.openedExternally.push(url) },
  utilityProcess: { fork: vi.fn() },
}));

vi.mock('node:child_process', () => ({
  fork: () => {
    const child = new EventEmitter() as EventEmitter & { send: (m: unknown) => void; kill: () => void };
    child.send = (m) => {
      const message = m as { id: number; request: string; params: unknown };
      fake.state.sentToService.push(message);
      const value = fake.state.serviceAnswers.get(message.request) ?? {};
      queueMicrotask(() => child.emit('message', { kind: 'response', id: message.id, result: { ok: true, value } }));
    };
    child.kill = () => undefined;
    return child;
  },
}));

const APP_PAGE = 'app://lab-planner/index.html';
const invoke = (frameUrl: string, request: unknown, params: unknown, win = fake.state.windows[0]) =>
  fake.state.ipcHandlers.get('lab-planner:invoke')!({ senderFrame: { url: frameUrl, parent: null }, sender: win.webContents }, request, params) as Promise<{
    ok: boolean;
    value?: Record<string, unknown>;
    error?: { code: string; message: string };
  }>;

beforeAll(async () => {
  fake.state.serviceAnswers.set('app.info', { apiVersion: 1, appVersion: '0.1.0', host: 'electron', canPickFiles: true, workspace: null, startup: null });
  fake.state.serviceAnswers.set('recent.list', { files: [] });
  process.argv = ['electron', '/work/main', 'labs/field.lab'];
  await import('../../../src-main/electron/main.js');
  fake.state.ready!();
  await vi.waitFor(() => expect(fake.state.menus.length).toBeGreaterThan(0));
});

afterAll(() => rmSync(fake.app.getPath(), { recursive: true, force: true }));

describe('the main process', () => {
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
