import { MAX_NESTING_DEPTH } from '../../../shared/nesting.js';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createLabFile, exportLabJson, importLabJson, openLabFile, readRunHistory, appendRunHistory, LabFileError } from '../../../src-main/store/index.js';
import { richLab, sampleReport } from '../../fixtures/store/samples.js';
import { goodFile, tempDir, valid } from './helpers.js';

/** The same object with its keys in reverse order, all the way down. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
  return value;
}

describe('the JSON form of a lab', () => {
  it('is byte-identical for the same lab, whatever order its keys were written in', () => {
    const lab = valid(richLab());
    const shuffled = valid(reversedKeys(richLab()) as never);
    expect(exportLabJson(shuffled)).toBe(exportLabJson(lab));
    expect(exportLabJson(lab)).toBe(exportLabJson(lab));
  });

  it('lists layout positions by node id so moving one node is a one-line change', () => {
    const text = exportLabJson(valid(richLab()));
    expect(text.indexOf('"host:HostA"')).toBeLessThan(text.indexOf('"host:HostB"'));
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('goes export → import → export byte-identically, run history included when asked', () => {
    const { dir, path } = goodFile();
    appendRunHistory(path, sampleReport('Rich', false), { ranAt: '2026-03-01T10:00:00.000Z' });
    const first = exportLabJson(openLabFile(path).lab, { history: readRunHistory(path) });
    const imported = importLabJson(first, 'first.lab.json');
    expect(imported.history).toHaveLength(1);
    const copy = join(dir, 'copy.lab');
    createLabFile(copy, imported.lab, { history: imported.history });
    const second = exportLabJson(openLabFile(copy).lab, { history: readRunHistory(copy) });
    expect(second).toBe(first);
    expect(exportLabJson(openLabFile(copy).lab)).not.toContain('"history"');
  });

  it('refuses text that is not JSON, naming the file', () => {
    expect(() => importLabJson('{"hosts": [', 'team.lab.json')).toThrow(expect.objectContaining({ reason: 'invalid-json', message: expect.stringMatching(/^team\.lab\.json: is not valid JSON/) }));
    expect(() => importLabJson('[1, 2]', 'list.json')).toThrow(/list\.json: is not a lab document/);
  });

  it('refuses a document that does not check out in one line: its first problems with their paths, and how many more', () => {
    let error: LabFileError | undefined;
    const vms = ['1.1.1', '2.2', 'x', '300.1.1.1'].map((ip, i) => ({ name: `Guest${i}`, ip, host: 'Nowhere' }));
    try {
      importLabJson(JSON.stringify({ vms }), 'bad.lab.json');
    } catch (e) {
      error = e as LabFileError;
    }
    expect(error?.reason).toBe('invalid-document');
    expect(error?.message).toMatch(/^bad\.lab\.json: is not a valid lab: vms\[0\]\.ip: is not an IPv4 address like 10\.0\.1\.10; vms\[1\]\.ip: [^\n]*; and 2 more problems$/);
  });

  it('accepts a lab saved by Windows Notepad, which starts the file with a UTF-8 byte-order mark', () => {
    const text = exportLabJson(valid(richLab()));
    expect(importLabJson(`\uFEFF${text}`, 'notepad.lab.json').lab).toEqual(importLabJson(text).lab);
  });

  it('refuses a document nested deeper than the limit, naming it, before parsing it', () => {
    const deep = `{"meta": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    expect(() => importLabJson(deep, 'deep.lab.json')).toThrow(`deep.lab.json: the document nests arrays and objects more than ${MAX_NESTING_DEPTH} levels deep; a lab needs about 8, so this is not a lab`);
  });

  it('refuses a malformed run history', () => {
    const text = exportLabJson(valid(richLab()), { history: [] }).replace('"history": []', '"history": [{"ranAt": 5}]');
    expect(() => importLabJson(text, 'h.lab.json')).toThrow(/h\.lab\.json: has an unreadable run history at history\[0\]/);
  });

  it('keeps HTML in names as text', () => {
    const dir = tempDir();
    const { lab } = importLabJson(exportLabJson(valid(richLab())));
    createLabFile(join(dir, 'x.lab'), lab);
    expect(exportLabJson(openLabFile(join(dir, 'x.lab')).lab)).toContain('"name": "<img src=x onerror=alert(1)>"');
  });
});
