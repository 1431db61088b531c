// The Electron main process: windows, menu, dialogs, single instance, IPC binding. Decisions live in
// the electron-free modules beside it; this file only wires them to Electron.
import { app, BrowserWindow, Menu, dialog, ipcMain, nativeTheme, net, protocol, screen, session, shell, utilityProcess, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fail, type AppCommand, type DocumentStatus, type Result } from '../../shared/api.js';
import { appRoot, rendererDir as defaultRendererDir } from '../service/app-paths.js';
import { windowOptions, permissionAllowed, deviceAllowed, RENDERER_CSP } from './window-options.js';
import { APP_SCHEME, APP_START_URL, devServerUrl, isAppUrl, rendererFileFor, type AppOrigin } from './sender-check.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL, MAX_IMPORT_BYTES, checkIpcCall, dialogStepFor } from './ipc-contract.js';
import { isAllowedExternalLink } from './external-links.js';
import { menuTemplate, type MenuSpec } from './menu-template.js';
import { cascade, parseWindowState, restoreBounds, type SavedWindowState } from './window-state.js';
import { labFileFromArgv, isOpenableLabPath } from './launch-files.js';
import { ServiceConnection, type ServiceChannel } from './service-connection.js';
import { WindowDocuments } from './window-documents.js';
import { HandedOutPaths, withHandedOutPathOnly } from './window-paths.js';
import { honouredEnvironment } from './developer-overrides.js';
// The preload is compiled with the main process (to CommonJS, as a sandboxed preload must be).
import type * as _preload from './preload.cjs';

type Startup = { path: string } | { example: string } | null;

const here = path.dirname(fileURLToPath(import.meta.url));
const env = honouredEnvironment(process.env, app.isPackaged);
const origin: AppOrigin = { devUrl: app.isPackaged ? null : devServerUrl(env.LAB_PLANNER_DEV_URL) };
const rendererRoot = env.LAB_PLANNER_RENDERER_DIR ?? defaultRendererDir(appRoot(import.meta.url));
const windowStateFile = () => path.join(app.getPath('userData'), 'window-state.json');
const documents = new WindowDocuments();
/** Paths main gave a window (launch files, recent list, dialog answers); no other path from a window is used. */
const handedOut = new HandedOutPaths();
const startups = new Map<number, Startup>();
const confirmedClose = new Set<number>();
let service: ServiceConnection;
let theme: 'light' | 'dark' | 'system' = 'system';
let pendingOpen: string | null = null;

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, cwd) => {
    const file = labFileFromArgv(argv, cwd);
    if (file) openInWindow(file);
    else focusAnyWindow();
  });
  // macOS: double-click in Finder or a drop on the Dock icon, possibly before the app is ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (!isOpenableLabPath(file)) return;
    if (app.isReady()) openInWindow(file);
    else pendingOpen = file;
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(null);
  });
  app.on('will-quit', () => {
    quitting = true;
    service?.stop();
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionAllowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
  session.defaultSession.setDevicePermissionHandler((details) => deviceAllowed(details.deviceType));
  // A page asking to pick a device gets none (an empty choice cancels the request).
  session.defaultSession.on('select-hid-device', (event, _details, callback) => (event.preventDefault(), callback()));
  session.defaultSession.on('select-usb-device', (event, _details, callback) => (event.preventDefault(), callback()));
  session.defaultSession.on('select-serial-port', (event, _ports, _contents, callback) => (event.preventDefault(), callback('')));
  protocol.handle(APP_SCHEME, serveRendererFile);
  service = startService();
  const file = pendingOpen ?? labFileFromArgv(process.argv, process.cwd());
  createWindow(file ? { path: file } : null);
  await refreshMenu();
}

// ---- the service process ----------------------------------------------------------------------

const MAX_SERVICE_RESTARTS = 3;
let serviceRestarts = 0;
let quitting = false;
app.on('before-quit', () => (quitting = true));

function startService(): ServiceConnection {
  const script = path.join(here, 'service-process.js');
  const channel = app.isPackaged ? utilityChannel(script) : nodeChannel(script);
  const connection = new ServiceConnection(channel);
  connection.onEvent((event, payload) => {
    if (event === 'document.changed') noteDocumentChanged(payload as DocumentStatus);
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT_CHANNEL, event, payload);
  });
  // A crashed service loses its open labs but not their autosaves: a new one offers them for recovery.
  channel.onExit(() => {
    if (quitting || serviceRestarts >= MAX_SERVICE_RESTARTS) return;
    serviceRestarts++;
    service = startService();
  });
  return connection;
}

/** Keeps the close prompt's list current and shows the unsaved mark macOS puts in the close button. */
function noteDocumentChanged(status: DocumentStatus): void {
  documents.noteChanged(status);
  const tracked = documents.ofAll().find((d) => d.docId === status.docId);
  const win = tracked ? BrowserWindow.fromId(tracked.windowId) : null;
  if (!win || process.platform !== 'darwin') return;
  win.setDocumentEdited(status.dirty);
  if (status.path) win.setRepresentedFilename(status.path);
}

/** Packaged: Electron's utilityProcess, with better-sqlite3 rebuilt for Electron by electron-builder. */
function utilityChannel(script: string): ServiceChannel {
  const child = utilityProcess.fork(script, [], { serviceName: 'Lab Planner service', env: { ...env, LAB_PLANNER_STATE_DIR: app.getPath('userData') } });
  return {
    post: (m) => child.postMessage(m),
    onMessage: (l) => child.on('message', l),
    onExit: (l) => child.on('exit', l),
    kill: () => child.kill(),
  };
}

/** Development: a Node child, so the Node build of better-sqlite3 the tests use serves the app too. */
function nodeChannel(script: string): ServiceChannel {
  const childEnv: NodeJS.ProcessEnv = { ...env, LAB_PLANNER_STATE_DIR: app.getPath('userData') };
  delete childEnv.ELECTRON_RUN_AS_NODE;
  const child = fork(script, [], {
    execPath: env.LAB_PLANNER_NODE ?? 'node',
    env: childEnv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    post: (m) => child.send(m as object),
    onMessage: (l) => child.on('message', l),
    onExit: (l) => {
      child.on('exit', l);
      child.on('error', () => l(null)); // no `node` to start it with
    },
    kill: () => child.kill(),
  };
}

// ---- windows ----------------------------------------------------------------------------------

function createWindow(startup: Startup): BrowserWindow {
  const saved = readWindowState();
  const restored = restoreBounds(saved, screen.getAllDisplays().map((d) => d.workArea));
  const bounds = cascade(restored, BrowserWindow.getAllWindows().length);
  const win = new BrowserWindow(windowOptions(path.join(here, 'preload.cjs'), bounds, nativeTheme.shouldUseDarkColors));
  startups.set(win.webContents.id, startup);
  if (startup && 'path' in startup) handedOut.handOut(startup.path, 'open');
  if (restored.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => confirmClose(win, event));
  const holder = holderOf(win);
  win.on('closed', () => {
    confirmedClose.delete(win.id);
    service.release(holder);
  });
  void win.loadURL(origin.devUrl ?? APP_START_URL);
  return win;
}

function openInWindow(file: string): void {
  const showing = documents.windowShowing(file);
  const existing = showing === null ? null : BrowserWindow.fromId(showing);
  if (existing) {
    if (existing.isMinimized()) existing.restore();
    existing.focus();
    return;
  }
  createWindow({ path: file });
}

function focusAnyWindow(): void {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (!win) return void createWindow(null);
  if (win.isMinimized()) win.restore();
  win.focus();
}

function readWindowState(): SavedWindowState | null {
  try {
    return parseWindowState(readFileSync(windowStateFile(), 'utf8'));
  } catch {
    return null;
  }
}

function saveWindowState(win: BrowserWindow): void {
  const b = win.getNormalBounds();
  const state: SavedWindowState = { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
  try {
    mkdirSync(path.dirname(windowStateFile()), { recursive: true });
    writeFileSync(windowStateFile(), JSON.stringify(state));
  } catch {
    // Forgetting the window position is not worth an error.
  }
}

/** The unsaved-changes prompt: Save, Don't Save or Cancel, for every unsaved lab of the window. */
function confirmClose(win: BrowserWindow, event: Electron.Event): void {
  saveWindowState(win);
  if (confirmedClose.has(win.id)) return;
  const unsaved = documents.unsavedOfWindow(win.id);
  const closeDocs = async (discard: boolean) => {
    for (const doc of documents.ofWindow(win.id)) await service.call('lab.close', { docId: doc.docId, discard }, holderOf(win));
    documents.forgetWindow(win.id);
  };
  event.preventDefault();
  if (unsaved.length === 0) {
    void closeDocs(false).finally(() => finishClose(win));
    return;
  }
  const names = unsaved.map((d) => d.displayName).join(', ');
  const choice = dialog.showMessageBoxSync(win, {
    type: 'warning',
    buttons: ['Save', 'Don’t Save', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    message: `Save the changes to ${names}?`,
    detail: 'Your changes are lost if you don’t save them.',
  });
  if (choice === 2) return;
  void (async () => {
    if (choice === 0) for (const doc of unsaved) if (!(await saveFromMain(win, doc.docId, doc.displayName))) return;
    await closeDocs(choice === 1);
    finishClose(win);
  })();
}

function finishClose(win: BrowserWindow): void {
  confirmedClose.add(win.id);
  if (!win.isDestroyed()) win.close();
}

async function saveFromMain(win: BrowserWindow, docId: string, displayName: string): Promise<boolean> {
  let saved: Result<unknown> = await service.call('lab.save', { docId }, holderOf(win));
  if (!saved.ok && (saved.error.code === 'needs-path' || saved.error.code === 'read-only')) {
    const target = await chooseLabToSave(win, displayName);
    if (!target) return false;
    saved = await service.call('lab.saveAs', { docId, path: target, overwrite: true }, holderOf(win));
  }
  if (!saved.ok) dialog.showMessageBoxSync(win, { type: 'error', message: 'The lab was not saved', detail: saved.error.message });
  return saved.ok;
}

// ---- security --------------------------------------------------------------------------------

function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, origin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, origin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** app://lab-planner/… → the built renderer, with the strict CSP on every page. */
async function serveRendererFile(request: Request): Promise<Response> {
  const file = rendererFileFor(request.url, rendererRoot);
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
  const response = await net.fetch(pathToFileURL(file).href, { bypassCustomProtocolHandlers: true });
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', RENDERER_CSP);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(response.body, { status: response.status, headers });
}

// ---- IPC -------------------------------------------------------------------------------------

ipcMain.handle(INVOKE_CHANNEL, async (event, request: unknown, params: unknown) => {
  const checked = checkIpcCall(event.senderFrame, origin, request, params);
  if (!checked.ok) return { ok: false, error: checked.error };
  const win = BrowserWindow.fromWebContents(event.sender);
  if (!win) return fail('internal', 'the window that asked is gone');
  const result = await invokeForWindow(win, checked.request, checked.params);
  if (checked.request === 'recent.list' && result.ok) handOutRecent(result.value);
  documents.noteResult(win.id, checked.request, checked.params, result);
  if (result.ok && ['lab.open', 'lab.saveAs', 'lab.save', 'recent.clear'].includes(checked.request)) void refreshMenu();
  return result;
});

async function invokeForWindow(win: BrowserWindow, request: string, params: unknown): Promise<Result<unknown>> {
  const p = withHandedOutPathOnly(request, params as Record<string, unknown>, handedOut);
  if (request === 'app.info') {
    const info = await service.call('app.info', {});
    return info.ok ? { ok: true, value: { ...info.value, startup: startups.get(win.webContents.id) ?? null } } : info;
  }
  switch (dialogStepFor(request as never, p)) {
    case 'choose-lab-to-open': {
      const chosen = await dialog.showOpenDialog(win, {
        title: 'Open Lab',
        properties: ['openFile'],
        filters: [{ name: 'Lab files', extensions: ['lab'] }, { name: 'Lab JSON exports', extensions: ['json'] }],
      });
      if (chosen.canceled || !chosen.filePaths[0]) return fail('cancelled', 'no lab was chosen');
      p.path = chosen.filePaths[0];
      handedOut.handOut(chosen.filePaths[0], 'open');
      break;
    }
    case 'choose-lab-to-save': {
      const current = documents.ofWindow(win.id).find((d) => d.docId === p.docId);
      const target = await chooseLabToSave(win, current?.displayName ?? 'lab');
      if (!target) return fail('cancelled', 'no file name was chosen');
      p.path = target;
      break;
    }
    case 'choose-json-to-import': {
      const chosen = await dialog.showOpenDialog(win, { title: 'Import Lab JSON', properties: ['openFile'], filters: [{ name: 'Lab JSON', extensions: ['json'] }] });
      const file = chosen.filePaths[0];
      if (chosen.canceled || !file) return fail('cancelled', 'no file was chosen');
      const size = (await stat(file).catch(() => null))?.size ?? 0;
      if (size > MAX_IMPORT_BYTES) return fail('bad-file', `${path.basename(file)} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; not a lab document`);
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text === null) return fail('file-error', `${path.basename(file)} cannot be read`);
      p.text = text;
      p.fileName = path.basename(file);
      break;
    }
    case 'choose-hyperv-folder': {
      const chosen = await dialog.showOpenDialog(win, { title: 'Import from Hyper-V: the folder holding one folder per host', properties: ['openDirectory'] });
      if (chosen.canceled || !chosen.filePaths[0]) return fail('cancelled', 'no folder was chosen');
      p.path = chosen.filePaths[0];
      handedOut.handOut(chosen.filePaths[0], 'open');
      break;
    }
    case 'choose-json-export-file': {
      const exported = await service.call('lab.exportJson', { docId: p.docId }, holderOf(win));
      if (!exported.ok) return exported;
      const chosen = await dialog.showSaveDialog(win, { properties: ['showOverwriteConfirmation'], title: 'Export Lab JSON', defaultPath: exported.value.fileName, filters: [{ name: 'Lab JSON', extensions: ['json'] }] });
      if (chosen.canceled || !chosen.filePath) return fail('cancelled', 'no file name was chosen');
      const written = await writeFile(chosen.filePath, exported.value.text).then(() => true, () => false);
      if (!written) return fail('file-error', `${path.basename(chosen.filePath)} cannot be written`);
      return { ok: true, value: { ...exported.value, savedTo: chosen.filePath } };
    }
    case 'choose-capture-file': {
      const chosen = await dialog.showSaveDialog(win, { properties: ['showOverwriteConfirmation'], title: 'Export Capture', defaultPath: 'capture.pcap', filters: [{ name: 'Packet captures', extensions: ['pcap'] }] });
      if (chosen.canceled || !chosen.filePath) return fail('cancelled', 'no file name was chosen');
      p.path = chosen.filePath.toLowerCase().endsWith('.pcap') ? chosen.filePath : `${chosen.filePath}.pcap`;
      break;
    }
    case 'choose-pcapng-file': {
      const chosen = await dialog.showSaveDialog(win, { properties: ['showOverwriteConfirmation'], title: 'Export All Captures', defaultPath: 'captures.pcapng', filters: [{ name: 'pcapng captures', extensions: ['pcapng'] }] });
      if (chosen.canceled || !chosen.filePath) return fail('cancelled', 'no file name was chosen');
      p.path = chosen.filePath.toLowerCase().endsWith('.pcapng') ? chosen.filePath : `${chosen.filePath}.pcapng`;
      break;
    }
    case 'choose-capture-folder': {
      const chosen = await dialog.showOpenDialog(win, { title: 'Export Captures to Folder', properties: ['openDirectory', 'createDirectory'] });
      if (chosen.canceled || !chosen.filePaths[0]) return fail('cancelled', 'no folder was chosen');
      p.path = chosen.filePaths[0];
      break;
    }
    case 'choose-report-file': {
      const chosen = await dialog.showSaveDialog(win, { properties: ['showOverwriteConfirmation'], title: 'Export Report', defaultPath: 'report.html', filters: [{ name: 'HTML report', extensions: ['html'] }] });
      if (chosen.canceled || !chosen.filePath) return fail('cancelled', 'no file name was chosen');
      p.path = /\.html?$/i.test(chosen.filePath) ? chosen.filePath : `${chosen.filePath}.html`;
      break;
    }
    case null:
      break;
  }
  return service.request(request, p, holderOf(win));
}

/** Each window holds the labs it opened; a lab open in two windows closes when the last lets go. */
function holderOf(win: BrowserWindow): string {
  return `window-${win.id}`;
}

async function chooseLabToSave(win: BrowserWindow, displayName: string): Promise<string | null> {
  const base = displayName.replace(/\.lab$/i, '').replace(/[\\/:*?"<>|]+/g, '-') || 'lab';
  const chosen = await dialog.showSaveDialog(win, { properties: ['showOverwriteConfirmation'], title: 'Save Lab', defaultPath: `${base}.lab`, filters: [{ name: 'Lab files', extensions: ['lab'] }] });
  if (chosen.canceled || !chosen.filePath) return null;
  const target = chosen.filePath.toLowerCase().endsWith('.lab') ? chosen.filePath : `${chosen.filePath}.lab`;
  handedOut.handOut(target, 'open');
  handedOut.handOut(target, 'write');
  return target;
}

// ---- menu ------------------------------------------------------------------------------------

function handOutRecent(list: unknown): void {
  for (const file of (list as { files: { path: string }[] }).files) handedOut.handOut(file.path, 'open');
}

async function refreshMenu(): Promise<void> {
  const recent = await service.call('recent.list', {});
  if (recent.ok) handOutRecent(recent.value);
  const spec = menuTemplate({
    platform: process.platform,
    recent: recent.ok ? recent.value.files.map((f) => ({ path: f.path, displayName: f.displayName })) : [],
    theme,
    devTools: !app.isPackaged,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(spec.map(toMenuItem)));
}

function toMenuItem(item: MenuSpec): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'role':
      return { role: item.role, label: item.label };
    case 'submenu':
      return { label: item.label, role: item.role, submenu: item.items.map(toMenuItem) };
    case 'open-recent':
      return { label: item.label, click: () => openInWindow(item.path) };
    case 'clear-recent':
      return { label: item.label, enabled: item.enabled, click: () => void service.call('recent.clear', {}).then(refreshMenu) };
    case 'command':
      return {
        label: item.label,
        accelerator: item.accelerator,
        ...(item.shownOnly ? { registerAccelerator: false } : {}),
        type: item.radioGroup ? 'radio' : 'normal',
        checked: item.checked,
        click: () => sendCommand(item.command),
      };
  }
}

function sendCommand(command: AppCommand): void {
  if (command === 'theme-light' || command === 'theme-dark' || command === 'theme-system') {
    theme = command === 'theme-light' ? 'light' : command === 'theme-dark' ? 'dark' : 'system';
    nativeTheme.themeSource = theme;
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT_CHANNEL, 'app.command', { command });
    void refreshMenu();
    return;
  }
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (win) win.webContents.send(EVENT_CHANNEL, 'app.command', { command });
  else if (command === 'new' || command === 'open' || command === 'new-from-example') createWindow(null);
}
