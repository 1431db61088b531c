// Labs in and out of the window: new from a template, another engineer's copy merged in, the topology out as a diagram.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { removeWorkspace, serviceOn, tempWorkspace, value, type TempWorkspace } from './support.js';
import type { LabService } from '../../../src-main/service/service.js';
import type { DocumentState, RequestValue } from '../../../shared/api.js';
import type { Lab } from '../../../shared/lab.js';
import { createLabFile, exportLabJson } from '../../../src-main/store/index.js';

let ws: TempWorkspace;
let service: LabService;

beforeEach(async () => {
  ws = tempWorkspace('lab-planner-window-labs-');
  service = await serviceOn(ws);
});

afterEach(async () => {
  await service.dispose();
  removeWorkspace(ws);
});

const refusal = (result: Awaited<ReturnType<LabService['handle']>>) => (result.ok ? null : result.error);

describe('new lab from a template', () => {
  it('lists the templates with their sizes', async () => {
    const { templates } = value<RequestValue<'templates.list'>>(await service.handle('templates.list', {}));
    const basp = templates.find((t) => t.id === 'field-report-basp');
    expect(basp).toMatchObject({ title: expect.stringContaining('BASP'), defaults: { hosts: 2, vmsPerHost: 2 }, minHosts: 2, maxHosts: 64 });
    expect(templates.length).toBeGreaterThanOrEqual(6);
  });

  it('builds the field report at three hosts as a new unsaved lab with its seven drills', async () => {
    const state = value<DocumentState>(await service.handle('lab.newFromTemplate', { id: 'field-report-basp', hosts: 3, vmsPerHost: 2 }));
    expect(state).toMatchObject({ path: null, dirty: false, problems: [] });
    expect(state.document.hosts.map((h) => h.name)).toEqual(['HostA', 'HostB', 'HostC']);
    expect(state.document.drills).toHaveLength(7);
  });

  it('refuses a size out of range in the template\'s words', async () => {
    const error = refusal(await service.handle('lab.newFromTemplate', { id: 'field-report-basp', hosts: 1 }));
    expect(error).toMatchObject({ code: 'invalid-request', message: expect.stringMatching(/takes 2 to 64 hosts, not 1/), problems: [{ path: 'hosts', message: expect.any(String) }] });
    const vms = refusal(await service.handle('lab.newFromTemplate', { id: 'field-report-basp', vmsPerHost: 65 }));
    expect(vms?.problems).toEqual([{ path: 'vmsPerHost', message: expect.stringMatching(/VMs per host .*not 65/) }]);
    expect(refusal(await service.handle('lab.newFromTemplate', { id: 'no-such-estate' }))).toMatchObject({ code: 'not-found' });
  });
});

describe('export diagram', () => {
  it('answers a draw.io file with one container per host, or writes it into the workspace', async () => {
    const { docId } = value<DocumentState>(await service.handle('lab.newFromTemplate', { id: 'field-report-basp', hosts: 3 }));
    const out = value<RequestValue<'diagram.export'>>(await service.handle('diagram.export', { docId, format: 'drawio' }));
    expect(out.fileName).toMatch(/\.drawio$/);
    const xml = new DOMParser().parseFromString(out.text!, 'text/xml');
    const containers = Array.from(xml.getElementsByTagName('mxCell')).filter((c) => /container=1/.test(c.getAttribute('style') ?? ''));
    expect(containers.map((c) => c.getAttribute('value'))).toEqual(expect.arrayContaining(['HostA', 'HostB', 'HostC'].map((h) => expect.stringContaining(h))));
    expect(containers).toHaveLength(3);

    const written = value<RequestValue<'diagram.export'>>(await service.handle('diagram.export', { docId, format: 'mermaid', path: 'estate.mmd' }));
    expect(written.savedTo).toBe('estate.mmd');
    expect(written.text).toBeUndefined();
    expect(readFileSync(path.join(ws.workspace, 'estate.mmd'), 'utf8')).toMatch(/^(graph|flowchart)/m);
    expect(refusal(await service.handle('diagram.export', { docId, format: 'svg', path: '../outside.svg' }))).toMatchObject({ code: 'path-refused' });
    expect(refusal(await service.handle('diagram.export', { docId, format: 'svg', path: 'estate.drawio' }))).toMatchObject({ code: 'path-refused' });
  });
});

describe('merge another copy', () => {
  /** The field report at two hosts, saved as ours.lab; theirs.lab.json changed from it. */
  async function twoCopies(theirsEdit: (lab: Lab) => void): Promise<DocumentState> {
    const built = value<DocumentState>(await service.handle('lab.newFromTemplate', { id: 'field-report-basp' }));
    createLabFile(path.join(ws.workspace, 'ours.lab'), built.document);
    const theirs = structuredClone(built.document);
    theirsEdit(theirs);
    writeFileSync(path.join(ws.workspace, 'theirs.lab.json'), exportLabJson(theirs));
    return value<DocumentState>(await service.handle('lab.open', { path: 'ours.lab' }));
  }
  const setIp = (docId: string, revision: number, vm: number, ip: string) => service.handle('lab.edit', { docId, baseRevision: revision, ops: [{ op: 'set', path: ['vms', vm, 'ip'], value: ip }] });

  it('names each conflict and counts the clean changes, and gives the merged lab once every conflict is chosen', async () => {
    const ours = await twoCopies((lab) => {
      lab.vms[0].ip = '1.1.1.31';
      lab.vms[3].ip = '1.1.1.44';
    });
    value(await setIp(ours.docId, 0, 0, '1.1.1.21'));

    const asked = value<RequestValue<'lab.merge'>>(await service.handle('lab.merge', { docId: ours.docId, theirs: 'theirs.lab.json' }));
    expect(asked.merged).toBeNull();
    expect(asked.cleanChanges).toBe(1);
    expect(asked.conflicts).toEqual([expect.objectContaining({ element: 'VM Guest1', ours: '1.1.1.21', theirs: '1.1.1.31', choice: null })]);
    expect(asked.conflicts[0].text).toMatch(/VM Guest1: .*ours 1\.1\.1\.21, theirs 1\.1\.1\.31/);

    const chosen = value<RequestValue<'lab.merge'>>(await service.handle('lab.merge', { docId: ours.docId, theirs: 'theirs.lab.json', choices: { [asked.conflicts[0].path]: 'theirs' } }));
    expect(chosen.conflicts[0].choice).toBe('theirs');
    expect(chosen.merged!.vms.map((v) => v.ip).slice(0, 4)).toEqual(['1.1.1.31', '1.1.1.2', '1.1.1.3', '1.1.1.44']);
    expect(chosen.problems).toEqual([]);
    // The open document is not changed by the merge itself: the window applies it as an edit.
    expect(value<DocumentState>(await service.handle('lab.get', { docId: ours.docId })).document.vms[0].ip).toBe('1.1.1.21');
  });

  it('reports the problems of a merged lab whose sides are fine alone but not together', async () => {
    const ours = await twoCopies((lab) => {
      lab.vms[3].ip = '1.1.1.50';
    });
    value(await setIp(ours.docId, 0, 0, '1.1.1.50'));
    const merged = value<RequestValue<'lab.merge'>>(await service.handle('lab.merge', { docId: ours.docId, theirs: 'theirs.lab.json' }));
    expect(merged.conflicts).toEqual([]);
    expect(merged.merged).not.toBeNull();
    expect(merged.problems.map((p) => p.message).join(' ')).toMatch(/1\.1\.1\.50/);
  });

  it('asks for the common ancestor of a lab never saved, and refuses a copy outside the workspace', async () => {
    const { docId } = value<DocumentState>(await service.handle('lab.newFromTemplate', { id: 'field-report-basp' }));
    expect(refusal(await service.handle('lab.merge', { docId, theirs: 'theirs.lab.json' }))).toMatchObject({ code: 'needs-path' });
    expect(refusal(await service.handle('lab.merge', { docId, theirs: '../theirs.lab', base: '../base.lab' }))).toMatchObject({ code: 'path-refused' });
    expect(refusal(await service.handle('lab.merge', { docId, theirs: 'missing.lab', base: 'missing.lab' }))).toMatchObject({ code: 'file-error' });
  });
});
