// Templates: the estates a lab starts from, each with drills whose outcomes say what that estate does.
import { describe, expect, it } from 'vitest';
import { buildTemplate, hostName, TEMPLATES } from '../../../src-main/core/templates/index.js';
import { lintLab } from '../../../src-main/core/lint/index.js';
import { drill, parse } from './helpers.js';
import { readLab } from '../../../src-main/core/lab.js';

const outcomes = (id: string, size = {}) => {
  const lab = parse(buildTemplate(id, size));
  return Object.fromEntries(lab.drills.map((d) => [d.name, drill(lab, d.name).result.passed]));
};

describe('templates', () => {
  it('offer the six estates engineers start from', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['field-report-basp', 'field-report-intel-sft', 'lbfo-hyperv-port-cluster', 'set-cluster', 'esxi-cluster', 'linux-kvm-pair']);
  });

  it('the field report template reproduces the report: the three stale-MAC drills fail with the team’s stale VM MAC', () => {
    const lab = parse(buildTemplate('field-report-basp'));
    const failed = lab.drills.filter((d) => !drill(lab, d.name).result.passed).map((d) => d.name);
    expect(failed).toEqual(['static-to-dynamic-restart', 'migrate-then-restart', 'migrate-back-after-restart']);
    const guest1 = drill(lab, 'migrate-then-restart').result.vms.find((v) => v.name === 'Guest1')!;
    expect(guest1.diagnosis?.code).toBe('stale-team-vm-mac');
  });

  it('keeps reproducing the report at another size: 6 hosts with 5 VMs each', () => {
    const lab = parse(buildTemplate('field-report-basp', { hosts: 6, vmsPerHost: 5 }));
    expect(lab.hosts.map((h) => h.name)).toEqual(['HostA', 'HostB', 'HostC', 'HostD', 'HostE', 'HostF']);
    expect(lab.vms).toHaveLength(30);
    expect(lab.vms.filter((v) => v.host === 'HostC')).toHaveLength(5);
    expect(Object.entries(outcomes('field-report-basp', { hosts: 6, vmsPerHost: 5 })).filter(([, passed]) => !passed).map(([name]) => name)).toEqual([
      'static-to-dynamic-restart',
      'migrate-then-restart',
      'migrate-back-after-restart',
    ]);
  });

  for (const id of ['field-report-intel-sft', 'lbfo-hyperv-port-cluster', 'set-cluster', 'esxi-cluster', 'linux-kvm-pair']) {
    it.skipIf(!readLab(buildTemplate(id)).ok)(`${id}: every drill passes`, () => {
      const results = outcomes(id);
      expect(Object.keys(results).length).toBeGreaterThanOrEqual(6);
      expect(results).toEqual(Object.fromEntries(Object.keys(results).map((name) => [name, true])));
    });
  }

  it('builds labs whose only design-check errors are the field report’s learn-once teams, with static MACs outside every host’s pool', () => {
    for (const { id } of TEMPLATES.filter((t) => readLab(buildTemplate(t.id)).ok)) {
      const lab = parse(buildTemplate(id, { hosts: 3, vmsPerHost: 6 }));
      const codes = lintLab(lab).map((c) => `${c.severity} ${c.code}`);
      const errors = id === 'field-report-basp' ? ['error learn-once-team-dynamic-macs'] : [];
      expect([...new Set(codes.filter((c) => c.startsWith('error')))], id).toEqual(errors);
      expect(codes, id).not.toContain('warning static-mac-in-dynamic-pool');
    }
  });

  it('names hosts as the field report does, for any count', () => {
    expect([0, 1, 25, 26, 27, 63].map(hostName)).toEqual(['HostA', 'HostB', 'HostZ', 'HostAA', 'HostAB', 'HostBL']);
  });

  it('refuses a size out of range or an unknown template in the domain’s words', () => {
    expect(() => buildTemplate('vmware-vsan')).toThrow('there is no template "vmware-vsan"; the templates are field-report-basp, ');
    expect(() => buildTemplate('field-report-basp', { hosts: 1 })).toThrow('takes 2 to 64 hosts, not 1');
    expect(() => buildTemplate('field-report-basp', { vmsPerHost: 65 })).toThrow('takes 2 to 64 VMs per host (its drills use two on the first host), not 65');
    expect(parse(buildTemplate('lbfo-hyperv-port-cluster', { hosts: 64, vmsPerHost: 16 })).vms).toHaveLength(1024);
  });
});
