// Hypervisors as their facts say: where a VM's MAC comes from and whether another host keeps it,
// who tells the switches after a migration (the guest's ARP, or the host's RARPs), notify switches
// and failback of a virtual switch that teams its own uplinks.
import { describe, expect, it } from 'vitest';
import { drill, example, exampleJson, parse, vmOf, withDrill } from './helpers.js';
import { DRIVER_CATALOGUE } from '../../../src-main/core/drivers/catalogue.js';
import { HYPERVISORS } from '../../../src-main/core/drivers/hypervisors.js';
import { traceDrill } from '../../../src-main/core/drills/trace.js';
import { encodeFrame } from '../../../src-main/core/net/encode.js';
import { rarpFor } from '../../../src-main/core/net/frames.js';
import { macToNumber } from '../../../shared/addresses.js';

describe('the teaming-policy records', () => {
  it('holds SET and the ESXi vSwitch policies as records of the catalogue, SET and ESXi policies usable only by a virtual switch', () => {
    const ids = ['set-hyper-v-port', 'set-dynamic', 'esxi-originating-port', 'esxi-source-mac-hash', 'esxi-ip-hash', 'esxi-explicit-failover'];
    for (const id of ids) expect({ id, embedded: DRIVER_CATALOGUE.find((p) => p.id === id)?.embedded }).toEqual({ id, embedded: true });
    expect(DRIVER_CATALOGUE.find((p) => p.id === 'esxi-ip-hash')!.aggregation).toBe('static');
    expect(DRIVER_CATALOGUE.filter((p) => p.id.startsWith('set-')).every((p) => p.aggregation === undefined && p.maxMembers === 8)).toBe(true);
  });
});

/** The lbfo example's hosts turned into `hypervisor` hosts; Guest1 (dynamic MAC) migrates to HostB and restarts there. */
function migrateThenRestart(hypervisor: string) {
  const json = exampleJson('lbfo-hyperv-port') as any;
  for (const h of json.hosts) h.hypervisor = hypervisor;
  return drill(parse(json), 'migrate-then-restart').result;
}

describe('a VM’s MAC on another host', () => {
  it('is regenerated from the new host’s pool by Hyper-V when the VM restarts there', () => {
    const result = migrateThenRestart('hyper-v');
    const before = result.baseline.vms.find((v) => v.name === 'Guest1')!.mac;
    const after = result.steps[1].snapshot.vms.find((v) => v.name === 'Guest1')!.mac;
    expect(after).not.toBe(before);
    expect(after).toMatch(/^00-15-5D-02-0B-/);
  });

  it('is kept by ESXi and KVM, whose VMs start with a 00-50-56 or 52-54-00 MAC', () => {
    for (const [hypervisor, oui] of [['esxi', '00-50-56'], ['linux-kvm', '52-54-00']]) {
      const result = migrateThenRestart(hypervisor);
      const before = result.baseline.vms.find((v) => v.name === 'Guest1')!.mac!;
      const after = result.steps[1].snapshot.vms.find((v) => v.name === 'Guest1')!.mac;
      expect({ hypervisor, oui: before.slice(0, 8), after }).toEqual({ hypervisor, oui, after: before });
      expect(result.passed).toBe(true);
    }
  });
});

describe('after a vMotion', () => {
  const lab = example('esxi-notify-switches-off');
  const rarpsFor = (name: string) => {
    const traced = traceDrill(lab, lab.drills.find((d) => d.name === name)!, { vms: ['App1'] });
    if (!traced.ok) throw new Error(traced.message);
    return traced.trace.events.filter((e) => e.frame.kind === 'rarp' && e.action === 'sent');
  };

  it('the target host sends RARPs for the VM’s MAC when its vSwitch notifies the switches, and the guest sends no ARP', () => {
    const sent = rarpsFor('vmotion-to-esxi03').filter((e) => e.device === 'esxi03/vSwitch0');
    expect(sent).toHaveLength(HYPERVISORS.esxi.migrationRarpCount);
    expect(sent.every((e) => e.frame.src === '00-50-56-00-10-01' && e.frame.ethertype === 0x8035)).toBe(true);
    expect(rarpsFor('vmotion-to-esxi03').filter((e) => e.device === 'esxi03/vmnic0' || e.device === 'esxi03/vmnic1')).toHaveLength(sent.length);
  });

  it('no RARP leaves a vSwitch with notify switches off', () => {
    expect(rarpsFor('vmotion-to-esxi02')).toEqual([]);
  });
});

describe('a failover of an ESXi vSwitch', () => {
  const EXPLICIT = { driverProfile: 'esxi-explicit-failover', activeUplinks: ['vmnic0'], standbyUplinks: ['vmnic1'] };
  function failback(teaming: Record<string, unknown>) {
    const json = exampleJson('esxi-notify-switches-off') as any;
    json.hosts[0].virtualSwitches[0].teaming = teaming;
    return withDrill(parse(json), {
      name: 'failback',
      vms: ['App1'],
      steps: [
        { action: 'fail-nic', host: 'esxi01', nic: 'vmnic0' },
        { action: 'restore-nic', host: 'esxi01', nic: 'vmnic0' },
      ],
      expect: { reachableWithinSec: 10 },
    });
  }

  it('announces the VMs by RARP on the uplink taken over, and again on failback', () => {
    const lab = failback(EXPLICIT);
    const traced = traceDrill(lab, lab.drills.find((d) => d.name === 'failback')!, { vms: ['App1'] });
    if (!traced.ok) throw new Error(traced.message);
    const rarps = traced.trace.events.filter((e) => e.frame.kind === 'rarp' && e.action === 'sent');
    expect(new Set(rarps.map((e) => e.device))).toEqual(new Set(['esxi01/vmnic1', 'esxi01/vmnic0']));
    expect(drill(lab, 'failback').result.passed).toBe(true);
  });

  it('with notify switches off and failback off, loses the VM on the standby uplink: switch2 keeps its MAC towards switch1', () => {
    const { result } = drill(failback({ ...EXPLICIT, notifySwitches: false, failback: false }), 'failback');
    const app1 = vmOf(result, 'App1');
    expect(app1.reachableAtEnd).toBe(false);
    expect(app1.diagnosis?.code).toBe('stale-switch-mac');
    expect(app1.diagnosis?.text).toContain('switch2/port24 (towards switch1/port24) still holds 00-50-56-00-10-01 (VM App1)');
    expect(app1.diagnosis?.text).toContain('Notify switches is off on esxi01/vSwitch0');
  });

  it('with notify switches off but failback on, gets the VM back when the primary uplink returns', () => {
    const { result } = drill(failback({ ...EXPLICIT, notifySwitches: false }), 'failback');
    expect(vmOf(result, 'App1').reachableAtEnd).toBe(true);
    expect(vmOf(result, 'App1').downtimeMs).toBeGreaterThan(5000);
  });
});

describe('a RARP on the wire', () => {
  it('is Ethernet type 0x8035 with opcode 3 (request reverse), the VM’s MAC as sender and target, no IP', () => {
    const mac = macToNumber('00-50-56-00-10-01');
    const bytes = encodeFrame(rarpFor(mac, undefined, 1));
    expect([...bytes.slice(0, 6)]).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect((bytes[12] << 8) | bytes[13]).toBe(0x8035);
    expect((bytes[20] << 8) | bytes[21]).toBe(3);
    expect([...bytes.slice(22, 28)]).toEqual([0x00, 0x50, 0x56, 0x00, 0x10, 0x01]);
    expect([...bytes.slice(32, 38)]).toEqual([0x00, 0x50, 0x56, 0x00, 0x10, 0x01]);
    expect([...bytes.slice(28, 32), ...bytes.slice(38, 42)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
