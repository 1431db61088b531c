import { describe, it, expect, beforeEach } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { portChoices, cableRefusal, cabledTo } from '../../../src-renderer/stores/cabling.js';
import { useCableToolStore } from '../../../src-renderer/stores/cableTool.js';
import { useLabStore } from '../../../src-renderer/stores/lab.js';
import { useSelectionStore } from '../../../src-renderer/stores/selection.js';
import { useApi } from '../../../src-renderer/api/client.js';
import { FakeService, fieldReportLab } from './fake-api.js';

describe('the port picker', () => {
  it('lists every port of a switch, free or used by the cable that holds it', () => {
    const ports = portChoices(fieldReportLab(), 'switch1');
    expect(ports).toHaveLength(24);
    expect(ports[0]).toEqual({ port: 1, id: 'port:switch1/1', free: false, usedBy: 'HostA/NIC3' });
    expect(ports[2]).toEqual({ port: 3, id: 'port:switch1/3', free: true, usedBy: null });
    expect(ports[9].usedBy).toBe('Client1');
    // The inter-switch link holds port 24 on both switches.
    expect(ports[23].usedBy).toBe('switch2/port24');
    expect(portChoices(fieldReportLab(), 'switch2')[23].usedBy).toBe('switch1/port24');
    expect(ports.filter((p) => p.free)).toHaveLength(20);
  });

  it('refuses a used port, naming the cable that holds it', () => {
    const lab = fieldReportLab();
    lab.hosts[0].nics.push({ ...lab.hosts[0].nics[0], name: 'NIC5', mac: '00-24-E8-0A-00-09' });
    expect(cableRefusal(lab, { host: 'HostA', nic: 'NIC5' }, { switch: 'switch1', port: 2 })).toBe('switch1/port2 is used by the cable from HostB/NIC3');
    expect(cableRefusal(lab, { host: 'HostA', nic: 'NIC5' }, { switch: 'switch1', port: 3 })).toBeNull();
    expect(cableRefusal(lab, { host: 'HostA', nic: 'NIC3' }, { switch: 'switch1', port: 3 })).toBe('HostA/NIC3 is used by the cable to switch1/port1');
    expect(cableRefusal(lab, { host: 'HostA', nic: 'NIC5' }, { client: 'Client1' })).toMatch(/runs to a switch port/);
    expect(cableRefusal(lab, { switch: 'switch1', port: 5 }, { switch: 'switch1', port: 6 })).toMatch(/ports of one switch/);
    expect(cabledTo(lab, { switch: 'switch1', port: 10 })).toEqual({ client: 'Client1' });
  });
});

describe('the cable tool', () => {
  beforeEach(async () => {
    useApi(new FakeService());
    setActivePinia(createPinia());
    await useLabStore().newLab({ kind: 'example', id: 'field-report' });
  });

  it('cables a free NIC to a free port as one undoable edit, and stays on for the next cable', async () => {
    const lab = useLabStore();
    const tool = useCableToolStore();
    lab.edit('Unplug', (d) => void (d.cables = d.cables.filter((c) => !('nic' in c.a && c.a.host === 'HostB' && c.a.nic === 'NIC3'))));
    tool.start();
    expect(tool.active).toBe(true);
    tool.pick('nic:HostB/NIC3');
    expect(tool.fromLabel).toBe('HostB/NIC3');
    tool.pick('switch:switch2');
    expect(tool.pickerSwitch).toBe('switch2');
    tool.pick('port:switch1/5');
    expect(lab.doc!.cables).toContainEqual({ a: { host: 'HostB', nic: 'NIC3' }, b: { switch: 'switch1', port: 5 } });
    expect(lab.undoStack.at(-1)!.label).toBe('Connect HostB/NIC3 to switch1/port5');
    expect(tool.active).toBe(true);
    expect(tool.from).toBeNull();
    lab.undo();
    expect(lab.doc!.cables.some((c) => 'port' in c.b && c.b.switch === 'switch1' && c.b.port === 5)).toBe(false);
  });

  it('refuses a used port and keeps the cable\u2019s start', () => {
    const lab = useLabStore();
    const tool = useCableToolStore();
    lab.edit('Unplug', (d) => void (d.cables = d.cables.filter((c) => !('client' in c.a))));
    useSelectionStore().select(['client:Client1']);
    tool.start();
    expect(tool.fromLabel).toBe('Client1');
    const before = lab.undoStack.length;
    expect(tool.connectTo('port:switch1/1')).toBe(false);
    expect(tool.refused).toBe(true);
    expect(tool.message).toBe('switch1/port1 is used by the cable from HostA/NIC3: pick a free port.');
    expect(lab.undoStack).toHaveLength(before);
    expect(tool.fromLabel).toBe('Client1');
  });

  it('will not start from a plug that already has a cable, and Escape (cancel) puts the tool away', () => {
    const tool = useCableToolStore();
    tool.start();
    tool.pick('nic:HostA/NIC3');
    expect(tool.from).toBeNull();
    expect(tool.message).toBe('HostA/NIC3 already has a cable, to switch1/port1: pick a free plug.');
    tool.cancel();
    expect(tool.active).toBe(false);
  });
});
