// The service side of the window's what-if view, capture export and report export (issue 5, "In the window").
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, existsSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { removeWorkspace, serviceOn, tempWorkspace, value, type TempWorkspace } from './support.js';
import type { LabService } from '../../../src-main/service/service.js';
import { requests, events as eventSchemas, type EventPayload, type DocumentState, type Result, type RequestValue, type ApiError } from '../../../shared/api.js';
import { listElements } from '../../../src-renderer/stores/elements.js';
import type { Lab } from '../../../shared/lab.js';
import { expandCells, expandMatrixView } from '../../../shared/matrix-view.js';
import { generatedLab } from '../../bench/matrix.js';

let ws: TempWorkspace;
let workspace: string;
let service: LabService;

const errorOf = (result: Result<unknown>): ApiError | null => (result.ok ? null : result.error);
const fieldReport = async () => value<DocumentState>(await service.handle('lab.new', { from: { kind: 'example', id: 'field-report' } }));
const PCAP_MAGIC_LE = [0xd4, 0xc3, 0xb2, 0xa1];

beforeEach(async () => {
  ws = tempWorkspace('lab-planner-window-exports-');
  workspace = ws.workspace;
  service = await serviceOn(ws);
});

afterEach(async () => {
  await service.dispose();
  removeWorkspace(ws);
});

describe('the what-if matrix as the window shows it', () => {
  it('gives every cell its id, VM, canvas elements, column label and status', async () => {
    const doc = await fieldReport();
    const answer = value<RequestValue<'matrix.run'>>(await service.handle('matrix.run', { docId: doc.docId, runId: 'm' }));
    expect(requests['matrix.run'].result.parse(answer)).toEqual(answer);
    const matrix = expandMatrixView(answer);
    expect(matrix.vms).toEqual(['Guest1', 'Guest2']);
    const canvasIds = new Set(listElements(doc.document).map((e) => e.id));
    for (const cell of matrix.cells) {
      expect(cell.id).not.toBe('');
      for (const id of cell.elements) expect(canvasIds, `${cell.id} highlights ${id}`).toContain(id);
    }
    expect(new Set(matrix.cells.map((c) => c.id)).size).toBe(matrix.cells.length);
    const staleMac = matrix.cells.find((c) => c.id === 'vm:Guest1/migrate-restart:HostB')!;
    expect(staleMac).toMatchObject({
      vm: 'Guest1',
      event: 'migrate-restart',
      label: 'live-migrate to HostB, then restart',
      status: 'lost',
      elements: ['vm:Guest1', 'host:HostB'],
      lostVms: [{ vm: 'Guest1', code: 'stale-team-vm-mac' }],
    });
    expect(matrix.cells.find((c) => c.id === 'fail:switch:switch1')).toMatchObject({ vm: null, status: 'client-isolated', elements: ['switch:switch1'] });
    expect(matrix.groups[0]).toMatchObject({ status: 'lost', cells: expect.any(Array), vms: expect.any(Array) });
    expect(matrix.lostAny).toBe(true);
  });

  it('streams every cell once as it finishes, the header first, adding up to the answer', async () => {
    const doc = await fieldReport();
    const events: EventPayload<'matrix.cells'>[] = [];
    const off = service.events.on('matrix.cells', (e) => events.push(e));
    const answer = value<RequestValue<'matrix.run'>>(await service.handle('matrix.run', { docId: doc.docId, runId: 'stream', depth: 2 }));
    off();
    for (const e of events) expect(eventSchemas['matrix.cells'].parse(e)).toEqual(e);
    expect(events[0]).toMatchObject({ runId: 'stream', docId: doc.docId, done: 0, cells: [] });
    const header = events[0].header!;
    expect(header.total).toBe(answer.cells.length);
    const streamed = events.flatMap((e) => expandCells(header, e)).sort((a, b) => a.index - b.index);
    expect(streamed).toEqual(expandMatrixView(answer).cells);
    expect(events.at(-1)).toMatchObject({ done: answer.cells.length, total: answer.cells.length });
  });

  it('answers the matrix of the 256-VM lab in under 500 KB, each case described once', async () => {
    const doc = value<DocumentState>(await service.handle('lab.importJson', { text: JSON.stringify(generatedLab(16, 16)) }));
    const answer = value<RequestValue<'matrix.run'>>(await service.handle('matrix.run', { docId: doc.docId, runId: 'big' }));
    expect(answer.cells).toHaveLength(8411);
    expect(JSON.stringify(answer).length).toBeLessThan(500_000);
  });

  it('opens a cell: its drill, rebuilt from the id, run in full gives the same verdict as the matrix cell, for every cell', async () => {
    const doc = await fieldReport();
    const matrix = expandMatrixView(value<RequestValue<'matrix.run'>>(await service.handle('matrix.run', { docId: doc.docId, runId: 'm' })));
    for (const cell of matrix.cells) {
      const opened = value<RequestValue<'matrix.runCell'>>(await service.handle('matrix.runCell', { docId: doc.docId, cellId: cell.id }));
      expect(opened.cell, cell.id).toEqual(cell);
      expect(opened.drill.steps.length, cell.id).toBeGreaterThan(0);
      if (cell.status === 'client-isolated') continue;
      expect(opened.result.passed, cell.id).toBe(cell.status === 'ok');
      expect(opened.result.vms.filter((v) => !v.passed).map((v) => [v.name, v.diagnosis?.code ?? null])).toEqual(cell.lostVms.map((l) => [l.vm, l.code]));
    }
    const opened = value<RequestValue<'matrix.runCell'>>(await service.handle('matrix.runCell', { docId: doc.docId, cellId: 'vm:Guest1/migrate-restart:HostB' }));
    expect(requests['matrix.runCell'].result.parse(opened)).toEqual(opened);
    expect(opened.result.steps.map((s) => s.label).join(' / ')).toMatch(/migrat/i);
    expect(opened.result.vms[0].diagnosis?.code).toBe('stale-team-vm-mac');
  });

  it('runs a pair-of-failures cell found in the depth-2 matrix', async () => {
    const doc = await fieldReport();
    const matrix = expandMatrixView(value<RequestValue<'matrix.run'>>(await service.handle('matrix.run', { docId: doc.docId, runId: 'm2', depth: 2 })));
    const pair = matrix.cells.find((c) => c.kind === 'failure-pair')!;
    expect(pair.id.startsWith('fail2:')).toBe(true);
    const opened = value<RequestValue<'matrix.runCell'>>(await service.handle('matrix.runCell', { docId: doc.docId, cellId: pair.id }));
    expect(opened.cell.status).toBe(pair.status);
  });

  it('leaves the document alone; the cell drill can be added with lab.edit and runs like the cell', async () => {
    const doc = await fieldReport();
    const opened = value<RequestValue<'matrix.runCell'>>(await service.handle('matrix.runCell', { docId: doc.docId, cellId: 'vm:Guest1/migrate-restart:HostB' }));
    expect(value<DocumentState>(await service.handle('lab.get', { docId: doc.docId })).revision).toBe(0);
    expect(doc.document.drills.map((d) => d.name)).not.toContain(opened.drillToAdd.name);
    const added = value<{ problems: unknown[] }>(
      await service.handle('lab.edit', { docId: doc.docId, baseRevision: 0, ops: [{ op: 'insert', path: ['drills'], value: opened.drillToAdd }] }),
    );
    expect(added.problems).toEqual([]);
    const report = value<RequestValue<'drills.run'>>(await service.handle('drills.run', { docId: doc.docId, runId: 'd', drills: [opened.drillToAdd.name] }));
    expect(report.drills[0].passed).toBe(false);
    expect(report.drills[0].vms[0].diagnosis?.code).toBe('stale-team-vm-mac');
    const again = value<RequestValue<'matrix.runCell'>>(await service.handle('matrix.runCell', { docId: doc.docId, cellId: 'vm:Guest1/migrate-restart:HostB' }));
    expect(again.drillToAdd.name).not.toBe(opened.drillToAdd.name);
  });

  it('says a cell is not found when the lab no longer has it', async () => {
    const doc = await fieldReport();
    const missing = errorOf(await service.handle('matrix.runCell', { docId: doc.docId, cellId: 'vm:Nobody/restart' }));
    expect(missing).toMatchObject({ code: 'not-found', message: expect.stringContaining('run it again') });
  });

  it('stops a matrix run on run.cancel and answers cancelled', async () => {
    const doc = await fieldReport();
    let cancelled: Promise<Result<unknown>> | null = null;
    const off = service.events.on('run.progress', (p) => {
      if (p.runId === 'big' && p.done > 0 && !cancelled) cancelled = service.handle('run.cancel', { runId: 'big' });
    });
    const answer = await service.handle('matrix.run', { docId: doc.docId, runId: 'big', depth: 2 });
    off();
    expect(errorOf(answer)).toMatchObject({ code: 'cancelled' });
    expect(value<{ cancelled: boolean }>(await cancelled!)).toEqual({ cancelled: true });
    // The run id is free again and a new run completes.
    expect((await service.handle('matrix.run', { docId: doc.docId, runId: 'big' })).ok).toBe(true);
  });
});

describe('export capture', () => {
  it('returns one pcap file per point as bytes that start with the pcap magic', async () => {
    const doc = await fieldReport();
    const exported = value<RequestValue<'capture.export'>>(
      await service.handle('capture.export', { docId: doc.docId, drill: 'migrate-then-restart', points: ['HostB/NIC3', 'switch1/port2', 'Client1', 'Guest1'] }),
    );
    expect(requests['capture.export'].result.parse(exported)).toEqual(exported);
    expect(exported).toMatchObject({ drill: 'migrate-then-restart', passed: false });
    expect(exported.files.map((f) => [f.point, f.elementId, f.fileName])).toEqual([
      ['HostB/NIC3', 'nic:HostB/NIC3', 'migrate-then-restart--HostB-NIC3.pcap'],
      ['switch1/port2', 'port:switch1/2', 'migrate-then-restart--switch1-port2.pcap'],
      ['Client1', 'client:Client1', 'migrate-then-restart--Client1.pcap'],
      ['Guest1', 'vm:Guest1', 'migrate-then-restart--Guest1-vport.pcap'],
    ]);
    for (const file of exported.files) {
      const bytes = Buffer.from(file.base64!, 'base64');
      expect([...bytes.subarray(0, 4)]).toEqual(PCAP_MAGIC_LE);
      expect(bytes.length).toBe(file.sizeBytes);
      expect(file.frames).toBeGreaterThan(0);
      expect(file.savedTo).toBeNull();
    }
  });

  it('captures where the CLI does when no point is chosen, and a matrix cell’s drill by its id', async () => {
    const doc = await fieldReport();
    const byDefault = value<RequestValue<'capture.export'>>(await service.handle('capture.export', { docId: doc.docId, drill: 'migrate-then-restart' }));
    expect(byDefault.files.map((f) => f.point)).toEqual(['HostA/NIC3', 'HostA/NIC4', 'HostB/NIC3', 'HostB/NIC4', 'Client1']);
    const points = value<RequestValue<'capture.points'>>(await service.handle('capture.points', { docId: doc.docId }));
    expect(points.points.filter((p) => p.byDefault).map((p) => p.point)).toEqual(byDefault.files.map((f) => f.point));
    const cell = value<RequestValue<'capture.export'>>(
      await service.handle('capture.export', { docId: doc.docId, cellId: 'vm:Guest1/migrate-restart:HostB', points: ['HostB/NIC3'] }),
    );
    expect(cell).toMatchObject({ drill: 'vm:Guest1/migrate-restart:HostB', passed: false });
    expect(cell.files[0].fileName).toBe('vm_Guest1_migrate-restart_HostB--HostB-NIC3.pcap');
  });

  it('names capture points it does not know, in the domain’s words', async () => {
    const doc = await fieldReport();
    const error = errorOf(await service.handle('capture.export', { docId: doc.docId, drill: 'migrate-then-restart', points: ['HostB/NIC9', 'switch1/port99', 'Client1'] }));
    expect(error).toMatchObject({ code: 'not-found' });
    expect(error!.message).toContain('"HostB/NIC9", "switch1/port99" are no capture points of this lab');
    expect(error!.message).toContain('a NIC (HostB/NIC3)');
    expect(errorOf(await service.handle('capture.export', { docId: doc.docId, drill: 'no-such-drill' }))).toMatchObject({
      code: 'not-found',
      message: 'the lab has no drill named "no-such-drill"',
    });
    expect(errorOf(await service.handle('capture.export', { docId: doc.docId, drill: 'migrate-then-restart', cellId: 'vm:Guest1/restart' }))).toMatchObject({
      code: 'invalid-request',
    });
  });

  it('writes the files into a workspace folder, or one point to a .pcap file', async () => {
    const doc = await fieldReport();
    const toFolder = value<RequestValue<'capture.export'>>(
      await service.handle('capture.export', { docId: doc.docId, drill: 'migrate-then-restart', points: ['HostB/NIC3', 'Client1'], path: 'captures/run 1' }),
    );
    expect(toFolder.files.map((f) => f.savedTo)).toEqual(['captures/run 1/migrate-then-restart--HostB-NIC3.pcap', 'captures/run 1/migrate-then-restart--Client1.pcap']);
    expect(toFolder.files[0].base64).toBeUndefined();
    expect(readdirSync(path.join(workspace, 'captures', 'run 1')).sort()).toEqual(['migrate-then-restart--Client1.pcap', 'migrate-then-restart--HostB-NIC3.pcap']);
    const one = value<RequestValue<'capture.export'>>(
      await service.handle('capture.export', { docId: doc.docId, drill: 'migrate-then-restart', points: ['HostB/NIC3'], path: 'teamB.pcap' }),
    );
    expect(one.files[0].savedTo).toBe('teamB.pcap');
    expect([...readFileSync(path.join(workspace, 'teamB.pcap')).subarray(0, 4)]).toEqual(PCAP_MAGIC_LE);
    expect(errorOf(await service.handle('capture.export', { docId: doc.docId, drill: 'migrate-then-restart', points: ['HostB/NIC3', 'Client1'], path: 'two.pcap' }))).toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('give a folder'),
    });
  });

  it('refuses paths that leave the workspace, by traversal, absolute path or link', async () => {
    const doc = await fieldReport();
    const outside = path.join(ws.root, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, path.join(workspace, 'escape'));
    const attempt = (p: string) => service.handle('capture.export', { docId: doc.docId, drill: 'migrate-then-restart', points: ['HostB/NIC3'], path: p });
    for (const p of ['../out.pcap', '../outside', outside, path.join(outside, 'x.pcap'), 'escape/x.pcap', 'escape', 'escape/deeper/folder'])
      expect(errorOf(await attempt(p)), p).toMatchObject({ code: 'path-refused' });
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(path.join(ws.root, 'out.pcap'))).toBe(false);
  });

  it('answers needs-path when asked to save with no path (the browser host has no dialog)', async () => {
    const doc = await fieldReport();
    expect(errorOf(await service.handle('capture.export', { docId: doc.docId, drill: 'migrate-then-restart', saveToFile: true }))).toMatchObject({ code: 'needs-path' });
    expect(errorOf(await service.handle('report.export', { docId: doc.docId, saveToFile: true }))).toMatchObject({ code: 'needs-path' });
  });
});

describe('export report', () => {
  const SCRIPT_NAME = '<script>alert(1)</script>';

  async function labWithScriptName(): Promise<DocumentState> {
    const doc = await fieldReport();
    const renamed = JSON.parse(JSON.stringify(doc.document).replaceAll('"Guest1"', JSON.stringify(SCRIPT_NAME))) as Lab;
    value(await service.handle('lab.replace', { docId: doc.docId, baseRevision: 0, document: renamed }));
    const state = value<DocumentState>(await service.handle('lab.get', { docId: doc.docId }));
    expect(state.problems).toEqual([]);
    return state;
  }

  it('returns the HTML with user text escaped, and counts what it holds', async () => {
    const doc = await labWithScriptName();
    const report = value<RequestValue<'report.export'>>(await service.handle('report.export', { docId: doc.docId }));
    expect(requests['report.export'].result.parse(report)).toEqual(report);
    expect(report.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(report.html).not.toContain(SCRIPT_NAME);
    expect(report.html).not.toMatch(/<script/i);
    expect(report).toMatchObject({ savedTo: null, drills: doc.document.drills.length, matrixCells: 45 });
    expect(report.checks).toBeGreaterThan(0);
    expect(report.fileName).toMatch(/-report\.html$/);
    expect(report.sizeBytes).toBe(Buffer.byteLength(report.html!, 'utf8'));
  });

  it('writes it into the workspace and refuses other places and other file types', async () => {
    const doc = await fieldReport();
    mkdirSync(path.join(workspace, 'reports'));
    const written = value<RequestValue<'report.export'>>(await service.handle('report.export', { docId: doc.docId, path: 'reports/change-42.html', includeMatrix: false }));
    expect(written).toMatchObject({ savedTo: 'reports/change-42.html', matrixCells: 0 });
    expect(written.html).toBeUndefined();
    expect(readFileSync(path.join(workspace, 'reports', 'change-42.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    for (const p of ['../report.html', path.join(ws.root, 'report.html'), 'reports/../../report.html'])
      expect(errorOf(await service.handle('report.export', { docId: doc.docId, path: p })), p).toMatchObject({ code: 'path-refused' });
    expect(errorOf(await service.handle('report.export', { docId: doc.docId, path: 'report.txt' }))).toMatchObject({ code: 'path-refused', message: expect.stringContaining('.html') });
    expect(errorOf(await service.handle('report.export', { docId: doc.docId, path: 'missing/report.html' }))).toMatchObject({ code: 'file-error' });
    expect(existsSync(path.join(ws.root, 'report.html'))).toBe(false);
  });

  it('streams progress with a run id and stops on run.cancel', async () => {
    const doc = await fieldReport();
    const progress: number[] = [];
    let cancelled = false;
    const off = service.events.on('run.progress', (p) => {
      if (p.runId !== 'report') return;
      progress.push(p.done);
      if (p.done >= 2 && !cancelled) {
        cancelled = true;
        void service.handle('run.cancel', { runId: 'report' });
      }
    });
    const answer = await service.handle('report.export', { docId: doc.docId, runId: 'report', depth: 2 });
    off();
    expect(errorOf(answer)).toMatchObject({ code: 'cancelled' });
    expect(progress.length).toBeGreaterThan(0);
  });
});

describe('design checks for the problems panel', () => {
  it('carry element ids the canvas has, for the field report and a lab with more risks', async () => {
    const doc = await fieldReport();
    const risky = structuredClone(doc.document);
    // Both team members of HostB on switch1, and Guest2 placed on a host that has no virtual switch uplink.
    const nic4 = risky.cables.find((c) => 'nic' in c.a && c.a.host === 'HostB' && c.a.nic === 'NIC4')!;
    nic4.b = { switch: 'switch1', port: 5 };
    risky.hosts[0].virtualSwitches[0].uplink = undefined as never;
    const riskyDoc = value<DocumentState>(await service.handle('lab.importJson', { text: JSON.stringify(risky), fileName: 'risky.lab.json' }));
    for (const state of [doc, riskyDoc]) {
      const lint = value<RequestValue<'lab.lint'>>(await service.handle('lab.lint', { docId: state.docId }));
      expect(requests['lab.lint'].result.parse(lint)).toEqual(lint);
      expect(lint.findings.length).toBeGreaterThan(0);
      const canvasIds = new Set(listElements(state.document).map((e) => e.id));
      for (const finding of lint.findings) {
        expect(finding.elements.length, finding.code).toBeGreaterThan(0);
        for (const element of finding.elements) expect(canvasIds, `${finding.code} names ${element.id}`).toContain(element.id);
      }
    }
    const codes = value<RequestValue<'lab.lint'>>(await service.handle('lab.lint', { docId: riskyDoc.docId })).findings.map((f) => f.code);
    expect(codes).toContain('team-members-same-switch');
  });
});

describe('a lab without a client', () => {
  it('cannot open a matrix cell or capture, and says why', async () => {
    const doc = await fieldReport();
    const lab = structuredClone(doc.document);
    lab.clients = [];
    lab.cables = lab.cables.filter((c) => !('client' in c.a) && !('client' in c.b));
    lab.drills = [];
    value(await service.handle('lab.replace', { docId: doc.docId, baseRevision: 0, document: lab }));
    for (const [request, params] of [
      ['matrix.runCell', { docId: doc.docId, cellId: 'vm:Guest1/restart' }],
      ['capture.export', { docId: doc.docId, cellId: 'vm:Guest1/restart' }],
    ] as const)
      expect(errorOf(await service.handle(request, params)), request).toMatchObject({ code: 'invalid-lab', message: expect.stringContaining('no client to ping from') });
  });
});
