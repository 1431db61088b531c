import { describe, it, expect } from 'vitest';
import { applyOps, diff, clone } from '../../../src-renderer/stores/ops.js';
import { fieldReportLab } from './fake-api.js';

describe('document edits as invertible operations', () => {
  it('turns a changed copy into ops that reproduce it, and their inverse restores the original', () => {
    const before = fieldReportLab();
    const after = clone(before);
    after.hosts[1].name = 'HostC';
    after.vms[0].macMode = 'static';
    after.vms[0].staticMac = '00-15-5D-01-0A-FF';
    after.clients.push({ name: 'Client2', ip: '1.1.1.101', mac: '00-1C-23-00-00-65', arpCache: 'linux' });
    delete after.hosts[0].teams[0].primary;

    const ops = diff(before, after);
    const { root, inverse } = applyOps(before, ops);
    expect(root).toEqual(after);
    expect(applyOps(root, inverse).root).toEqual(before);
  });

  it('leaves the original document untouched and shares what did not change', () => {
    const before = fieldReportLab();
    const frozen = JSON.stringify(before);
    const after = clone(before);
    after.vms[1].ip = '1.1.1.22';
    const { root } = applyOps(before, diff(before, after));
    expect(JSON.stringify(before)).toBe(frozen);
    expect(root.hosts).toBe(before.hosts);
    expect(root.vms).not.toBe(before.vms);
    expect(root.vms[0]).toBe(before.vms[0]);
  });

  it('finds nothing to do when nothing changed', () => {
    const lab = fieldReportLab();
    expect(diff(lab, clone(lab))).toEqual([]);
  });
});
