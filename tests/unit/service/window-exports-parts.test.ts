// The pieces behind capture and report export: capture point names, export paths, the request contract.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, realpathSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLab } from '../../../src-main/core/lab.js';
import type { Lab } from '../../../shared/lab.js';
import { parseRequest } from '../../../shared/api.js';
import { readCapturePoints, defaultCapturePoints, captureFileName, allCapturePoints } from '../../../src-main/service/capture-points.js';
import { parseCapturePoint, defaultCapturePoints as cliDefaultPoints, captureFileName as cliFileName } from '../../../src-main/cli/pcap-output.js';
import { workspacePolicy, anyPathPolicy, type PathPolicy } from '../../../src-main/service/workspace-paths.js';
import { writeExport } from '../../../src-main/service/export-files.js';

function fieldReport(): Lab {
  const parsed = readLab(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../examples/field-report.lab.json'), 'utf8')));
  if (!parsed.ok) throw new Error('the field report example does not load');
  return parsed.lab;
}

describe('capture points named as engineers write them', () => {
  const lab = fieldReport();

  it('reads NICs, switch ports, clients and VMs as lab-planner drill --capture does, with the same file names', () => {
    const names = ['HostB/NIC3', 'switch1/port2', 'switch2/24', 'Client1', 'Guest1'];
    const read = readCapturePoints(lab, names);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.points.map((p) => p.point)).toEqual(names.map((n) => parseCapturePoint(lab, n)));
    expect(read.points.map((p) => p.name)).toEqual(['HostB/NIC3', 'switch1/port2', 'switch2/port24', 'Client1', 'Guest1']);
    for (const p of read.points) expect(captureFileName('migrate-then-restart', p.point)).toBe(cliFileName('migrate-then-restart', p.point));
    expect(defaultCapturePoints(lab).map((p) => p.point)).toEqual(cliDefaultPoints(lab));
  });

  it('names every unknown point in one sentence and drops repeats', () => {
    expect(readCapturePoints(lab, ['HostC/NIC1', 'switch1/port0', 'switch1/'])).toEqual({
      ok: false,
      message:
        '"HostC/NIC1", "switch1/port0", "switch1/" are no capture points of this lab; name a NIC (HostB/NIC3), a switch port (switch1/port2), a client (Client1) or a VM (Guest1)',
    });
    const repeated = readCapturePoints(lab, ['Client1', 'Client1', 'switch1/2', 'switch1/port2']);
    expect(repeated.ok && repeated.points.map((p) => p.name)).toEqual(['Client1', 'switch1/port2']);
  });

  it('offers every NIC, used switch port, client and VM in document order', () => {
    const names = allCapturePoints(lab).map((p) => p.name);
    expect(names.slice(0, 2)).toEqual(['HostA/NIC1', 'HostA/NIC2']);
    expect(names).toContain('switch1/port10');
    expect(names.slice(-3)).toEqual(['Client1', 'Guest1', 'Guest2']);
  });
});

describe('where exports may be written', () => {
  let root: string;
  let workspace: string;
  let policy: PathPolicy;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'lab-planner-export-paths-')));
    workspace = path.join(root, 'ws');
    mkdirSync(path.join(workspace, 'out'), { recursive: true });
    mkdirSync(path.join(root, 'outside'));
    symlinkSync(path.join(root, 'outside'), path.join(workspace, 'escape'));
    symlinkSync(path.join(root, 'outside', 'r.html'), path.join(workspace, 'dangling.html'));
    policy = await workspacePolicy(workspace);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('allows files with the export’s extension and folders inside the workspace, creating folders', async () => {
    expect(await policy.resolveExport('out/report.html', { file: ['.html', '.htm'] })).toEqual({ ok: true, absolute: path.join(workspace, 'out', 'report.html') });
    expect(await policy.resolveExport('caps/a/b', { folder: true })).toEqual({ ok: true, absolute: path.join(workspace, 'caps', 'a', 'b') });
    expect(existsSync(path.join(workspace, 'caps', 'a', 'b'))).toBe(true);
    expect(await policy.resolveExport('report.lab', { file: ['.html'] })).toMatchObject({ ok: false, message: '"report.lab" is not a .html file' });
    expect(await policy.resolveExport('.html', { file: ['.html'] })).toMatchObject({ ok: false });
    expect(await policy.resolveExport('nowhere/report.html', { file: ['.html'] })).toMatchObject({ ok: false, missing: true });
  });

  it('refuses traversal, absolute paths elsewhere and links that lead out', async () => {
    for (const p of ['../r.html', path.join(root, 'outside', 'r.html'), 'out/../../r.html'])
      expect(await policy.resolveExport(p, { file: ['.html'] }), p).toMatchObject({ ok: false, message: expect.stringContaining('outside the workspace') });
    for (const p of ['escape/r.html', 'dangling.html'])
      expect(await policy.resolveExport(p, { file: ['.html'] }), p).toMatchObject({ ok: false, message: expect.stringContaining('through a link') });
    for (const p of ['escape', 'escape/new/folder'])
      expect(await policy.resolveExport(p, { folder: true }), p).toMatchObject({ ok: false, message: expect.stringContaining('through a link') });
    expect(existsSync(path.join(root, 'outside', 'new'))).toBe(false);
    expect(await policy.resolveExport('../x', { folder: true })).toMatchObject({ ok: false, message: expect.stringContaining('outside the workspace') });
  });

  it('lets the desktop app write wherever the user chose in the save dialog', async () => {
    const any = anyPathPolicy(root);
    expect(await any.resolveExport('elsewhere/report.html', { file: ['.html'] })).toEqual({ ok: true, absolute: path.join(root, 'elsewhere', 'report.html') });
    expect(await any.resolveExport('caps', { folder: true })).toEqual({ ok: true, absolute: path.join(root, 'caps') });
    expect(existsSync(path.join(root, 'caps'))).toBe(true);
  });

  it('writes an export whole, over a planted partial file without following it', async () => {
    const target = path.join(workspace, 'out', 'x.pcap');
    writeFileSync(path.join(root, 'outside', 'victim'), 'keep');
    symlinkSync(path.join(root, 'outside', 'victim'), `${target}.partial`);
    await writeExport(target, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    expect(readFileSync(path.join(root, 'outside', 'victim'), 'utf8')).toBe('keep');
    expect(existsSync(`${target}.partial`)).toBe(false);
  });
});

describe('the export requests in the contract', () => {
  it('take a drill or a matrix cell, never both or neither', () => {
    expect(parseRequest('capture.export', { docId: 'doc-1', drill: 'd' }).ok).toBe(true);
    expect(parseRequest('capture.export', { docId: 'doc-1', cellId: 'vm:Guest1/restart' }).ok).toBe(true);
    for (const params of [{ docId: 'doc-1' }, { docId: 'doc-1', drill: 'd', cellId: 'c' }]) {
      const checked = parseRequest('capture.export', params);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.error.message).toContain('name either a drill or a matrix cell');
    }
  });

  it('fill the report’s defaults: depth 1 with the matrix', () => {
    const checked = parseRequest('report.export', { docId: 'doc-1' });
    expect(checked.ok && checked.params).toEqual({ docId: 'doc-1', depth: 1, includeMatrix: true, saveToFile: false });
  });
});
