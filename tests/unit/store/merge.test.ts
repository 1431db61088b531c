// Three-way merge of labs by element identity, as two engineers combine their copies of one lab.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { labSchema, type Lab } from '../../../shared/lab.js';
import { mergeLabs } from '../../../src-main/store/merge.js';
import { readLab } from '../../../src-main/core/lab.js';

const base = (): Lab => labSchema.parse(JSON.parse(readFileSync(new URL('../../../examples/field-report.lab.json', import.meta.url), 'utf8')));
const edit = (change: (lab: Lab) => void): Lab => {
  const lab = structuredClone(base());
  change(lab);
  return labSchema.parse(lab);
};
const vm = (lab: Lab, name: string) => lab.vms.find((v) => v.name === name)!;

describe('merging two copies of a lab', () => {
  it('takes a change made on one side only, from either side', () => {
    const ours = edit((lab) => (vm(lab, 'Guest1').initialState = 'off'));
    const theirs = edit((lab) => (vm(lab, 'Guest2').ip = '1.1.1.22'));
    const { lab, conflicts } = mergeLabs(base(), ours, theirs);
    expect(conflicts).toEqual([]);
    expect(vm(lab, 'Guest1').initialState).toBe('off');
    expect(vm(lab, 'Guest2').ip).toBe('1.1.1.22');
    expect(readLab(lab).ok).toBe(true);
  });

  it('takes the same change made on both sides once', () => {
    const change = (lab: Lab) => lab.vms.push({ ...vm(lab, 'Guest2'), name: 'Guest3', ip: '1.1.1.3', staticMac: '00-15-5D-99-00-03' });
    const { lab, conflicts } = mergeLabs(base(), edit(change), edit(change));
    expect(conflicts).toEqual([]);
    expect(lab.vms.filter((v) => v.name === 'Guest3')).toHaveLength(1);
  });

  it('merges different fields of one element and elements added on each side', () => {
    const ours = edit((lab) => {
      lab.switches[0].macAgeingSec = 60;
      lab.hosts[1].nics[2].chipset = 'BCM5716';
    });
    const theirs = edit((lab) => {
      lab.switches[0].model = 'Catalyst 2960';
      lab.clients.push({ ...lab.clients[0], name: 'Client2', ip: '1.1.1.101', mac: '00-24-E8-0B-00-99' });
    });
    const { lab, conflicts } = mergeLabs(base(), ours, theirs);
    expect(conflicts).toEqual([]);
    expect(lab.switches[0]).toMatchObject({ macAgeingSec: 60, model: 'Catalyst 2960' });
    expect(lab.hosts[1].nics[2].chipset).toBe('BCM5716');
    expect(lab.clients.map((c) => c.name)).toEqual(['Client1', 'Client2']);
  });

  it('names a conflicting change in the domain’s words and keeps our value until it is settled', () => {
    const ours = edit((lab) => Object.assign(vm(lab, 'Guest1'), { macMode: 'static', staticMac: '00-15-5D-AA-00-01' }));
    const theirs = edit((lab) => Object.assign(vm(lab, 'Guest1'), { macMode: 'static', staticMac: '00-15-5D-BB-00-01' }));
    const { lab, conflicts } = mergeLabs(base(), ours, theirs);
    expect(conflicts.map((c) => c.text)).toEqual(['VM Guest1: static MAC — ours 00-15-5D-AA-00-01, theirs 00-15-5D-BB-00-01']);
    expect(conflicts[0]).toMatchObject({ element: 'VM Guest1', field: 'static MAC', path: 'vms[Guest1].staticMac' });
    expect(vm(lab, 'Guest1').staticMac).toBe('00-15-5D-AA-00-01');
  });

  it('reads "VM Guest3: MAC mode — ours static, theirs dynamic" when both sides added Guest3 differently', () => {
    const add = (macMode: 'static' | 'dynamic') => (lab: Lab) =>
      lab.vms.push({ ...vm(lab, 'Guest2'), name: 'Guest3', ip: '1.1.1.3', macMode, staticMac: macMode === 'static' ? '00-15-5D-99-00-03' : undefined });
    const { conflicts } = mergeLabs(base(), edit(add('static')), edit(add('dynamic')));
    expect(conflicts.map((c) => c.text)).toEqual(['VM Guest3: MAC mode — ours static, theirs dynamic']);
  });

  it('settles every conflict with --ours or --theirs and says which were settled', () => {
    const ours = edit((lab) => (lab.settings.pingIntervalMs = 500));
    const theirs = edit((lab) => (lab.settings.pingIntervalMs = 250));
    expect(mergeLabs(base(), ours, theirs, 'theirs')).toMatchObject({ conflicts: [], resolved: [{ text: 'settings: ping interval ms — ours 500, theirs 250' }] });
    expect(mergeLabs(base(), ours, theirs, 'theirs').lab.settings.pingIntervalMs).toBe(250);
    expect(mergeLabs(base(), ours, theirs, 'ours').lab.settings.pingIntervalMs).toBe(500);
  });

  it('takes a removal the other side did not touch, and asks when the other side changed what was removed', () => {
    const ours = edit((lab) => (lab.clients[0].arpCache = 'linux'));
    const theirs = edit((lab) => (lab.vms = lab.vms.filter((v) => v.name !== 'Guest2')));
    expect(mergeLabs(base(), ours, theirs).lab.vms.map((v) => v.name)).toEqual(['Guest1']);
    const changed = edit((lab) => (vm(lab, 'Guest2').ip = '1.1.1.22'));
    const { conflicts } = mergeLabs(base(), changed, theirs);
    expect(conflicts.map((c) => c.text)).toEqual(['VM Guest2: ours changed it, theirs removed it']);
    expect(mergeLabs(base(), changed, theirs, 'theirs').lab.vms.map((v) => v.name)).toEqual(['Guest1']);
  });

  it('matches a cable by the NIC it plugs in, so two re-patches of one NIC conflict by port', () => {
    const repatch = (port: number) => (lab: Lab) => {
      const cable = lab.cables.find((c) => 'nic' in c.a && c.a.host === 'HostB' && c.a.nic === 'NIC3')!;
      cable.b = { switch: 'switch1', port };
    };
    const { conflicts } = mergeLabs(base(), edit(repatch(5)), edit(repatch(6)));
    expect(conflicts.map((c) => c.text)).toEqual(['cable of HostB/NIC3: other end — ours switch1/port5, theirs switch1/port6']);
    const { lab } = mergeLabs(base(), edit(repatch(5)), edit((l) => (l.meta.author = 'Ann')));
    expect(lab.cables.filter((c) => 'nic' in c.a && c.a.host === 'HostB' && c.a.nic === 'NIC3').map((c) => c.b)).toEqual([{ switch: 'switch1', port: 5 }]);
    expect(lab.meta.author).toBe('Ann');
  });

  it('names nested elements by their host, and drill steps by what they do', () => {
    const ours = edit((lab) => {
      lab.hosts[1].teams[0].mode = 'switch-independent';
      lab.drills[0].steps = [{ action: 'fail-nic', host: 'HostA', nic: 'NIC3' }];
    });
    const theirs = edit((lab) => {
      lab.hosts[1].teams[0].mode = 'static';
      lab.drills[0].steps = [{ action: 'fail-nic', host: 'HostA', nic: 'NIC4' }];
    });
    expect(mergeLabs(base(), ours, theirs).conflicts.map((c) => c.text)).toEqual([
      'team VM-Team on HostB: mode — ours switch-independent, theirs static',
      `drill ${base().drills[0].name}: steps — ours fail-nic HostA NIC3, theirs fail-nic HostA NIC4`,
    ]);
  });

  it('merges layout positions node by node', () => {
    const ours = edit((lab) => (lab.layout.positions['host:HostA'] = { x: 1, y: 2 }));
    const theirs = edit((lab) => (lab.layout.positions['host:HostB'] = { x: 3, y: 4 }));
    const { lab, conflicts } = mergeLabs(base(), ours, theirs);
    expect(conflicts).toEqual([]);
    expect(lab.layout.positions).toMatchObject({ 'host:HostA': { x: 1, y: 2 }, 'host:HostB': { x: 3, y: 4 } });
  });
});

describe('settling conflicts one by one', () => {
  it('takes the side chosen for each conflict path and leaves the rest as conflicts', () => {
    const ours = edit((lab) => {
      lab.settings.pingIntervalMs = 500;
      lab.meta.author = 'Ann';
    });
    const theirs = edit((lab) => {
      lab.settings.pingIntervalMs = 250;
      lab.meta.author = 'Bob';
    });
    const first = mergeLabs(base(), ours, theirs);
    expect(first.conflicts.map((c) => c.path)).toEqual(['meta.author', 'settings.pingIntervalMs']);
    const second = mergeLabs(base(), ours, theirs, { 'settings.pingIntervalMs': 'theirs' });
    expect(second.lab.settings.pingIntervalMs).toBe(250);
    expect(second.conflicts.map((c) => c.text)).toEqual(['lab: author — ours Ann, theirs Bob']);
    expect(second.resolved.map((c) => c.path)).toEqual(['settings.pingIntervalMs']);
  });
});
