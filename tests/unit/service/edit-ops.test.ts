import { describe, it, expect } from 'vitest';
import { applyEditOps, describe as describePath } from '../../../src-main/service/edit-ops.js';

const lab = () => ({ hosts: [{ name: 'HostA', nics: [{ name: 'NIC1' }, { name: 'NIC2' }] }], meta: { title: 'T' }, drills: [{ steps: ['a', 'b', 'c'] }] });

describe('edit commands', () => {
  it('sets, inserts, removes and moves, all in one command', () => {
    const result = applyEditOps(lab(), [
      { op: 'set', path: ['hosts', 0, 'name'], value: 'HostB' },
      { op: 'insert', path: ['hosts', 0, 'nics'], value: { name: 'NIC3' } },
      { op: 'insert', path: ['hosts', 0, 'nics'], index: 0, value: { name: 'NIC0' } },
      { op: 'remove', path: ['hosts', 0, 'nics', 1] },
      { op: 'move', path: ['drills', 0, 'steps'], from: 2, to: 0 },
      { op: 'remove', path: ['meta', 'title'] },
    ]);
    expect(result).toEqual({
      ok: true,
      document: { hosts: [{ name: 'HostB', nics: [{ name: 'NIC0' }, { name: 'NIC2' }, { name: 'NIC3' }] }], meta: {}, drills: [{ steps: ['c', 'a', 'b'] }] },
    });
  });

  it('changes nothing when one op of the command cannot apply', () => {
    const original = lab();
    const result = applyEditOps(original, [
      { op: 'set', path: ['hosts', 0, 'name'], value: 'HostB' },
      { op: 'remove', path: ['hosts', 5] },
    ]);
    expect(result).toEqual({ ok: false, message: 'edit 2 of 2 (remove hosts[5]): the list has 1 items' });
    expect(original.hosts[0].name).toBe('HostA');
  });

  it('refuses paths through the object prototype', () => {
    const result = applyEditOps({}, [{ op: 'set', path: ['__proto__', 'polluted'], value: true }]);
    expect(result.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(applyEditOps({}, [{ op: 'set', path: ['constructor'], value: 1 }]).ok).toBe(false);
  });

  it('does not share values with the command (later changes to them do not leak in)', () => {
    const value = { name: 'NIC9' };
    const result = applyEditOps(lab(), [{ op: 'insert', path: ['hosts', 0, 'nics'], value }]);
    value.name = 'changed';
    expect(result.ok && (result.document as ReturnType<typeof lab>).hosts[0].nics[2].name).toBe('NIC9');
  });

  it('names places the way validation problems do', () => {
    expect(describePath(['hosts', 1, 'teams', 0, 'members', 2])).toBe('hosts[1].teams[0].members[2]');
    expect(describePath([])).toBe('(the lab)');
  });
});
