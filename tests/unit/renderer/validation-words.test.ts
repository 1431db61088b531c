// What an inspector field says when a value is refused: the element's name, then the complaint in the domain's words.
import { describe, it, expect, beforeEach } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useLabStore } from '../../../src-renderer/stores/lab.js';
import { useApi } from '../../../src-renderer/api/client.js';
import { setAt, pathText, type Path } from '../../../src-renderer/stores/ops.js';
import { addSwitch } from '../../../src-renderer/stores/edits.js';
import { fieldWords } from '../../../src-renderer/stores/problems.js';
import { FakeService } from './fake-api.js';

async function fieldReport() {
  useApi(new FakeService());
  const lab = useLabStore();
  await lab.newLab({ kind: 'example', id: 'field-report' });
  /** Sets one field as the inspector does (a strict edit); answers the refusal, or null. */
  const set = (path: Path, value: unknown) => lab.edit('Change', (d) => setAt(d, path, value), { strict: true, fieldPath: pathText(path) });
  return { lab, set };
}

describe('validation messages in the domain’s words', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('says a switch needs at least one port, under the switch’s own name, and takes a valid count', async () => {
    const { lab, set } = await fieldReport();
    lab.edit('Add a switch', (d) => void addSwitch(d, 24, { x: 0, y: 0 }));
    expect(lab.doc!.switches[2].name).toBe('switch3');
    expect(set(['switches', 2, 'ports'], 0)).toBe('switch3: a switch needs at least 1 port');
    expect(set(['switches', 2, 'ports'], 5000)).toBe('switch3: a switch has at most 1024 ports');
    expect(set(['switches', 2, 'ports'], 2.5)).toBe('switch3: a switch has a whole number of ports');
    expect(set(['switches', 2, 'ports'], 8)).toBeNull();
  });

  it('says which cable keeps a switch from shrinking', async () => {
    const { set } = await fieldReport();
    expect(set(['switches', 0, 'ports'], 5)).toBe('switch1: port 24 carries the cable switch1/port24–switch2/port24: keep at least 24 ports');
  });

  it('refuses IPs and MACs that are not addresses, and addresses already in use, naming the element', async () => {
    const { set } = await fieldReport();
    expect(set(['vms', 0, 'ip'], '1.1.1')).toBe('Guest1: "1.1.1" is not an IPv4 address like 10.0.1.10');
    expect(set(['hosts', 0, 'managementIp'], '300.1.1.1')).toBe('HostA: "300.1.1.1" is not an IPv4 address like 10.0.1.10');
    expect(set(['clients', 0, 'ip'], 'abc')).toBe('Client1: "abc" is not an IPv4 address like 10.0.1.10');
    expect(set(['vms', 0, 'ip'], '1.1.1.2')).toBe('Guest1: IP 1.1.1.2 is already used by VM Guest2');
    expect(set(['hosts', 0, 'nics', 0, 'mac'], '00-24')).toBe('HostA/NIC1: "00-24" is not a MAC address like 00-15-5D-01-0A-03');
    expect(set(['hosts', 0, 'nics', 0, 'mac'], '00-24-E8-0A-00-02')).toBe('HostA/NIC1: MAC 00-24-E8-0A-00-02 is already used by NIC HostA/NIC2');
    expect(set(['vms', 1, 'staticMac'], 'zz')).toBe('Guest2: "zz" is not a MAC address like 00-15-5D-01-0A-03');
    expect(set(['clients', 0, 'mac'], 'abc')).toBe('Client1: "abc" is not a MAC address like 00-15-5D-01-0A-03');
  });

  it('gives the VLAN range for VMs, clients and teams', async () => {
    const { set } = await fieldReport();
    expect(set(['vms', 0, 'vlan'], 5000)).toBe('Guest1: a VLAN ID is 1 to 4094');
    expect(set(['clients', 0, 'vlan'], 0)).toBe('Client1: a VLAN ID is 1 to 4094');
    expect(set(['hosts', 0, 'teams', 0, 'vlan'], 4095)).toBe('HostA/VM-Team: a VLAN ID is 1 to 4094');
  });

  it('tells a refused rename under the element’s own name', async () => {
    const { set } = await fieldReport();
    expect(set(['vms', 0, 'name'], 'Guest2')).toBe('Guest1: VM name "Guest2" is already used by VM Guest2');
    expect(set(['hosts', 1, 'name'], 'HostA')).toBe('HostB: host name "HostA" is already used by host HostA');
    expect(set(['switches', 1, 'name'], 'switch1')).toBe('switch2: switch name "switch1" is already used by switch switch1');
    expect(set(['vms', 0, 'name'], '')).toBe('Guest1: a VM needs a name');
    expect(set(['switches', 0, 'name'], '')).toBe('switch1: a switch needs a name');
  });

  it('says what is wrong with a MAC pool range and a MAC ageing time', async () => {
    const { set } = await fieldReport();
    expect(set(['hosts', 0, 'macPool'], { first: 'zz', size: 256 })).toBe('HostA: "zz" is not a MAC address like 00-15-5D-01-0A-03');
    expect(set(['hosts', 0, 'macPool'], { first: '00-15-5D-10-0B-00', size: 0 })).toBe('HostA: a MAC pool holds at least 1 address');
    expect(set(['switches', 0, 'macAgeingSec'], -1)).toBe('switch1: MAC ageing cannot be negative');
  });

  it('leaves complaints it has no better words for as the check says them', () => {
    expect(fieldWords('driverProfiles[0].failover.detectMs', 'must be at most 600000')).toBe('must be at most 600000');
    expect(fieldWords('switches[0].ports', 'must be at least 2')).toBe('a switch needs at least 2 ports');
  });
});
