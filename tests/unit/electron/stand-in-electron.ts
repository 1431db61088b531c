// A stand-in for the `electron` module (no Electron binary here) and for the service child, recording
// what the main process asks of them. The service answers every request from `serviceAnswers`.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

export function standInElectron(options: { isPackaged: boolean }) {
  const state = {
    appHandlers: new Map<string, Handler[]>(),
    ipcHandlers: new Map<string, Handler>(),
    sessionHandlers: new Map<string, Handler>(),
    windows: [] as FakeWindow[],
    menus: [] as unknown[],
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, Handler>(),
    openedExternally: [] as string[],
    fetched: [] as string[],
    messageBoxAnswers: [] as number[],
    messageBoxes: [] as unknown[],
    sentToService: [] as { id: number; request: string; params: unknown }[],
    serviceEnvironments: [] as NodeJS.ProcessEnv[],
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
    isPackaged: options.isPackaged,
    requestSingleInstanceLock: () => true,
    quit: vi.fn(),
    isReady: () => true,
    getPath: () => `${process.env.TMPDIR ?? '/tmp'}/lab-planner-main-wiring-${process.pid}-${options.isPackaged ? 'packaged' : 'dev'}`,
    on(name: string, fn: Handler) {
      state.appHandlers.set(name, [...(state.appHandlers.get(name) ?? []), fn]);
      return app;
    },
    whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
  };

  /** The service: a Node child in development, a utilityProcess when packaged; both answer alike. */
  const serviceChild = (env: NodeJS.ProcessEnv | undefined, answer: (message: unknown) => void) => {
    state.serviceEnvironments.push(env ?? {});
    const child = new EventEmitter() as EventEmitter & { send: (m: unknown) => void; postMessage: (m: unknown) => void; kill: () => void };
    child.send = child.postMessage = (m) => {
      const message = m as { id: number; request: string; params: unknown };
      state.sentToService.push(message);
      const value = state.serviceAnswers.get(message.request) ?? {};
      queueMicrotask(() => answer.call(child, { kind: 'response', id: message.id, result: { ok: true, value } }));
    };
    child.kill = () => undefined;
    return child;
  };

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => state.menus.push(m) },
    dialog: {
      showMessageBoxSync: (_w: unknown, o: unknown) => {
        state.messageBoxes.push(o);
        return state.messageBoxAnswers.shift() ?? 2;
      },
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    ipcMain: { handle: (channel: string, fn: Handler) => state.ipcHandlers.set(channel, fn) },
    nativeTheme: { shouldUseDarkColors: false, themeSource: 'system' },
    net: {
      fetch: async (url: string) => {
        state.fetched.push(url);
        return new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } });
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown) => state.schemes.push(s),
      handle: (scheme: string, fn: Handler) => state.protocolHandlers.set(scheme, fn),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Handler) => state.sessionHandlers.set('permission-request', fn),
        setPermissionCheckHandler: (fn: Handler) => state.sessionHandlers.set('permission-check', fn),
        setDevicePermissionHandler: (fn: Handler) => state.sessionHandlers.set('device-permission', fn),
        on: (name: string, fn: Handler) => state.sessionHandlers.set(name, fn),
      },
    },
    shell: { openExternal: async (url: string) => void state.openedExternally.push(url) },
    utilityProcess: {
      fork: (_script: string, _args: string[], o: { env?: NodeJS.ProcessEnv }) =>
        serviceChild(o.env, function (this: EventEmitter, m) {
          this.emit('message', m);
        }),
    },
  };
  const childProcess = {
    fork: (_script: string, _args: string[], o: { env?: NodeJS.ProcessEnv }) =>
      serviceChild(o.env, function (this: EventEmitter, m) {
        this.emit('message', m);
      }),
  };
  return { state, app, electron, childProcess };
}

export const APP_PAGE = 'app://lab-planner/index.html';

/** What the window's preload would send: a request from `frameUrl`, in window `win`. */
export function invoker(fake: ReturnType<typeof standInElectron>) {
  return (frameUrl: string, request: unknown, params: unknown, win = fake.state.windows[0]) =>
    fake.state.ipcHandlers.get('lab-planner:invoke')!({ senderFrame: { url: frameUrl, parent: null }, sender: win.webContents }, request, params) as Promise<{
      ok: boolean;
      value?: Record<string, unknown>;
      error?: { code: string; message: string };
    }>;
}

/** Loads the main process against the stand-in and lets the app become ready. */
export async function startMainProcess(fake: ReturnType<typeof standInElectron>, argv: string[]): Promise<void> {
  fake.state.serviceAnswers.set('app.info', { apiVersion: 1, appVersion: '0.1.0', host: 'electron', canPickFiles: true, workspace: null, startup: null });
  fake.state.serviceAnswers.set('recent.list', { files: [] });
  process.argv = argv;
  await import('../../../src-main/electron/main.js');
  fake.state.ready!();
  await vi.waitFor(() => {
    if (!fake.state.menus.length) throw new Error('no menu yet');
  });
}
