// Editing one switch port's VLAN settings in the window: its neighbours set by the same record keep theirs.
import { describe, expect, it } from 'vitest';
import { portSettingsAt, setPortSetting, vlanList } from '../../../src-renderer/stores/portSettings.js';
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
