import { describe, it, expect } from 'vitest';
import { defaultStep, stepLabel, clockText, freeEnds, retargetFlap, flapTargetOf } from '../../../src-renderer/components/drillSteps.js';
import { DRILL_ACTIONS, drillStepSchema } from '../../../shared/drill.js';
import { checkReferences } from '../../../shared/validate.js';
import { CATALOGUE_IDS } from '../../../src-main/core/drivers/catalogue.js';
import { fieldReportLab } from './fake-api.js';

describe('drill steps in the step editor', () => {
  it('offers every action with targets picked from the lab, each one a valid step of the lab', () => {
    const lab = fieldReportLab();
    for (const action of DRILL_ACTIONS) {
      const step = defaultStep(lab, action);
      expect(drillStepSchema.safeParse(step).success).toBe(true);
      const withStep = { ...lab, drills: [{ ...lab.drills[0], steps: [step] }] };
      expect(checkReferences(withStep, CATALOGUE_IDS)).toEqual([]);
    }
  });

  it('migrates the VM of the step before to the other host', () => {
    const lab = fieldReportLab();
    expect(defaultStep(lab, 'live-migrate', { action: 'restart', vm: 'Guest1' })).toEqual({ action: 'live-migrate', vm: 'Guest1', to: 'HostB' });
  });

  it('names steps and times the way engineers read them', () => {
    expect(stepLabel({ action: 'live-migrate', vm: 'Guest1', to: 'HostB' })).toBe('Live-migrate VM: Guest1 → HostB');
    expect(stepLabel({ action: 'fail-cable', cable: { host: 'HostA', nic: 'NIC3' } })).toBe('Fail cable: HostA/NIC3');
    expect(clockText('10:00:00', 75_500)).toBe('10:01:15');
  });

  it('aims the new steps at the lab: its client, its team, a free switch port for a moved cable, a cabled link to flap', () => {
    const lab = fieldReportLab();
    expect(defaultStep(lab, 'reboot-host')).toEqual({ action: 'reboot-host', host: 'HostA' });
    expect(defaultStep(lab, 'clear-arp')).toEqual({ action: 'clear-arp', client: 'Client1' });
    expect(defaultStep(lab, 'set-monitoring')).toEqual({ action: 'set-monitoring', host: 'HostA', team: 'VM-Team', on: true });
    expect(defaultStep(lab, 'set-vlan', { action: 'restart', vm: 'Guest2' })).toEqual({ action: 'set-vlan', vm: 'Guest2', vlan: 10 });
    const move = defaultStep(lab, 'move-cable');
    expect(move).toEqual({ action: 'move-cable', cable: { host: 'HostA', nic: 'NIC3' }, to: { switch: 'switch1', port: 3 } });
    expect(freeEnds(lab).map((e) => JSON.stringify(e))).not.toContain(JSON.stringify({ switch: 'switch1', port: 1 }));
    expect(defaultStep(lab, 'fail-cable-one-way')).toEqual({ action: 'fail-cable-one-way', cable: { host: 'HostA', nic: 'NIC3' }, direction: 'a-to-b' });
  });

  it('lets a flap name a cable, a host NIC or a switch port, keeping its count and interval', () => {
    const lab = fieldReportLab();
    const flap = { action: 'flap-link' as const, cable: { host: 'HostA', nic: 'NIC3' }, times: 5, intervalSec: 1 };
    expect(flapTargetOf(flap)).toBe('cable');
    const nic = retargetFlap(lab, flap, 'nic');
    expect(nic).toEqual({ action: 'flap-link', host: 'HostA', nic: 'NIC3', times: 5, intervalSec: 1 });
    const port = retargetFlap(lab, flap, 'port');
    expect(port).toEqual({ action: 'flap-link', switch: 'switch1', port: 1, times: 5, intervalSec: 1 });
    expect(nic.action === 'flap-link' && flapTargetOf(nic)).toBe('nic');
    for (const step of [nic, port]) expect(drillStepSchema.safeParse(step).success).toBe(true);
  });

  it('labels the new steps with their targets', () => {
    expect(stepLabel({ action: 'set-vlan', vm: 'Guest1', vlan: null })).toBe('Set VM VLAN: Guest1 → untagged');
    expect(stepLabel({ action: 'set-vlan', vm: 'Guest1', vlan: 20 })).toBe('Set VM VLAN: Guest1 → VLAN 20');
    expect(stepLabel({ action: 'set-monitoring', host: 'HostA', team: 'VM-Team', on: false })).toBe('Set team path monitoring: HostA/VM-Team → off');
    expect(stepLabel({ action: 'move-cable', cable: { switch: 'switch1', port: 1 }, to: { switch: 'switch1', port: 5 } })).toBe('Move cable: switch1/port1 → switch1/port5');
    expect(stepLabel({ action: 'flap-link', switch: 'switch1', port: 1, times: 3, intervalSec: 2 })).toBe('Flap link: switch1/port1 3× every 2 s');
    expect(stepLabel({ action: 'fail-cable-one-way', cable: { host: 'HostA', nic: 'NIC3' }, direction: 'b-to-a' })).toBe('Fail cable one way: HostA/NIC3 (b-to-a)');
    expect(stepLabel({ action: 'clear-arp', client: 'Client1' })).toBe('Clear client ARP cache: Client1');
    expect(stepLabel({ action: 'reboot-host', host: 'HostB' })).toBe('Reboot host (orderly): HostB');
  });
});
