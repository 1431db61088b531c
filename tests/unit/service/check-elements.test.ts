// Design checks name elements the canvas can highlight: every id is one the canvas lists, and the
// lab.lint answer passes elements through unchanged.
import { describe, it, expect } from 'vitest';
import { lintLab } from '../../../src-main/core/lint/index.js';
import { requests } from '../../../shared/api.js';
import { listElements } from '../../../src-renderer/stores/elements.js';
import { variant, fieldReportInput, labFrom } from '../lint/lab-fixtures.js';

const labs = {
  'the field report': labFrom(fieldReportInput()),
  'overlapping pools': variant((l) => (l.hosts[1].managementIp = '10.1.1.10')),
  'a full pool': variant((l) => {
    l.hosts[0].macPool = { first: '00-15-5D-AA-00-00', size: 2 };
    l.vms!.push({ name: 'Guest3', ip: '1.1.1.3', host: 'HostA' }, { name: 'Guest4', ip: '1.1.1.4', host: 'HostA' });
  }),
  'team members on one switch': variant((l) => (l.cables![1] = { a: { host: 'HostA', nic: 'NIC4' }, b: { switch: 'switch1', port: 3 } })),
  'a single switch and link': variant((l) => {
    l.cables![2] = { a: { host: 'HostB', nic: 'NIC3' }, b: { switch: 'switch2', port: 3 } };
    l.vms![1].host = 'HostB';
  }),
  'a virtual switch without uplink': variant((l) => delete l.hosts[0].virtualSwitches![0].uplink),
  'VMs with no path': variant((l) => {
    l.cables = l.cables!.filter((c) => !('host' in c.a && c.a.host === 'HostA'));
    l.drills = [];
  }),
  'an uncabled team member': variant((l) => {
    l.cables = l.cables!.filter((c) => !('host' in c.a && c.a.host === 'HostA' && c.a.nic === 'NIC4'));
  }),
  'management OS on the VM team': variant((l) => (l.hosts[1].virtualSwitches![0].shareWithManagementOs = true)),
  'a MAC from another pool': variant((l) => {
    l.vms![0].host = 'HostB';
    l.vms![0].dynamicMac = '00-15-5D-01-0A-03';
  }),
};

describe('design checks in the problems panel', () => {
  for (const [name, lab] of Object.entries(labs)) {
    it(`highlight only elements the canvas has, for ${name}`, () => {
      const findings = lintLab(lab);
      expect(findings.length).toBeGreaterThan(0);
      const answer = requests['lab.lint'].result.parse({ findings });
      expect(answer.findings).toEqual(findings);
      const canvas = new Set(listElements(lab).map((e) => e.id));
      for (const f of findings) {
        expect(f.elements.length, f.code).toBeGreaterThan(0);
        for (const e of f.elements) expect(canvas, `${f.code} names ${e.id}`).toContain(e.id);
      }
    });
  }

  it('cover most kinds of design check across these labs', () => {
    const codes = new Set(Object.values(labs).flatMap((lab) => lintLab(lab).map((f) => f.code)));
    expect(codes.size).toBeGreaterThanOrEqual(10);
  });
});
