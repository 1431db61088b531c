import { describe, expect, it } from 'vitest';
import { diffLabs } from '../../../src-main/store/index.js';
import type { Lab } from '../../../shared/lab.js';
import { fieldReportLab, richLab } from '../../fixtures/store/samples.js';
import { valid } from './helpers.js';

const field = () => valid(fieldReportLab());
const edit = (change: (lab: Lab) => void): Lab => {
  const lab = structuredClone(field());
  change(lab);
  return valid(lab);
};
const lines = (a: Lab, b: Lab) => diffLabs(a, b).map((c) => c.text);

describe('the diff of two labs', () => {
  it('is empty for the same lab', () => {
    expect(diffLabs(field(), field())).toEqual([]);
    expect(diffLabs(valid(richLab()), valid(richLab()))).toEqual([]);
  });

  it("says a VM's MAC mode changed", () => {
    const b = edit((lab) => (lab.vms[0].macMode = 'static', lab.vms[0].staticMac = '00-15-5D-00-20-01'));
    expect(lines(field(), b)).toEqual(['VM Guest1: MAC mode dynamic → static', 'VM Guest1: static MAC (none) → 00-15-5D-00-20-01']);
  });

  it("says a team's driver profile changed, naming the host", () => {
    const b = edit((lab) => (lab.hosts[1].teams[0].driverProfile = 'broadcom-basp-corrected'));
    expect(lines(field(), b)).toEqual(['team VM-Team on HostB: driver profile broadcom-basp-2009-12-15 → broadcom-basp-corrected']);
  });

  it('names a removed cable by its two ends', () => {
    const b = edit((lab) => (lab.cables = lab.cables.filter((c) => !('nic' in c.a && c.a.host === 'HostB' && c.a.nic === 'NIC4'))));
    expect(lines(field(), b)).toEqual(['cable HostB/NIC4–switch2/port2 removed']);
  });

  it('sees a cable drawn the other way round as the same cable', () => {
    const b = edit((lab) => (lab.cables[0] = { a: lab.cables[0].b, b: lab.cables[0].a }));
    expect(lines(field(), b)).toEqual([]);
  });

  it('reports added and removed devices, settings, team members and drill steps', () => {
    const b = edit((lab) => {
      lab.drills = lab.drills.filter((d) => d.name !== 'static-macs-survive');
      lab.vms.push({ ...lab.vms[0], name: 'Guest9', ip: '1.1.1.9' });
      lab.settings.pingIntervalMs = 250;
      lab.hosts[0].teams[0].members = ['NIC3'];
      lab.hosts[0].teams[0].primary = 'NIC3';
      lab.drills[1].steps[0] = { action: 'quick-migrate', vm: 'Guest1', to: 'HostB' };
      lab.drills[1].steps.push({ action: 'wait', seconds: 5 });
      lab.drills[0].vms = ['Guest1'];
      lab.drills[0].steps = lab.drills[0].steps.map((s) => ('vm' in s ? { ...s, vm: 'Guest1' } : s));
      lab.switches.push({ name: 'switch3', model: 'Access switch', ports: 8, macAgeingSec: 300, portSettings: [] });
      lab.layout.positions['host:HostA'] = { x: 1, y: 2 };
    });
    expect(lines(field(), b)).toEqual(expect.arrayContaining([
      'setting pingIntervalMs: 1000 → 250',
      'team VM-Team on HostA: members NIC3, NIC4 → NIC3',
      'switch switch3 added',
      'drill static-macs-survive removed',
      'VM Guest9 added',
      'drill live-migrate: step 1: live-migrate Guest1 to HostB → quick-migrate Guest1 to HostB',
      'drill live-migrate: step 2 added: wait 5 s',
      'drill static-to-dynamic-restart: VMs pinged Guest2 → Guest1',
      'layout: 1 node position changed',
    ]));
  });

  it('words VLAN, port-security and spanning-tree changes as engineers set them', () => {
    const b = edit((lab) => {
      lab.vms[0].vlan = 20;
      lab.clients[0].vlan = 20;
      lab.hosts[0].teams[0].vlanInterface = 30;
      lab.switches[0].stp = '802.1d';
      lab.switches[0].forwardDelaySec = 10;
      lab.switches[0].macFlap = { moves: 3, withinSec: 10, action: 'err-disable', recoverySec: 300 };
      lab.switches[0].portSettings = [
        { ports: [1, 2], mode: 'trunk', vlan: 1, allowedVlans: [20, 30], nativeVlan: 1, portfast: true, portSecurity: { maxMacs: 2, sticky: true, violation: 'shutdown', recoverySec: 30 } },
      ];
    });
    expect(lines(field(), b)).toEqual(expect.arrayContaining([
      'VM Guest1: VLAN untagged → 20',
      'client Client1: VLAN untagged → 20',
      'team VM-Team on HostA: VLAN interface untagged → 30',
      'switch switch1: spanning tree rapid (RSTP) → classic (802.1D)',
      'switch switch1: forward delay (s) 15 → 10',
      'switch switch1: MAC-flap detection log after 3 moves in 10 s → err-disable after 3 moves in 10 s, recovery 300 s',
      'switch switch1 port 1: mode access → trunk',
      'switch switch1 port 2: allowed VLANs all → 20, 30',
      'switch switch1 port 1: PortFast off → on',
      'switch switch1 port 2: port security off → at most 2 MACs, sticky, violation shutdown, recovery 30 s',
    ]));
    expect(lines(field(), b).filter((l) => l.startsWith('switch switch1 port 1:'))).toHaveLength(4);
  });

  it('gives each change as data too, for --json', () => {
    const b = edit((lab) => (lab.vms[0].host = 'HostB'));
    expect(diffLabs(field(), b)).toEqual([{ kind: 'changed', entity: 'vm', name: 'Guest1', field: 'host', from: 'HostA', to: 'HostB', text: 'VM Guest1: host HostA → HostB' }]);
  });
});
