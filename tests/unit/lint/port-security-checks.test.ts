// The design check for port security on hypervisor ports: a live-migrated VM keeps its MAC, which is
// still secure on its old host's port, so the target host's port sees a violation.
import { describe, expect, it } from 'vitest';
import { lintLab } from '../../../src-main/core/lint/index.js';
import type { DesignCheck } from '../../../shared/checks.js';
import { example, exampleJson, parse } from '../core/helpers.js';

const LAB = 'port-security-live-migration';
const ofCode = (checks: DesignCheck[]) => checks.filter((c) => c.code === 'port-security-on-host-ports');

describe('port security on the ports of hosts VMs migrate between', () => {
  it('says, per switch, that a live migration err-disables the target host\'s port and takes its whole uplink down', () => {
    const found = ofCode(lintLab(example(LAB)));
    expect(found.map((c) => c.message)).toEqual([
      'switch1/port1 and switch1/port2 to the VM uplinks of HostA and HostB have sticky port security (at most 2 MACs, violation shutdown): ' +
        'a VM live-migrated between these hosts keeps its MAC, which is still secure on its old host\'s port, so the target host\'s port is err-disabled and every VM behind that uplink loses the network.',
      'switch2/port1 and switch2/port2 to the VM uplinks of HostA and HostB have sticky port security (at most 2 MACs, violation shutdown): ' +
        'a VM live-migrated between these hosts keeps its MAC, which is still secure on its old host\'s port, so the target host\'s port is err-disabled and every VM behind that uplink loses the network.',
    ]);
    expect(found[0].severity).toBe('error');
    expect(found[0].elements.map((e) => e.id)).toEqual(['switch:switch1', 'port:switch1/1', 'port:switch1/2']);
    expect(found[0].remedies.some((r) => r.includes('Turn off sticky port security on hypervisor ports'))).toBe(true);
  });

  it('is a warning under violation restrict: only the migrated VM loses the network', () => {
    const json = exampleJson(LAB) as any;
    for (const s of json.switches) s.portSettings[0].portSecurity.violation = 'restrict';
    const found = ofCode(lintLab(parse(json)));
    expect(found).toHaveLength(2);
    expect(found[0].severity).toBe('warning');
    expect(found[0].message).toMatch(/violation restrict\): a VM live-migrated between these hosts .* so the target host's port drops the migrated VM's frames\.$/);
  });

  it('says nothing when only one host carries VMs: nothing migrates', () => {
    const json = exampleJson(LAB) as any;
    json.hosts = json.hosts.slice(0, 1);
    json.vms = json.vms.filter((v: any) => v.host === json.hosts[0].name);
    json.cables = json.cables.filter((c: any) => ![c.a, c.b].some((e: any) => e.host !== undefined && e.host !== json.hosts[0].name));
    json.drills = [];
    expect(ofCode(lintLab(parse(json)))).toEqual([]);
  });

  it('says nothing of hosts\' ports without port security', () => {
    expect(ofCode(lintLab(example('field-report')))).toEqual([]);
  });
});
