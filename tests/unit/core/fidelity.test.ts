// Fidelity of the VM and team lifecycles: what a running VM keeps, what a setting that does not
// change leaves alone, what a host restart restores, and when a monitored team fails back.
import { describe, expect, it } from 'vitest';
import { drill, example, exampleJson, parse, vmOf, withDrill } from './helpers.js';

/** The field report's lab after Guest1 was live-migrated to HostB: it runs there with HostA's dynamic MAC. */
function migratedEarlier() {
  const input = exampleJson('field-report') as any;
  const guest1 = input.vms.find((v: any) => v.name === 'Guest1');
  guest1.host = 'HostB';
  guest1.dynamicMac = '00-15-5D-01-0A-07';
  return parse(input);
}

describe('a VM running at the start of a drill', () => {
  it('keeps a dynamic MAC issued by another host, as it does after a migration', () => {
    const lab = withDrill(migratedEarlier(), { name: 'look', vms: ['Guest1'], steps: [{ action: 'wait', seconds: 5 }] });
    const { result } = drill(lab, 'look');
    expect(result.baseline.vms.find((v) => v.name === 'Guest1')).toMatchObject({ host: 'HostB', mac: '00-15-5D-01-0A-07' });
    expect(vmOf(result, 'Guest1').passed).toBe(true);
  });

  it('regenerates that MAC only when it is turned on again outside the issuing host', () => {
    const lab = withDrill(migratedEarlier(), { name: 'restart-there', vms: ['Guest1'], steps: [{ action: 'restart', vm: 'Guest1' }] });
    const { result } = drill(lab, 'restart-there');
    expect(result.steps[0].snapshot.vms.find((v) => v.name === 'Guest1')?.mac).toMatch(/^00-15-5D-02-0B-/);
  });
});

describe('set-mac-mode dynamic on a VM that is already dynamic', () => {
  it('changes nothing: the VM comes back with the MAC it had', () => {
    const lab = withDrill(example(), {
      name: 'dynamic-again',
      vms: ['Guest1'],
      steps: [
        { action: 'shutdown', vm: 'Guest1' },
        { action: 'set-mac-mode', vm: 'Guest1', mode: 'dynamic' },
        { action: 'start', vm: 'Guest1' },
      ],
    });
    const { result } = drill(lab, 'dynamic-again');
    const before = result.baseline.vms.find((v) => v.name === 'Guest1')?.mac;
    expect(before).toMatch(/^00-15-5D-/);
    expect(result.steps[1].problem).toBeNull();
    expect(result.steps[2].snapshot.vms.find((v) => v.name === 'Guest1')?.mac).toBe(before);
  });
});

describe('a host restart', () => {
  it('keeps a team the engineer disabled disabled, and brings the others back', () => {
    const input = exampleJson('field-report') as any;
    input.hosts[1].teams.push({ name: 'Spare-Team', members: ['NIC1', 'NIC2'], primary: 'NIC1', mode: 'active-passive', driverProfile: 'broadcom-basp-2009-12-15' });
    const lab = withDrill(parse(input), {
      name: 'disabled-stays-disabled',
      vms: ['Guest1'],
      steps: [
        { action: 'disable-team', host: 'HostB', team: 'Spare-Team' },
        { action: 'fail-host', host: 'HostB' },
        { action: 'restore-host', host: 'HostB' },
      ],
    });
    const { result } = drill(lab, 'disabled-stays-disabled');
    const teams = result.steps[2].snapshot.teams.filter((t) => t.host === 'HostB');
    expect(teams.find((t) => t.team === 'Spare-Team')?.enabled).toBe(false);
    expect(teams.find((t) => t.team === 'VM-Team')?.enabled).toBe(true);
  });
});

describe('failback after monitoring recovers', () => {
  it('waits the profile’s failback delay after the probes succeed again', () => {
    const input = exampleJson('field-report') as any;
    input.hosts[0].teams[0].primary = 'NIC4';
    input.hosts[0].teams[0].monitoring = true;
    const lab = withDrill(parse(input), {
      name: 'isl-flaps',
      vms: ['Guest2'],
      steps: [
        { action: 'fail-inter-switch-link', switches: ['switch1', 'switch2'] },
        { action: 'wait', seconds: 10 },
        { action: 'restore-inter-switch-link', switches: ['switch1', 'switch2'] },
        { action: 'wait', seconds: 10 },
      ],
    });
    const { result } = drill(lab, 'isl-flaps');
    const restoredAt = result.steps[2].atMs;
    const moves = result.changes.filter((c) => c.kind === 'team' && c.host === 'HostA' && c.atMs >= restoredAt) as { activeMember: string | null; atMs: number }[];
    const back = moves.find((c) => c.activeMember === 'NIC4');
    expect(back).toBeDefined();
    // LiveLink: probes every 1 s; BASP waits 1.5 s before it returns to the primary.
    expect(back!.atMs - restoredAt).toBeGreaterThanOrEqual(1500);
    expect(back!.atMs - restoredAt).toBeLessThanOrEqual(1000 + 1500 + 100);
    expect(result.steps[3].snapshot.teams.find((t) => t.host === 'HostA')?.activeMember).toBe('NIC4');
  });
});
