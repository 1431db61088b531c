import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { EVENT_NAMES, REQUEST_NAMES, events, parseRequest, requests, resultSchema, editOpSchema, documentStatusSchema } from '../../../shared/api.js';

describe('the service API contract', () => {
  it('declares every request the issue lists, each with params and result schemas', () => {
    for (const name of [
      'lab.open', 'lab.save', 'lab.saveAs', 'lab.new', 'lab.close', 'examples.list', 'recent.list', 'lab.get', 'lab.edit',
      'lab.validate', 'drivers.list', 'drills.run', 'run.cancel', 'lab.importJson', 'lab.exportJson', 'lab.lint', 'workspace.listFiles',
    ])
      expect(REQUEST_NAMES).toContain(name);
    for (const name of REQUEST_NAMES) {
      expect(requests[name].params).toBeInstanceOf(z.ZodType);
      expect(requests[name].result).toBeInstanceOf(z.ZodType);
    }
  });

  it('declares the pushed events: drill progress, document changed, file changed on disk, recovery available', () => {
    expect(EVENT_NAMES).toEqual(expect.arrayContaining(['run.progress', 'document.changed', 'file.changedOnDisk', 'recovery.available', 'app.command']));
    expect(events['file.changedOnDisk'].safeParse({ docId: 'doc-1', path: 'a.lab' }).success).toBe(true);
  });

  it('refuses an unknown request by name', () => {
    const checked = parseRequest('lab.delete-everything', {});
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('lab.delete-everything') });
  });

  it('refuses params that do not fit, naming the field', () => {
    const checked = parseRequest('drills.run', { docId: 'doc-1', runId: 7 });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error.problems?.[0].path).toBe('runId');
  });

  it('refuses extra params rather than passing them on', () => {
    expect(parseRequest('lab.get', { docId: 'doc-1', evil: true }).ok).toBe(false);
  });

  it('fills defaults so the service sees complete params', () => {
    const checked = parseRequest('lab.close', { docId: 'doc-1' });
    expect(checked.ok && checked.params).toEqual({ docId: 'doc-1', discard: false });
  });

  it('describes results as values: ok with a value, or an error with a code and a message', () => {
    const schema = resultSchema(z.object({ n: z.number() }));
    expect(schema.safeParse({ ok: true, value: { n: 1 } }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: { code: 'path-refused', message: 'outside the workspace' } }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: { code: 'boom', message: 'x' } }).success).toBe(false);
  });

  it('lets an edit command name a place in the document by keys and positions', () => {
    expect(editOpSchema.safeParse({ op: 'set', path: ['hosts', 0, 'name'], value: 'HostC' }).success).toBe(true);
    expect(editOpSchema.safeParse({ op: 'set', path: [], value: {} }).success).toBe(false);
    expect(editOpSchema.safeParse({ op: 'move', path: ['drills', 0, 'steps'], from: 2, to: 0 }).success).toBe(true);
    expect(documentStatusSchema.shape).not.toHaveProperty('document');
  });
});
