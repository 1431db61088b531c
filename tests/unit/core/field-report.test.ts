// Every observation of the field report (DOMAIN.md §1, S1–S10), reproduced from the general model.
import { describe, expect, it } from 'vitest';
import { drill, example, exampleJson, parse, vmOf, withDrill } from './helpers.js';
import { macToText, ipToText } from '../../../shared/addresses.js';

const TEAM_A_MAC = '00-24-E8-0A-00-03';
const TEAM_B_MAC = '00-24-E8-0B-00-03';
const GUEST1_MAC_C = '00-15-5D-01-0A-00'; // first address of HostA's pool (10.0.1.10 → 01-0A)
const GUEST1_MAC_D = '00-15-5D-02-0B-00'; // first address of HostB's pool (10.0.2.11 → 02-0B)

describe('S1: static MAC switched to dynamic and started again on the same host', () => {
  it('loses connectivity because team A keeps the old static MAC', () => {
    const { result } = drill(example(), 'static-to-dynamic-restart');
    const guest2 = vmOf(result, 'Guest2');
    expect(result.passed).toBe(false);
    expect(guest2.reachableAtEnd).toBe(false);
    expect(guest2.diagnosis?.code).toBe('stale-team-vm-mac');
    expect(guest2.diagnosis?.text).toContain('team VM-Team on HostA');
    expect(guest2.diagnosis?.text).toContain('00-15-5D-00-20-02');
    const last = result.steps[result.steps.length - 1].snapshot;
    const teamA = last.teams.find((t) => t.host === 'HostA')!;
    expect(teamA.vmTable.find((e) => e.ip === '1.1.1.2')?.mac).toBe('00-15-5D-00-20-02');
    expect(last.vms.find((v) => v.name === 'Guest2')?.mac).toMatch(/^00-15-5D-01-0A-/);
  });
});

describe('S2: a VM with a dynamic MAC from host A, pinged by the client', () => {
  it("shows the VM's IP at team A's MAC in the client's ARP table", () => {
    const { result } = drill(example(), 'live-migrate');
    expect(result.baseline.clients[0].arp['1.1.1.1']).toBe(TEAM_A_MAC);
    const teamA = result.baseline.teams.find((t) => t.host === 'HostA')!;
    expect(teamA.vmTable.find((e) => e.ip === '1.1.1.1')?.mac).toBe(GUEST1_MAC_C);
  });

  it('shows on a NIC capture that the team rewrote the L2 destination to MAC C', () => {
    const { captures } = drill(example(), 'live-migrate', [{ host: 'HostA', nic: 'NIC3' }]);
    const echoes = captures[0].records.filter(
      (r) => r.frame.payload.kind === 'ipv4' && r.frame.payload.icmp.type === 8 && ipToText(r.frame.payload.dst) === '1.1.1.1',
    );
    const arriving = echoes.filter((r) => r.direction === 'in');
    const handedUp = echoes.filter((r) => r.direction === 'up');
    expect(arriving.length).toBeGreaterThan(5);
    expect(arriving.every((r) => macToText(r.frame.dst) === TEAM_A_MAC)).toBe(true);
    expect(handedUp.length).toBe(arriving.length);
    expect(handedUp.every((r) => macToText(r.frame.dst) === GUEST1_MAC_C)).toBe(true);
    expect(arriving.every((r) => r.frame.payload.kind === 'ipv4')).toBe(true);
  });
});

describe('S3: live migration of that VM to host B', () => {
  it("keeps connectivity and the client's ARP table now shows team B's MAC", () => {
    const { result } = drill(example(), 'live-migrate');
    const guest1 = vmOf(result, 'Guest1');
    expect(result.passed).toBe(true);
    expect(guest1.reachableAtEnd).toBe(true);
    expect(guest1.downtimeMs).toBeLessThanOrEqual(2000);
    expect(result.steps[0].snapshot.clients[0].arp['1.1.1.1']).toBe(TEAM_B_MAC);
    expect(result.steps[0].snapshot.vms.find((v) => v.name === 'Guest1')).toMatchObject({ host: 'HostB', mac: GUEST1_MAC_C });
  });
});

describe('S4: restart the VM on host B', () => {
  const { result } = drill(example(), 'migrate-then-restart');
  const guest1 = vmOf(result, 'Guest1');
  const afterRestart = result.steps[1].snapshot;

  it('gives the VM MAC D from B’s pool and it loses connectivity', () => {
    expect(afterRestart.vms.find((v) => v.name === 'Guest1')?.mac).toBe(GUEST1_MAC_D);
    expect(result.passed).toBe(false);
    expect(guest1.reachableAtEnd).toBe(false);
  });

  it("leaves the client's ARP table unchanged", () => {
    expect(result.steps[0].snapshot.clients[0].arp['1.1.1.1']).toBe(TEAM_B_MAC);
    expect(afterRestart.clients[0].arp['1.1.1.1']).toBe(TEAM_B_MAC);
  });

  it('keeps the stale VM MAC after a restart on the new host, and says so', () => {
    const teamB = afterRestart.teams.find((t) => t.host === 'HostB')!;
    expect(teamB.vmTable.find((e) => e.ip === '1.1.1.1')?.mac).toBe(GUEST1_MAC_C);
    expect(guest1.diagnosis).not.toBeNull();
    expect(guest1.diagnosis!.code).toBe('stale-team-vm-mac');
    expect(guest1.diagnosis!.device).toBe('HostB/VM-Switch');
    expect(guest1.diagnosis!.text).toMatch(/^team VM-Team on HostB rewrote 1\.1\.1\.1's frames to 00-15-5D-01-0A-00 \(entry learnt 10:00:15\.300\)/);
    expect(guest1.diagnosis!.text).toContain(`now has ${GUEST1_MAC_D}`);
    expect(guest1.diagnosis!.text).toContain('has no port with that MAC and drops them');
    expect(guest1.diagnosis!.knownIssue).toMatch(/Broadcom BASP/);
    const remedies = guest1.diagnosis!.remedies.join('\n');
    for (const remedy of [/static MAC/, /Disable and re-enable team VM-Team on HostB/, /single adapter/, /another vendor/, /corrected/])
      expect(remedies).toMatch(remedy);
  });

  it('shows the team still receiving traffic for the IP and rewriting it to MAC C', () => {
    const { captures } = drill(example(), 'migrate-then-restart', [{ host: 'HostB', nic: 'NIC3' }]);
    const late = captures[0].records.filter(
      (r) => r.atUs > 60e6 && r.frame.payload.kind === 'ipv4' && r.frame.payload.icmp.type === 8,
    );
    expect(late.some((r) => r.direction === 'in' && macToText(r.frame.dst) === TEAM_B_MAC)).toBe(true);
    const handedUp = late.filter((r) => r.direction === 'up');
    expect(handedUp.length).toBeGreaterThan(10);
    expect(handedUp.every((r) => macToText(r.frame.dst) === GUEST1_MAC_C)).toBe(true);
  });
});

describe('S5: disable then re-enable team B', () => {
  it('brings connectivity back at once', () => {
    const { result } = drill(example(), 'toggle-team-recovers');
    const guest1 = vmOf(result, 'Guest1');
    expect(result.passed).toBe(true);
    expect(guest1.reachableAtEnd).toBe(true);
    // Down through the restart and the disable; back within a ping of the enable.
    expect(guest1.downtimePerStepMs[3]).toBeLessThan(1000);
    const teamB = result.steps[3].snapshot.teams.find((t) => t.host === 'HostB')!;
    expect(teamB.vmTable.find((e) => e.ip === '1.1.1.1')?.mac).toBe(GUEST1_MAC_D);
  });
});

describe('S6: static MACs on all VMs', () => {
  it('keep connectivity through restarts and migrations', () => {
    const { result } = drill(example(), 'static-macs-survive');
    expect(result.passed).toBe(true);
    expect(vmOf(result, 'Guest2').reachableAtEnd).toBe(true);
    expect(result.steps.every((s) => s.snapshot.vms.find((v) => v.name === 'Guest2')?.mac === '00-15-5D-00-20-02')).toBe(true);
  });
});

describe('S7: no team, one adapter bound to the virtual switch', () => {
  const lab = example('field-report-single-nic');
  it.each(['static-to-dynamic-restart', 'live-migrate', 'migrate-then-restart', 'migrate-back-after-restart'])('%s works', (name) => {
    const { result } = drill(lab, name);
    expect(result.passed).toBe(true);
    expect(result.vms.every((v) => v.reachableAtEnd)).toBe(true);
  });

  it("puts the VM's own MAC in the client's ARP table", () => {
    const { result } = drill(lab, 'migrate-then-restart');
    expect(result.steps[1].snapshot.clients[0].arp['1.1.1.1']).toBe(GUEST1_MAC_D);
  });

  it('has no failover: each failure cuts the VMs off until it is repaired', () => {
    const { result } = drill(lab, 'active-nic-failover');
    expect(result.passed).toBe(false);
    expect(vmOf(result, 'Guest1').downtimeMs).toBeGreaterThanOrEqual(25_000);
  });
});

describe('S8: Intel NICs teamed the same way', () => {
  it('passes every drill of the field report', () => {
    const lab = example('field-report-intel');
    for (const d of lab.drills) {
      const { result } = drill(lab, d.name);
      expect({ drill: d.name, passed: result.passed }).toEqual({ drill: d.name, passed: true });
    }
  });
});

describe('S9: settings the field report tried make no difference', () => {
  const variants: [string, (lab: Record<string, any>) => void][] = [
    ['TOE, checksum offload and RSS on', (lab) => lab.hosts.forEach((h: any) => h.nics.forEach((n: any) => (n.offload = { toe: true, checksum: true, rss: true })))],
    ['TOE, checksum offload and RSS off', (lab) => lab.hosts.forEach((h: any) => h.nics.forEach((n: any) => (n.offload = { toe: false, checksum: false, rss: false })))],
    ['teaming set up after the Hyper-V role', (lab) => lab.hosts.forEach((h: any) => (h.teams[0].createdBeforeHyperV = false))],
    [
      'both members on the same switch',
      (lab) => {
        lab.cables = lab.cables.map((c: any) =>
          c.b.switch === 'switch2' && c.a.nic === 'NIC4' ? { a: c.a, b: { switch: 'switch1', port: c.b.port + 10 } } : c,
        );
      },
    ],
  ];
  it.each(variants)('with %s the VM still loses the network after migration and restart', (_label, change) => {
    const input = exampleJson('field-report');
    change(input);
    const lab = parse(input);
    const { result } = drill(lab, 'migrate-then-restart');
    expect(result.passed).toBe(false);
    expect(vmOf(result, 'Guest1').diagnosis?.code).toBe('stale-team-vm-mac');
    expect(drill(lab, 'static-to-dynamic-restart').result.passed).toBe(false);
  });
});

describe('S10: NIC, cable or switch failure with static MACs', () => {
  it('team failover keeps the VMs reachable', () => {
    const { result } = drill(example(), 'active-nic-failover');
    expect(result.passed).toBe(true);
    const failed = result.steps[0].snapshot.teams.find((t) => t.host === 'HostA')!;
    expect(failed.activeMember).toBe('NIC4');
    const restored = result.steps[1].snapshot.teams.find((t) => t.host === 'HostA')!;
    expect(restored.activeMember).toBe('NIC3');
    for (const vm of result.vms) expect(vm.downtimeMs).toBeLessThanOrEqual(3000);
  });

  it('survives the failure of the whole switch under the active member', () => {
    const input = exampleJson('field-report') as any;
    input.cables = input.cables.map((c: any) => (c.a.client ? { a: c.a, b: { switch: 'switch2', port: 10 } } : c));
    const lab = withDrill(parse(input), {
      name: 'switch1-fails',
      steps: [{ action: 'fail-switch', switch: 'switch1' }, { action: 'wait', seconds: 30 }],
    });
    const { result } = drill(lab, 'switch1-fails');
    expect(result.passed).toBe(true);
    expect(result.steps[0].snapshot.teams.find((t) => t.host === 'HostA')?.activeMember).toBe('NIC4');
  });
});

describe('predicted, not reported', () => {
  it('a VM that got a new MAC on HostB and migrates back to HostA is unreachable on HostA too', () => {
    const { result } = drill(example(), 'migrate-back-after-restart');
    const guest1 = vmOf(result, 'Guest1');
    expect(guest1.reachableAtEnd).toBe(false);
    expect(guest1.diagnosis?.code).toBe('stale-team-vm-mac');
    expect(guest1.diagnosis?.text).toContain('team VM-Team on HostA');
    expect(guest1.diagnosis?.text).toContain(`rewrote 1.1.1.1's frames to ${GUEST1_MAC_C}`);
    expect(guest1.diagnosis?.text).toContain(`now has ${GUEST1_MAC_D}`);
  });

  it('a corrected driver (track) keeps the VM reachable through the same drill', () => {
    const input = exampleJson('field-report') as any;
    input.hosts.forEach((h: any) => (h.teams[0].driverProfile = 'broadcom-basp-corrected'));
    const lab = parse(input);
    for (const name of ['static-to-dynamic-restart', 'migrate-then-restart', 'migrate-back-after-restart'])
      expect(drill(lab, name).result.passed).toBe(true);
  });
});

describe('determinism', () => {
  it('gives byte-identical results for the same lab and seed', () => {
    const a = JSON.stringify(drill(example(), 'toggle-team-recovers').result);
    const b = JSON.stringify(drill(example(), 'toggle-team-recovers').result);
    expect(a).toBe(b);
  });
});
