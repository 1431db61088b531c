// Fidelity of the VM and team lifecycles: what a running VM keeps, what a setting that does not
// change leaves alone, what a host restart restores, and when a monitored team fails back.
import { describe, expect, it } from 'vitest';
import { drill, example, exampleJson, parse, vmOf, withDrill } from './helpers.js';
import { traceDrill } from '../../../src-main/core/drills/trace.js';

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
    // LiveLink probes every 1 s and judges a round at the next: the path reads good again within
    // two intervals of the repair, and BASP then waits 1.5 s before it returns to the primary.
    expect(back!.atMs - restoredAt).toBeGreaterThanOrEqual(1500);
    expect(back!.atMs - restoredAt).toBeLessThanOrEqual(2 * 1000 + 1500);
    expect(result.steps[3].snapshot.teams.find((t) => t.host === 'HostA')?.activeMember).toBe('NIC4');
  });
});

describe('monitoring probes', () => {
  /** HostA's team prefers NIC4 (switch2, away from Client1) and probes Client1; the inter-switch link is cut at 10 s. */
  function probedLab() {
    const input = exampleJson('field-report') as any;
    input.hosts[0].teams[0].primary = 'NIC4';
    input.hosts[0].teams[0].monitoring = true;
    return withDrill(parse(input), {
      name: 'isl-fails',
      vms: ['Guest2'],
      steps: [{ action: 'fail-inter-switch-link', switches: ['switch1', 'switch2'] }, { action: 'wait', seconds: 10 }],
    });
  }
  const CLIENT1 = 0x01010164; // 1.1.1.100
  const NIC4 = 'HostA/NIC4';

  function probesAt(records: { atUs: number; direction: string; frame: any }[]) {
    const sent = records.filter((r) => r.direction === 'out' && r.frame.payload.kind === 'arp' && r.frame.payload.op === 1 && r.frame.payload.tpa === CLIENT1 && r.frame.payload.spa === 0);
    const answers = records.filter((r) => r.direction === 'in' && r.frame.payload.kind === 'arp' && r.frame.payload.op === 2 && r.frame.payload.spa === CLIENT1);
    return { sent, answers };
  }

  it('are ARP frames each member sends to the probe target, seen in a capture with their answers', () => {
    const { captures } = drill(probedLab(), 'isl-fails', [{ host: 'HostA', nic: 'NIC4' }, { host: 'HostA', nic: 'NIC3' }]);
    for (const set of captures) {
      const before = set.records.filter((r) => r.atUs < 10e6);
      const { sent, answers } = probesAt(before);
      // One probe a second from each member, each answered by Client1.
      expect({ point: set.point, sent: sent.length >= 8, answered: answers.length >= 8 }).toEqual({ point: set.point, sent: true, answered: true });
    }
    expect(captures[0].point).toContain(NIC4);
  });

  it('go unanswered through a cut inter-switch link, so the team fails over as the real one does', () => {
    const { result, captures } = drill(probedLab(), 'isl-fails', [{ host: 'HostA', nic: 'NIC4' }]);
    const after = captures[0].records.filter((r) => r.atUs > 10e6 + 1000);
    const { sent, answers } = probesAt(after);
    expect(sent.length).toBeGreaterThan(3);
    expect(answers.length).toBe(0);
    expect(result.steps[0].snapshot.teams.find((t) => t.host === 'HostA')?.activeMember).toBe('NIC3');
  });

  it('fail on a member whose cable is cut, so the team moves to the other member', () => {
    const lab = withDrill(probedLab(), {
      name: 'nic4-cable-cut',
      vms: ['Guest2'],
      steps: [{ action: 'fail-cable', cable: { host: 'HostA', nic: 'NIC4' } }, { action: 'wait', seconds: 10 }],
    });
    const session = drill(lab, 'nic4-cable-cut');
    expect(session.result.steps[1].snapshot.teams.find((t) => t.host === 'HostA')?.activeMember).toBe('NIC3');
  });
});

describe('monitoring probes in the event list and behind a blocked port', () => {
  /** HostA's team probes Client1 over NIC3 (primary) and NIC4; switches as `switches` sets them. */
  function monitored(steps: unknown[], switches: (sw: any) => void = () => {}) {
    const input = exampleJson('field-report') as any;
    input.hosts[0].teams[0].monitoring = true;
    input.switches.forEach(switches);
    return withDrill(parse(input), { name: 'probed', vms: ['Guest2'], steps });
  }

  it('show in the drill’s event list as ARP probes from each member with Client1’s answers', () => {
    const lab = monitored([{ action: 'wait', seconds: 5 }]);
    const answer = traceDrill(lab, lab.drills.find((d) => d.name === 'probed')!, { kind: 'arp', fromMs: 0, toMs: 5000 });
    if (!answer.ok) throw new Error(answer.message);
    const probes = answer.trace.events.filter((e) => e.action === 'sent' && e.frame.kind === 'arp-request' && e.frame.arp?.spa === '0.0.0.0' && e.frame.arp?.tpa === '1.1.1.100');
    expect(new Set(probes.map((e) => e.frame.src))).toEqual(new Set(['00-24-E8-0A-00-03', '00-24-E8-0A-00-04']));
    const answers = answer.trace.events.filter((e) => e.frame.kind === 'arp-reply' && e.frame.arp?.spa === '1.1.1.100' && e.frame.arp?.tpa === '0.0.0.0');
    expect(answers.length).toBeGreaterThan(0);
  });

  it('go unanswered while the restored member’s switch port still listens and learns (802.1D), so the team fails back only once it forwards', () => {
    const steps = [{ action: 'fail-cable', cable: { host: 'HostA', nic: 'NIC3' } }, { action: 'restore-cable', cable: { host: 'HostA', nic: 'NIC3' } }, { action: 'wait', seconds: 40 }];
    const { result } = drill(monitored(steps, (sw) => (sw.stp = '802.1d')), 'probed');
    const restoredAt = result.steps[1].atMs;
    const back = result.changes.find((c) => c.kind === 'team' && c.host === 'HostA' && c.atMs >= restoredAt && c.activeMember === 'NIC3') as { atMs: number } | undefined;
    expect(back).toBeDefined();
    // 2 × 15 s forward delay before the port forwards the probes, then BASP's 1.5 s failback delay.
    expect(back!.atMs - restoredAt).toBeGreaterThanOrEqual(30_000 + 1500);
    expect(vmOf(result, 'Guest2').reachableAtEnd).toBe(true);
  });
});
