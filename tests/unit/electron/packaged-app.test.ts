// The installed app (app.isPackaged) against the stand-in Electron: developer overrides in the
// environment are ignored, and pages get no devices.
import { describe, it, expect, vi, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_PAGE, startMainProcess } from './stand-in-electron.js';

const fake = await vi.hoisted(async () => (await import('./stand-in-electron.js')).standInElectron({ isPackaged: true }));
vi.mock('electron', () => fake.electron);
vi.mock('node:child_process', () => fake.childProcess);

const planted = mkdtempSync(join(tmpdir(), 'lab-planner-planted-'));

beforeAll(async () => {
  writeFileSync(join(planted, 'index.html'), '<script>steal()</script>');
  writeFileSync(join(planted, 'better_sqlite3.node'), 'not a binding');
  process.env.LAB_PLANNER_RENDERER_DIR = planted;
  process.env.LAB_PLANNER_SQLITE_BINDING = join(planted, 'better_sqlite3.node');
  await startMainProcess(fake, ['/opt/Lab Planner/lab-planner']);
});

afterAll(() => {
  delete process.env.LAB_PLANNER_RENDERER_DIR;
  delete process.env.LAB_PLANNER_SQLITE_BINDING;
  rmSync(fake.app.getPath(), { recursive: true, force: true });
  rmSync(planted, { recursive: true, force: true });
});

describe('the packaged app', () => {
  it('serves its window from its own files, not from a folder LAB_PLANNER_RENDERER_DIR names', async () => {
    await fake.state.protocolHandlers.get('app')!(new Request(APP_PAGE));
    expect(fake.state.fetched.some((url) => url.includes(planted))).toBe(false);
  });

  it('starts the service without LAB_PLANNER_SQLITE_BINDING, so it loads the SQLite binding it was packaged with', () => {
    expect(fake.state.serviceEnvironments).toHaveLength(1);
    const [env] = fake.state.serviceEnvironments;
    expect(env.LAB_PLANNER_SQLITE_BINDING).toBeUndefined();
    expect(env.LAB_PLANNER_RENDERER_DIR).toBeUndefined();
    expect(env.LAB_PLANNER_STATE_DIR).toBe(fake.app.getPath());
  });

  it('denies a page HID, serial and USB devices, as it denies every other permission', () => {
    const devicePermission = fake.state.sessionHandlers.get('device-permission')!;
    for (const deviceType of ['hid', 'serial', 'usb']) expect(devicePermission({ deviceType, origin: 'app://lab-planner', device: {} })).toBe(false);
    const picked: unknown[][] = [];
    const event = { prevented: 0, preventDefault() {
      this.prevented++;
    } };
    fake.state.sessionHandlers.get('select-hid-device')!(event, { deviceList: [{ deviceId: 'kbd' }] }, (...a: unknown[]) => picked.push(a));
    fake.state.sessionHandlers.get('select-usb-device')!(event, { deviceList: [{ deviceId: 'stick' }] }, (...a: unknown[]) => picked.push(a));
    fake.state.sessionHandlers.get('select-serial-port')!(event, [{ portId: 'ttyS0' }], {}, (...a: unknown[]) => picked.push(a));
    expect(event.prevented).toBe(3);
    expect(picked).toEqual([[], [], ['']]);
    expect(fake.state.sessionHandlers.get('permission-check')!({}, 'hid')).toBe(false);
  });
});
