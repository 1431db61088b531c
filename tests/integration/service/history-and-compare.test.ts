// The service side of the window's run history, "Compare with…" and "Export all captures" (issue 12).
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { removeWorkspace, serviceOn, tempWorkspace, value, type TempWorkspace } from './support.js';
import type { LabService } from '../../../src-main/service/service.js';
import { requests, type ApiError, type DocumentState, type RequestValue, type Result } from '../../../shared/api.js';
import { listRunHistory } from '../../../src-main/store/index.js';
import { listElements } from '../../../src-renderer/stores/elements.js';

let ws: TempWorkspace;
let service: LabService;

const errorOf = (result: Result<unknown>): ApiError | null => (result.ok ? null : result.error);
const fieldReport = async () => value<DocumentState>(await service.handle('lab.new', { from: { kind: 'example', id: 'field-report' } }));
const EXAMPLE = path.resolve(import.meta.dirname, '../../../examples/field-report.lab.json');
const tsharkPresent = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;

/** Guest1 switched to a static MAC outside both hosts' pools, as the inspector does. */
async function makeGuest1Static(doc: DocumentState, revision = doc.revision): Promise<void> {
  const i = doc.document.vms.findIndex((v) => v.name === 'Guest1');
  value(await service.handle('lab.edit', { docId: doc.docId, baseRevision: revision, ops: [
    { op: 'set', path: ['vms', i, 'macMode'], value: 'static' },
    { op: 'set', path: ['vms', i, 'staticMac'], value: '00-15-5D-99-00-01' },
  ] }));
}

beforeEach(async () => {
  ws = tempWorkspace('lab-planner-history-');
  service = await serviceOn(ws);
});

afterEach(async () => {
  await service.dispose();
  removeWorkspace(ws);
});

describe('run history of an open lab', () => {
  it('keeps the runs of a lab never saved, numbered oldest first, and writes them into the file on save', async () => {
    const doc = await fieldReport();
    value(await service.handle('drills.run', { docId: doc.docId, runId: 'a', record: true }));
    value(await service.handle('drills.run', { docId: doc.docId, runId: 'b', drills: ['live-migrate'], record: true }));
    value(await service.handle('drills.run', { docId: doc.docId, runId: 'c', drills: ['live-migrate'] }));
    const listed = value<RequestValue<'runs.list'>>(await service.handle('runs.list', { docId: doc.docId }));
    expect(requests['runs.list'].result.parse(listed)).toEqual(listed);
    expect(listed.runs.map((r) => [r.run, r.inFile, r.passed, r.drills.length])).toEqual([[1, false, false, 7], [2, false, true, 1]]);
    expect(listed.runs[0].drills.find((d) => d.name === 'migrate-then-restart')).toEqual({ name: 'migrate-then-restart', passed: false });

    value(await service.handle('lab.saveAs', { docId: doc.docId, path: 'field.lab' }));
    expect(listRunHistory(path.join(ws.workspace, 'field.lab')).map((r) => r.drills.length)).toEqual([7, 1]);
    const after = value<RequestValue<'runs.list'>>(await service.handle('runs.list', { docId: doc.docId }));
    expect(after.runs.map((r) => [r.run, r.inFile])).toEqual([[1, true], [2, true]]);
  });

  it('records a run of a saved lab in its file at once, without reporting the file as changed by someone else', async () => {
    const watching = await serviceOn(ws, { watchIntervalMs: 20 });
    try {
      const doc = value<DocumentState>(await watching.handle('lab.new', { from: { kind: 'example', id: 'field-report' } }));
      value(await watching.handle('lab.saveAs', { docId: doc.docId, path: 'saved.lab' }));
      const changed: unknown[] = [];
      watching.events.on('file.changedOnDisk', (e) => changed.push(e));
      value(await watching.handle('drills.run', { docId: doc.docId, runId: 'r', drills: ['live-migrate'], record: true }));
      expect(listRunHistory(path.join(ws.workspace, 'saved.lab'))).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 120));
      expect(changed).toEqual([]);
      const status = value<{ dirty: boolean }>(await watching.handle('lab.save', { docId: doc.docId }));
      expect(status.dirty).toBe(false);
    } finally {
      await watching.dispose();
    }
  });

  it('opens one run with its full results and compares two in the domain\'s words', async () => {
    const doc = await fieldReport();
    const first = value<RequestValue<'drills.run'>>(await service.handle('drills.run', { docId: doc.docId, runId: 'a', record: true }));
    await makeGuest1Static(doc);
    value(await service.handle('drills.run', { docId: doc.docId, runId: 'b', record: true }));

    const opened = value<RequestValue<'runs.get'>>(await service.handle('runs.get', { docId: doc.docId, run: 1 }));
    expect(opened.report).toEqual(first);
    expect(opened.run).toMatchObject({ run: 1, passed: false, inFile: false });

    const compared = value<RequestValue<'runs.compare'>>(await service.handle('runs.compare', { docId: doc.docId, from: 1, to: 2 }));
    expect(requests['runs.compare'].result.parse(compared)).toEqual(compared);
    const drill = compared.drills.find((d) => d.drill === 'migrate-then-restart')!;
    expect(drill).toMatchObject({ from: 'failed', to: 'passed' });
    expect(drill.changes.map((c) => c.text)).toEqual([
      'drill migrate-then-restart: failed → passed',
      expect.stringMatching(/^VM Guest1 regained the network \(/),
    ]);
    expect(compared.same).toBe(false);
  });

  it('refuses a run the lab does not have, naming how many it has', async () => {
    const doc = await fieldReport();
    value(await service.handle('drills.run', { docId: doc.docId, runId: 'a', drills: ['live-migrate'], record: true }));
    expect(errorOf(await service.handle('runs.get', { docId: doc.docId, run: 3 }))).toEqual({ code: 'not-found', message: `${doc.document.meta.title} has no run #3 (it has 1 recorded run)` });
    expect(errorOf(await service.handle('runs.compare', { docId: doc.docId, from: 1, to: 0 }))?.code).toBe('invalid-request');
    expect(errorOf(await service.handle('runs.list', { docId: 'doc-99' }))?.code).toBe('not-found');
  });

  // Root writes read-only files anyway, so there is nothing to see as root.
  it.skipIf(process.getuid?.() === 0)('keeps a run pending when the lab file cannot be written, and writes it once saved elsewhere', async () => {
    const doc = await fieldReport();
    value(await service.handle('lab.saveAs', { docId: doc.docId, path: 'locked.lab' }));
    const locked = path.join(ws.workspace, 'locked.lab');
    chmodSync(locked, 0o444);
    try {
      value(await service.handle('drills.run', { docId: doc.docId, runId: 'a', drills: ['live-migrate'], record: true }));
      const listed = value<RequestValue<'runs.list'>>(await service.handle('runs.list', { docId: doc.docId }));
      expect(listed.runs.map((r) => r.inFile)).toEqual([false]);
      value(await service.handle('lab.saveAs', { docId: doc.docId, path: 'moved.lab' }));
      expect(listRunHistory(path.join(ws.workspace, 'moved.lab'))).toHaveLength(1);
    } finally {
      chmodSync(locked, 0o644);
    }
  });
});

describe('comparing the open lab with another lab', () => {
  it('words the differences as lab-planner diff does, with the canvas elements they are about', async () => {
    const doc = await fieldReport();
    await makeGuest1Static(doc);
    const compared = value<RequestValue<'lab.compare'>>(await service.handle('lab.compare', { docId: doc.docId, example: 'field-report' }));
    expect(requests['lab.compare'].result.parse(compared)).toEqual(compared);
    expect(compared.other).toBe('field-report.lab.json');
    expect(compared.changes.map((c) => c.text)).toEqual(['VM Guest1: MAC mode dynamic → static', 'VM Guest1: static MAC (none) → 00-15-5D-99-00-01']);
    expect(compared.changes[0]).toMatchObject({ kind: 'changed', entity: 'vm', name: 'Guest1', field: 'MAC mode', elements: ['vm:Guest1'] });
  });

  it('reads a .lab.json or .lab file of the workspace, and every element it names is on the canvas', async () => {
    copyFileSync(EXAMPLE, path.join(ws.workspace, 'theirs.lab.json'));
    const doc = await fieldReport();
    const i = doc.document.cables.findIndex((c) => 'nic' in c.a && c.a.host === 'HostB' && c.a.nic === 'NIC4');
    value(await service.handle('lab.edit', { docId: doc.docId, baseRevision: doc.revision, ops: [
      { op: 'set', path: ['switches', 1, 'ports'], value: 48 },
      { op: 'set', path: ['hosts', 1, 'nics', 2, 'vendor'], value: 'Intel' },
      { op: 'remove', path: ['cables', i] },
    ] }));
    const state = value<DocumentState>(await service.handle('lab.get', { docId: doc.docId }));
    const compared = value<RequestValue<'lab.compare'>>(await service.handle('lab.compare', { docId: doc.docId, path: 'theirs.lab.json' }));
    expect(compared.other).toBe('theirs.lab.json');
    const drawn = new Set(listElements(state.document).map((e) => e.id));
    for (const c of compared.changes) for (const id of c.elements) expect(drawn, `${c.text} → ${id}`).toContain(id);
    expect(compared.changes.find((c) => c.entity === 'switch')?.elements).toEqual(['switch:switch2']);
    expect(compared.changes.find((c) => c.entity === 'nic')?.elements).toEqual(['nic:HostB/NIC3']);
    expect(compared.changes.find((c) => c.entity === 'cable')).toMatchObject({ kind: 'removed', elements: [] });

    value(await service.handle('lab.saveAs', { docId: doc.docId, path: 'ours.lab' }));
    const other = await fieldReport();
    const withLab = value<RequestValue<'lab.compare'>>(await service.handle('lab.compare', { docId: other.docId, path: 'ours.lab' }));
    // From the other lab to the open one: the open example still has the ports it came with.
    expect(withLab.changes.map((c) => c.text)).toContain(`switch switch2: ports 48 → ${doc.document.switches[1].ports}`);
  });

  it('refuses a path outside the workspace, a missing file and an unknown example in the words of each', async () => {
    const doc = await fieldReport();
    expect(errorOf(await service.handle('lab.compare', { docId: doc.docId, path: '../outside.lab' }))?.code).toBe('path-refused');
    expect(errorOf(await service.handle('lab.compare', { docId: doc.docId, path: 'missing.lab' }))?.code).toBe('file-error');
    expect(errorOf(await service.handle('lab.compare', { docId: doc.docId, example: 'no-such' }))).toEqual({ code: 'not-found', message: 'there is no example called "no-such"' });
    expect(errorOf(await service.handle('lab.compare', { docId: doc.docId }))?.code).toBe('needs-path');
    expect(errorOf(await service.handle('lab.compare', { docId: doc.docId, path: 'a.lab', example: 'field-report' }))?.code).toBe('invalid-request');
  });
});

describe('export all captures as one pcapng file', () => {
  it('gives one pcapng download with every point, or writes it to a .pcapng path in the workspace', async () => {
    const doc = await fieldReport();
    const points = ['HostB/NIC3', 'switch1/port2', 'Client1', 'Guest1'];
    const out = value<RequestValue<'capture.export'>>(await service.handle('capture.export', { docId: doc.docId, drill: 'migrate-then-restart', points, format: 'pcapng' }));
    expect(requests['capture.export'].result.parse(out)).toEqual(out);
    expect(out.files).toHaveLength(1);
    expect(out.files[0]).toMatchObject({ point: 'HostB/NIC3, switch1/port2, Client1, Guest1', elementId: '', fileName: 'migrate-then-restart--all-points.pcapng', savedTo: null });
    const bytes = Buffer.from(out.files[0].base64!, 'base64');
    expect(bytes.readUInt32LE(0)).toBe(0x0a0d0d0a);
    expect(bytes.length).toBe(out.files[0].sizeBytes);

    const saved = value<RequestValue<'capture.export'>>(await service.handle('capture.export', { docId: doc.docId, drill: 'migrate-then-restart', points, format: 'pcapng', path: 'all.pcapng' }));
    expect(saved.files[0].savedTo).toBe('all.pcapng');
    expect(readFileSync(path.join(ws.workspace, 'all.pcapng'))).toEqual(bytes);
    expect(errorOf(await service.handle('capture.export', { docId: doc.docId, drill: 'migrate-then-restart', format: 'pcapng', path: 'all.pcap' }))?.code).toBe('path-refused');
  });

  it.skipIf(!tsharkPresent)('names every frame\'s capture point as tshark reads the file', async () => {
    const doc = await fieldReport();
    const out = value<RequestValue<'capture.export'>>(await service.handle('capture.export', { docId: doc.docId, drill: 'live-migrate', points: ['HostB/NIC3', 'Client1', 'Guest1'], format: 'pcapng' }));
    const file = path.join(ws.root, 'all.pcapng');
    writeFileSync(file, Buffer.from(out.files[0].base64!, 'base64'));
    const names = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.interface_name'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, HOME: ws.root } })
      .trim()
      .split('\n');
    expect(names).toHaveLength(out.files[0].frames);
    expect(new Set(names)).toEqual(new Set(['HostB/NIC3', 'Client1', 'Guest1 (virtual switch port)']));
  });
});
