// Editing one switch port's VLAN settings in the window: its neighbours set by the same record keep theirs.
import { describe, expect, it } from 'vitest';
import { macFlapAt, portSettingsAt, setMacFlap, setPortSecurity, setPortSetting, vlanList } from '../../../src-renderer/stores/portSettings.js';
import { labSchema } from '../../../shared/lab.js';
import { example } from '../core/helpers.js';

describe('editing a switch port\'s settings', () => {
  it('gives the edited port its own record, so the other ports of a shared record keep theirs', () => {
    const lab = example('vlan-standby-mismatch');
    setPortSetting(lab, 1, 2, 'allowedVlans', [1, 20]);
    expect(portSettingsAt(lab, 1, 2)).toMatchObject({ ports: [2], mode: 'trunk', allowedVlans: [1, 20] });
    expect(portSettingsAt(lab, 1, 1)).toMatchObject({ ports: [1], mode: 'trunk', allowedVlans: [1] });
  });

  it('starts an unnamed port from an access port in VLAN 1', () => {
    const lab = example('field-report');
    expect(portSettingsAt(lab, 0, 5)).toEqual({ ports: [5], mode: 'access', vlan: 1, nativeVlan: 1 });
    setPortSetting(lab, 0, 5, 'vlan', 20);
    expect(lab.switches[0].portSettings).toEqual([{ ports: [5], mode: 'access', vlan: 20, nativeVlan: 1 }]);
  });

  it('reads an allowed-VLAN list as engineers type it; empty means all VLANs', () => {
    expect(vlanList('1, 20 30')).toEqual([1, 20, 30]);
    expect(vlanList('')).toBeUndefined();
    expect(vlanList('1-20')).toBe('1-20');
  });
});

describe('editing port security and MAC-flap detection', () => {
  it('turns port security on with the switch defaults (1 MAC, violation shutdown) and off again', () => {
    const lab = example('field-report');
    setPortSecurity(lab, 0, 1, 'on', true);
    expect(portSettingsAt(lab, 0, 1).portSecurity).toEqual({ maxMacs: 1, sticky: false, violation: 'shutdown' });
    setPortSecurity(lab, 0, 1, 'on', false);
    expect(portSettingsAt(lab, 0, 1).portSecurity).toBeUndefined();
    expect(labSchema.safeParse(lab).success).toBe(true);
  });

  it('sets the MAC limit, sticky learning, violation mode and recovery interval of one port only', () => {
    const lab = example('port-security-live-migration');
    setPortSecurity(lab, 0, 2, 'maxMacs', 8);
    setPortSecurity(lab, 0, 2, 'sticky', false);
    setPortSecurity(lab, 0, 2, 'violation', 'restrict');
    setPortSecurity(lab, 0, 2, 'recoverySec', 30);
    expect(portSettingsAt(lab, 0, 2).portSecurity).toEqual({ maxMacs: 8, sticky: false, violation: 'restrict', recoverySec: 30 });
    expect(portSettingsAt(lab, 0, 1).portSecurity).toEqual({ maxMacs: 2, sticky: true, violation: 'shutdown' });
    setPortSecurity(lab, 0, 2, 'recoverySec', undefined);
    expect(portSettingsAt(lab, 0, 2).portSecurity).not.toHaveProperty('recoverySec');
  });

  it("reads a switch's MAC-flap detection with its defaults and sets one field at a time", () => {
    const lab = example('field-report');
    expect(macFlapAt(lab, 0)).toEqual({ moves: 3, withinSec: 10, action: 'log' });
    setMacFlap(lab, 0, 'action', 'err-disable');
    setMacFlap(lab, 0, 'recoverySec', 300);
    expect(lab.switches[0].macFlap).toEqual({ moves: 3, withinSec: 10, action: 'err-disable', recoverySec: 300 });
    expect(lab.switches[1].macFlap).toBeUndefined();
  });
});
