// The example lab of ESXi IP hash over switch ports that are not an EtherChannel: the switch
// relearns the VM's MAC on alternating ports and logs it, the VM loses the flows that land on the
// wrong uplink (mac-flapping); the same policy over a static EtherChannel, and originating port ID, pass.
import { describe, expect, it } from 'vitest';
import { example } from '../../unit/core/helpers.js';
import { runDrill } from '../../../src-main/core/drills/runner.js';
import { lintLab } from '../../../src-main/core/lint/index.js';

const lab = example('vmware-ip-hash-without-etherchannel');
const run = (name: string) => runDrill(lab, lab.drills.find((d) => d.name === name)!).result;

describe('vmware-ip-hash-without-etherchannel.lab.json', () => {
  it('fails steady traffic to Web1 on IP hash over ordinary ports, diagnosed as MAC flapping with the switch log line', () => {
    const result = run('steady-traffic-ip-hash');
    expect(result.passed).toBe(false);
    const web1 = result.vms[0];
    expect(web1.reachableAtEnd).toBe(false);
    expect(web1.diagnosis?.code).toBe('mac-flapping');
    expect(web1.diagnosis?.text).toContain('switch1/port1 and switch1/port2 are ordinary ports');
    expect(web1.diagnosis?.text).toContain('%SW_MATM-4-MACFLAP_NOTIF: Host 0050.5600.2011 in vlan 1 is flapping');
    expect(web1.diagnosis?.remedies.join(' ')).toMatch(/static EtherChannel.*originating virtual port/);
  });

  it('passes the same traffic over a static EtherChannel, with originating port ID, and across an EtherChannel member failure', () => {
    for (const name of ['steady-traffic-etherchannel', 'steady-traffic-port-id', 'etherchannel-member-fails'])
      expect({ name, passed: run(name).passed }).toEqual({ name, passed: true });
  });

  it('warns before any drill that esxi01 routes by IP hash without an EtherChannel, and only esxi01', () => {
    const found = lintLab(lab).filter((c) => c.code === 'ip-hash-without-etherchannel');
    expect(found.map((c) => c.elements[0].label)).toEqual(['esxi01/vSwitch0']);
    expect(found[0].severity).toBe('error');
  });
});
