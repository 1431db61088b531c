// Find names elements by name, IP or MAC, a MAC in whatever notation the engineer copied it in.
import { describe, it, expect } from 'vitest';
import { findMatches, macDigits, heldMacsOf } from '../../../src-renderer/find/findMatches.js';
import { fieldReportLab } from './fake-api.js';

const ids = (query: string, held?: Map<string, string[]>) => findMatches(fieldReportLab(), query, held).map((m) => m.id);

describe('find', () => {
  it('finds a VM by its name, whatever the case, and says which field matched', () => {
    const [first] = findMatches(fieldReportLab(), 'guest1');
    expect(first).toMatchObject({ id: 'vm:Guest1', label: 'VM Guest1', host: 'HostA', field: 'name', value: 'Guest1' });
  });

  it('puts the exact name before names that only start with the query', () => {
    expect(ids('Guest')).toEqual(['vm:Guest1', 'vm:Guest2']);
    expect(ids('NIC3')).toEqual(['nic:HostA/NIC3', 'nic:HostB/NIC3']);
    expect(ids('HostA/NIC3')).toEqual(['nic:HostA/NIC3']);
  });

  it('finds a VM, a host and a client by IP, the exact address first', () => {
    expect(ids('1.1.1.1')[0]).toBe('vm:Guest1');
    expect(findMatches(fieldReportLab(), '1.1.1.1')[0]).toMatchObject({ field: 'IP', value: '1.1.1.1' });
    expect(ids('10.0.1.10')).toEqual(['host:HostA']);
  });

  it('finds a NIC by its MAC written with dashes, colons, dots or nothing, in any case', () => {
    for (const q of ['00-24-E8-0A-00-03', '00:24:e8:0a:00:03', '0024.e80a.0003', '0024E80A0003', '0024e80a0003']) {
      expect(ids(q), q).toEqual(['nic:HostA/NIC3']);
    }
    expect(findMatches(fieldReportLab(), '00:24:e8:0a:00:03')[0]).toMatchObject({ field: 'MAC', value: '00-24-E8-0A-00-03' });
  });

  it('finds a VM by its static MAC, and by the dynamic MAC it held in the last drill run', () => {
    expect(ids('00:15:5d:00:20:02')).toEqual(['vm:Guest2']);
    expect(ids('00:15:5d:01:0a:00')).toEqual([]);
    const held = heldMacsOf([{ vms: [{ name: 'Guest1', mac: '00-15-5D-01-0A-00' }, { name: 'Guest2', mac: null }] }, { vms: [{ name: 'Guest1', mac: '00-15-5D-02-0B-00' }] }]);
    expect(ids('00:15:5d:01:0a:00', held as Map<string, string[]>)).toEqual(['vm:Guest1']);
    expect(ids('00155d020b00', held as Map<string, string[]>)).toEqual(['vm:Guest1']);
  });

  it('reads digits and dots as an IP, not a MAC, unless grouped in fours', () => {
    expect(macDigits('10.8.0.1')).toBeNull();
    expect(macDigits('0015.5d01.0a00')).toBe('00155d010a00');
    expect(macDigits('00-15')).toBe('0015');
    expect(macDigits('0a')).toBeNull();
    expect(macDigits('Guest1')).toBeNull();
  });

  it('finds nothing for an empty query or a name no element has', () => {
    expect(ids('  ')).toEqual([]);
    expect(ids('web99')).toEqual([]);
  });
});
