import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { writeFileSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import { serviceOn, tempWorkspace, value } from './support.js';
import type { LabService } from '../../../src-main/service/service.js';
import type { DocumentState, DocumentStatus, EditOp, Result } from '../../../shared/api.js';
import type { DrillReport } from '../../../shared/drill.js';

let root: string;
let workspace: string;
let stateDir: string;
let service: LabService;

const open = async (s: LabService, request: string, params: unknown) => value<DocumentState>(await s.handle(request, params));
const errorOf = (result: Result<unknown>) => (result.ok ? null : result.error);
const nextEvent = (s: LabService, name: 'file.changedOnDisk' | 'recovery.available') =>
  new Promise<unknown>((resolve) => {
    const off = s.events.on(name, (payload) => {
      off();
      resolve(payload);
    });
  });

const newService = (extra: { watchIntervalMs?: number; autosaveDelayMs?: number } = {}) => serviceOn({ root, workspace, stateDir }, extra);

beforeEach(async () => {
  ({ root, workspace, stateDir } = tempWorkspace('lab-planner-service-'));
  service = await newService();
});

afterEach(async () => {
  await service.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('the lab service', () => {
  it('lists the bundled examples, the driver catalogue and the host it runs in', async () => {
    const examples = value<{ examples: { id: string }[] }>(await service.handle('examples.list', {}));
    expect(examples.examples.map((e) => e.id)).toContain('field-report');
    const drivers = value<{ profiles: { id: string }[] }>(await service.handle('drivers.list', {}));
    expect(drivers.profiles.map((p) => p.id)).toContain('broadcom-basp-2009-12-15');
    const info = value<{ host: string; canPickFiles: boolean; workspace: string }>(await service.handle('app.info', {}));
    expect(info).toMatchObject({ host: 'browser', canPickFiles: false });
  });

  it('applies an edit command, and its inverse brings back the same document (undo)', async () => {
    const doc = await open(service, 'lab.new', { from: { kind: 'example', id: 'field-report' } });
    const guest1 = doc.document.vms.findIndex((v) => v.name === 'Guest1');
    const toStatic: EditOp[] = [
      { op: 'set', path: ['vms', guest1, 'macMode'], value: 'static' },
      { op: 'set', path: ['vms', guest1, 'staticMac'], value: '00-15-5d-00-20-01' },
    ];
    const edited = value<DocumentStatus>(await service.handle('lab.edit', { docId: doc.docId, baseRevision: 0, ops: toStatic }));
    expect(edited).toMatchObject({ revision: 1, dirty: true, problems: [] });
    const after = await open(service, 'lab.get', { docId: doc.docId });
    expect(after.document.vms[guest1]).toMatchObject({ macMode: 'static', staticMac: '00-15-5D-00-20-01' });
    const undo: EditOp[] = [
      { op: 'set', path: ['vms', guest1, 'macMode'], value: 'dynamic' },
      { op: 'remove', path: ['vms', guest1, 'staticMac'] },
    ];
    value(await service.handle('lab.edit', { docId: doc.docId, baseRevision: 1, ops: undo }));
    expect((await open(service, 'lab.get', { docId: doc.docId })).document).toEqual(doc.document);
  });

  it('refuses an edit that breaks the schema and leaves the document as it was', async () => {
    const doc = await open(service, 'lab.new', { from: { kind: 'example', id: 'field-report' } });
    const result = await service.handle('lab.edit', {
      docId: doc.docId,
      baseRevision: 0,
      ops: [{ op: 'set', path: ['vms', 0, 'name'], value: 'Renamed' }, { op: 'set', path: ['vms', 0, 'ip'], value: '1.1.1.999' }],
    });
    expect(errorOf(result)?.code).toBe('invalid-lab');
    expect(errorOf(result)?.problems?.[0]).toMatchObject({ path: 'vms[0].ip', message: expect.stringContaining('IPv4') });
    const now = await open(service, 'lab.get', { docId: doc.docId });
    expect(now.revision).toBe(0);
    expect(now.document.vms[0].name).toBe(doc.document.vms[0].name);
  });

  it('keeps a cross-reference problem in the document and reports it for the problems panel', async () => {
    const doc = await open(service, 'lab.new', { from: { kind: 'example', id: 'field-report' } });
    const status = value<DocumentStatus>(
      await service.handle('lab.edit', { docId: doc.docId, baseRevision: 0, ops: [{ op: 'set', path: ['vms', 0, 'host'], value: 'HostZ' }] }),
    );
    expect(status.problems).toContainEqual({ path: 'vms[0].host', message: 'host "HostZ" does not exist' });
    const run = await service.handle('drills.run', { docId: doc.docId, runId: 'r' });
    expect(errorOf(run)?.code).toBe('invalid-lab');
  });

  it('refuses an edit made against an older revision', async () => {
    const doc = await open(service, 'lab.new', { from: { kind: 'empty' } });
    const op = { op: 'set', path: ['meta', 'title'], value: 'Lab A' };
    value(await service.handle('lab.edit', { docId: doc.docId, baseRevision: 0, ops: [op] }));
    expect(errorOf(await service.handle('lab.edit', { docId: doc.docId, baseRevision: 0, ops: [op] }))?.code).toBe('stale-revision');
  });

  it('runs the field report drills and reports the stale team entry after migrate-then-restart', async () => {
    const doc = await open(service, 'lab.new', { from: { kind: 'example', id: 'field-report' } });
    const progress: number[] = [];
    service.events.on('run.progress', (p) => progress.push(p.done));
    const report = value<DrillReport>(await service.handle('drills.run', { docId: doc.docId, runId: 'all' }));
    expect(report.drills.map((d) => d.name)).toEqual(doc.document.drills.map((d) => d.name));
    const failed = report.drills.find((d) => d.name === 'migrate-then-restart')!;
    expect(failed.passed).toBe(false);
    expect(failed.vms.find((v) => v.name === 'Guest1')?.diagnosis?.code).toBe('stale-team-vm-mac');
    expect(progress.at(-1)).toBe(doc.document.drills.length);
  });

  it('cancels a drill run on request', async () => {
    const doc = await open(service, 'lab.new', { from: { kind: 'example', id: 'field-report' } });
    const running = service.handle('drills.run', { docId: doc.docId, runId: 'long' });
    expect(value(await service.handle('run.cancel', { runId: 'long' }))).toEqual({ cancelled: true });
    expect(errorOf(await running)?.code).toBe('cancelled');
  });

  it('saves, refuses to close with unsaved changes, and closes without saving when asked', async () => {
    const doc = await open(service, 'lab.new', { from: { kind: 'example', id: 'field-report' } });
    expect(errorOf(await service.handle('lab.save', { docId: doc.docId }))?.code).toBe('needs-path');
    const saved = value<DocumentStatus>(await service.handle('lab.saveAs', { docId: doc.docId, path: 'field.lab' }));
    expect(saved).toMatchObject({ path: 'field.lab', displayName: 'field.lab', dirty: false });
    value(await service.handle('lab.edit', { docId: doc.docId, baseRevision: saved.revision, ops: [{ op: 'set', path: ['meta', 'author'], value: 'Ada' }] }));
    expect(errorOf(await service.handle('lab.close', { docId: doc.docId }))?.code).toBe('unsaved-changes');
    value(await service.handle('lab.close', { docId: doc.docId, discard: true }));
    const reopened = await open(service, 'lab.open', { path: 'field.lab' });
    expect(reopened.document.meta.author).toBe(doc.document.meta.author);
    const recent = value<{ files: { path: string }[] }>(await service.handle('recent.list', {}));
    expect(recent.files[0].path).toBe('field.lab');
  });

  it('refuses to save over a copy another engineer saved since the lab was opened', async () => {
    const doc = await open(service, 'lab.new', { from: { kind: 'example', id: 'field-report' } });
    value(await service.handle('lab.saveAs', { docId: doc.docId, path: 'shared.lab' }));
    const colleague = await newService();
    const theirs = await open(colleague, 'lab.open', { path: 'shared.lab' });
    value(await colleague.handle('lab.edit', { docId: theirs.docId, baseRevision: 0, ops: [{ op: 'set', path: ['meta', 'author'], value: 'Colleague' }] }));
    value(await colleague.handle('lab.save', { docId: theirs.docId }));
    await colleague.dispose();
    value(await service.handle('lab.edit', { docId: doc.docId, baseRevision: 0, ops: [{ op: 'set', path: ['meta', 'author'], value: 'Me' }] }));
    const mine = await service.handle('lab.save', { docId: doc.docId });
    expect(errorOf(mine)?.code).toBe('changed-on-disk');
  });

  it('tells the window when the open file is changed by someone else', async () => {
    const watching = await newService({ watchIntervalMs: 20 });
    try {
      const doc = await open(watching, 'lab.new', { from: { kind: 'example', id: 'field-report' } });
      value(await watching.handle('lab.saveAs', { docId: doc.docId, path: 'watched.lab' }));
      const changed = nextEvent(watching, 'file.changedOnDisk');
      const colleague = await newService();
      const theirs = await open(colleague, 'lab.open', { path: 'watched.lab' });
      value(await colleague.handle('lab.edit', { docId: theirs.docId, baseRevision: 0, ops: [{ op: 'set', path: ['meta', 'author'], value: 'X' }] }));
      value(await colleague.handle('lab.save', { docId: theirs.docId }));
      await colleague.dispose();
      expect(await changed).toEqual({ docId: doc.docId, path: 'watched.lab' });
      const reloaded = await open(watching, 'lab.reload', { docId: doc.docId });
      expect(reloaded.document.meta.author).toBe('X');
    } finally {
      await watching.dispose();
    }
  });

  it('offers the unsaved work of a session that ended without saving, and restores it', async () => {
    const doc = await open(service, 'lab.new', { from: { kind: 'example', id: 'field-report' } });
    value(await service.handle('lab.edit', { docId: doc.docId, baseRevision: 0, ops: [{ op: 'set', path: ['meta', 'title'], value: 'Work in progress' }] }));
    await waitFor(async () => {
      const probe = await newService();
      const listed = value<{ entries: unknown[] }>(await probe.handle('recovery.list', {}));
      await probe.dispose();
      return listed.entries.length > 0;
    });
    await service.dispose(); // the "crash": the autosave stays
    const next = await newService();
    const listed = value<{ entries: { id: string; title: string }[] }>(await next.handle('recovery.list', {}));
    const entry = listed.entries.find((e) => e.title === 'Work in progress')!;
    const restored = await open(next, 'recovery.restore', { id: entry.id });
    expect(restored).toMatchObject({ dirty: true, path: null });
    expect(restored.document.meta.title).toBe('Work in progress');
    await next.dispose();
  });

  it('offers the autosaved work on a saved lab when the file is opened again', async () => {
    const doc = await open(service, 'lab.new', { from: { kind: 'example', id: 'field-report' } });
    const saved = value<DocumentStatus>(await service.handle('lab.saveAs', { docId: doc.docId, path: 'crash.lab' }));
    value(await service.handle('lab.edit', { docId: doc.docId, baseRevision: saved.revision, ops: [{ op: 'set', path: ['meta', 'author'], value: 'Unsaved' }] }));
    await waitFor(async () => existsSync(path.join(stateDir, 'recovery')) && (await import('node:fs')).readdirSync(path.join(stateDir, 'recovery')).length > 0);
    await service.dispose();
    const next = await newService();
    const offered = nextEvent(next, 'recovery.available');
    const reopened = await open(next, 'lab.open', { path: 'crash.lab' });
    const { entries } = (await offered) as { entries: { id: string; path: string }[] };
    expect(entries[0].path).toBe('crash.lab');
    const restored = await open(next, 'recovery.restore', { id: entries[0].id });
    expect(restored).toMatchObject({ docId: reopened.docId, dirty: true });
    expect(restored.document.meta.author).toBe('Unsaved');
    await next.dispose();
  });

  it('opens a damaged file as an error naming the file, and stays usable', async () => {
    writeFileSync(path.join(workspace, 'broken.lab'), 'this is not a lab file at all');
    const result = await service.handle('lab.open', { path: 'broken.lab' });
    expect(errorOf(result)?.code).toBe('bad-file');
    expect(errorOf(result)?.message).toContain('broken.lab');
    expect((await service.handle('examples.list', {})).ok).toBe(true);
  });

  it('exports stable JSON and imports it back to the same document', async () => {
    const doc = await open(service, 'lab.new', { from: { kind: 'example', id: 'field-report' } });
    const exported = value<{ text: string; fileName: string }>(await service.handle('lab.exportJson', { docId: doc.docId }));
    expect(exported.fileName).toMatch(/\.lab\.json$/);
    const imported = await open(service, 'lab.importJson', { text: exported.text, fileName: 'copy.lab.json' });
    expect(imported.document).toEqual(doc.document);
    const again = value<{ text: string }>(await service.handle('lab.exportJson', { docId: imported.docId }));
    expect(again.text).toBe(exported.text);
    expect(errorOf(await service.handle('lab.importJson', { text: '{"hosts": 3}', fileName: 'bad.lab.json' }))?.code).toBe('invalid-lab');
  });

  it('runs the design checks and finds the learn-once team risk in the field report', async () => {
    const doc = await open(service, 'lab.new', { from: { kind: 'example', id: 'field-report' } });
    const { findings } = value<{ findings: { code: string }[] }>(await service.handle('lab.lint', { docId: doc.docId }));
    expect(findings.map((f) => f.code)).toContain('learn-once-team-dynamic-macs');
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition never became true');
}

describe('the what-if matrix through the service', () => {
  it('answers matrix.run for the field report with cells that lose Guest1', async () => {
    const doc = await open(service, 'lab.new', { from: { kind: 'example', id: 'field-report' } });
    const matrix = value<{ cells: unknown[]; vms: string[]; losses: { vm: number }[] }>(await service.handle('matrix.run', { docId: doc.docId, runId: 'm1' }));
    expect(matrix.cells.length).toBeGreaterThan(0);
    expect(matrix.losses.some((l) => matrix.vms[l.vm] === 'Guest1')).toBe(true);
  });
});
