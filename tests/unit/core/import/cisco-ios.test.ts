// Cisco IOS output pasted from a terminal: MAC table rows and LLDP/CDP neighbours on numbered ports.
import { describe, expect, it } from 'vitest';
import { portNumber, readSwitchText } from '../../../../src-main/core/import/cisco-ios.js';

describe('reading switch output', () => {
  it('numbers a port by the last number of its interface name, and leaves out port-channels and SVIs', () => {
    expect(['Gi1/0/12', 'GigabitEthernet1/0/12', 'Fa0/3', 'Te1/1/2', 'Eth1/7'].map(portNumber)).toEqual([12, 12, 3, 2, 7]);
    expect(['Po1', 'Vlan10', 'CPU'].map(portNumber)).toEqual([null, null, null]);
  });

  it('reads show mac address-table rows, with or without extra columns', () => {
    const seen = readSwitchText(
      ['Vlan    Mac Address       Type        Ports', '----    -----------       --------    -----', '   1    0024.e80a.0003    DYNAMIC     Gi1/0/1', ' 10    0015.5d01.0a00    DYNAMIC     Yes   0   Gi1/0/5', '   1    00aa.bbcc.0001    DYNAMIC     Po1'].join('\n'),
      'switches/sw1.txt',
    );
    expect(seen.macTable).toEqual([
      { port: 1, interfaceName: 'Gi1/0/1', mac: '00-24-E8-0A-00-03' },
      { port: 5, interfaceName: 'Gi1/0/5', mac: '00-15-5D-01-0A-00' },
    ]);
    expect(seen.skipped).toEqual(['switches/sw1.txt: line 5: Po1 is not a physical port']);
  });

  it('reads LLDP and CDP neighbours: the local port, the far end’s name without its domain, and its port', () => {
    const text = [
      'Local Intf: Gi1/0/3',
      'Chassis id: 0024.e80a.0004',
      'Port id: 0024.e80a.0004',
      'Port Description: NIC4',
      'System Name: HostA.corp.example',
      '',
      '-------------------------',
      'Device ID: core1.corp.example',
      'Interface: GigabitEthernet1/0/48,  Port ID (outgoing port): TenGigabitEthernet1/1/1',
    ].join('\r\n');
    expect(readSwitchText(text, 'f').neighbours).toEqual([
      { port: 3, interfaceName: 'Gi1/0/3', systemName: 'HostA', portDescription: 'NIC4', portId: '0024.e80a.0004', chassisMac: '00-24-E8-0A-00-04' },
      { port: 48, interfaceName: 'GigabitEthernet1/0/48', systemName: 'core1', portId: 'TenGigabitEthernet1/1/1' },
    ]);
  });

  it('refuses two interfaces of one file that land on the same port number', () => {
    expect(() => readSwitchText('  1  0024.e80a.0003  DYNAMIC  Gi1/0/1\n  1  0024.e80a.0004  DYNAMIC  Gi2/0/1\n', 'switches/stack.txt')).toThrow(
      'switches/stack.txt: line 2: Gi2/0/1 and Gi1/0/1 both map to port 1',
    );
  });
});
