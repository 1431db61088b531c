// Drills beyond the field report: upstream failures, host failures, the dynamic MAC pool, verdicts.
import { describe, expect, it } from 'vitest';
import { drill, example, exampleJson, parse, vmOf, withDrill } from './helpers.js';
import { runDrills } from '../../../src-main/core/drills/runner.js';

/** The field-report lab with HostA's team preferring NIC4 (on switch2, away from the client). */
function primaryOnSwitch2(monitoring: boolean) {
  const input = exampleJson('field-report') as any;
  input.hosts[0].teams[0].primary = 'NIC4';
  if (monitoring) input.hosts[0].teams[0].monitoring = true;
  return withDrill(parse(input), {
    name: 'isl-fails',
    vms: ['Guest2'],
    steps: [{ action: 'fail-inter-switch-link', switches: ['switch1', 'switch2'] }, { action: 'wait', seconds: 30 }],
  });
}

describe('a failure upstream of the active member', () => {
  it('blackholes traffic when the team does not monitor the path, and says so', () => {
    const { result } = drill(primaryOnSwitch2(false), 'isl-fails');
    const guest2 = vmOf(result, 'Guest2');
    expect(guest2.reachableAtEnd).toBe(false);
    expect(guest2.diagnosis?.code).toBe('blackholed-upstream');
    expect(guest2.diagnosis?.text).toContain('team VM-Team on HostA sends through NIC4');
    expect(guest2.diagnosis?.text).toContain('inter-switch link switch1/port24 – switch2/port24 is cut');
    expect(guest2.diagnosis?.remedies.join(' ')).toMatch(/LiveLink/);
  });

  it('fails over when LiveLink is on', () => {
    const { result } = drill(primaryOnSwitch2(true), 'isl-fails');
    const guest2 = vmOf(result, 'Guest2');
    expect(guest2.reachableAtEnd).toBe(true);
    expect(result.steps[0].snapshot.teams.find((t) => t.host === 'HostA')?.activeMember).toBe('NIC3');
    expect(guest2.downtimeMs).toBeLessThanOrEqual(6000);
  });
});

describe('host failure', () => {
  it('restarts the VMs on the other node, where the dynamic MAC is regenerated', () => {
    const lab = withDrill(example(), { name: 'host-a-fails', steps: [{ action: 'fail-host', host: 'HostA' }] });
    const { result } = drill(lab, 'host-a-fails');
    const after = result.steps[0].snapshot.vms;
    expect(after.find((v) => v.name === 'Guest1')).toMatchObject({ host: 'HostB', state: 'running' });
    expect(after.find((v) => v.name === 'Guest1')?.mac).toMatch(/^00-15-5D-02-0B-/);
    expect(after.find((v) => v.name === 'Guest2')).toMatchObject({ host: 'HostB', mac: '00-15-5D-00-20-02' });
    // Team B never saw Guest1 before, so it learns the new MAC on first sight.
    expect(result.passed).toBe(true);
  });

  it('is fatal for a VM that HostB’s team already knew with its old MAC', () => {
    const lab = withDrill(example(), {
      name: 'visit-then-host-fails',
      vms: ['Guest1'],
      steps: [
        { action: 'live-migrate', vm: 'Guest1', to: 'HostB' },
        { action: 'live-migrate', vm: 'Guest1', to: 'HostA' },
        { action: 'fail-host', host: 'HostA' },
      ],
    });
    const { result } = drill(lab, 'visit-then-host-fails');
    expect(vmOf(result, 'Guest1').diagnosis?.code).toBe('stale-team-vm-mac');
  });
});

describe('the dynamic MAC pool', () => {
  it('stops a VM from starting when the pool is exhausted', () => {
    const input = exampleJson('field-report') as any;
    input.hosts[1].macPool = { first: '00-15-5D-02-0B-00', size: 1 };
    input.vms.push({ name: 'Guest3', ip: '1.1.1.3', host: 'HostB', macMode: 'dynamic' });
    const lab = withDrill(parse(input), {
      name: 'exhaust',
      vms: ['Guest1'],
      steps: [
        { action: 'quick-migrate', vm: 'Guest1', to: 'HostB' },
        { action: 'restart', vm: 'Guest1' },
      ],
    });
    const { result } = drill(lab, 'exhaust');
    expect(result.steps[1].problem).toMatch(/pool of HostB .* is exhausted.*12565/);
    expect(vmOf(result, 'Guest1').diagnosis?.code).toBe('mac-pool-exhausted');
  });
});

describe('verdicts and diagnoses', () => {
  it('reports a VM that is shut down as off, and passes when that was expected', () => {
    const lab = withDrill(example(), {
      name: 'shut-guest2',
      vms: ['Guest2'],
      steps: [{ action: 'shutdown', vm: 'Guest2' }],
      expect: { expectDown: ['Guest2'] },
    });
    const { result } = drill(lab, 'shut-guest2');
    expect(result.passed).toBe(true);
    expect(vmOf(result, 'Guest2').diagnosis?.code).toBe('vm-off');
  });

  it('names a disabled team as the place with no path', () => {
    const lab = withDrill(example(), {
      name: 'disable-a',
      vms: ['Guest2'],
      steps: [{ action: 'disable-team', host: 'HostA', team: 'VM-Team' }],
    });
    const guest2 = vmOf(drill(lab, 'disable-a').result, 'Guest2');
    expect(guest2.diagnosis).toMatchObject({ code: 'no-path', device: 'team VM-Team on HostA' });
  });

  it('notes a step that cannot be carried out and goes on', () => {
    const lab = withDrill(example(), {
      name: 'mac-while-running',
      vms: ['Guest1'],
      steps: [{ action: 'set-mac-mode', vm: 'Guest1', mode: 'static', mac: '00-15-5D-00-99-01' }],
    });
    const { result } = drill(lab, 'mac-while-running');
    expect(result.steps[0].problem).toBe('VM Guest1 must be shut down before its MAC settings change');
    expect(result.passed).toBe(true);
  });

  it('fails a drill whose unplanned downtime exceeds the limit', () => {
    const lab = withDrill(example(), {
      name: 'toggle-a',
      vms: ['Guest2'],
      steps: [
        { action: 'disable-team', host: 'HostA', team: 'VM-Team' },
        { action: 'enable-team', host: 'HostA', team: 'VM-Team' },
      ],
      expect: { maxDowntimeSec: 5 },
    });
    const guest2 = vmOf(drill(lab, 'toggle-a').result, 'Guest2');
    expect(guest2.passed).toBe(false);
    expect(guest2.verdict).toMatch(/not counting planned downtime \(expected at most 5.0 s\)/);
  });

  it('does not count the downtime of a quick migration it asked for against the limit', () => {
    const lab = withDrill(example(), {
      name: 'quick',
      vms: ['Guest2'],
      steps: [{ action: 'quick-migrate', vm: 'Guest2', to: 'HostB' }],
      expect: { maxDowntimeSec: 5 },
    });
    const guest2 = vmOf(drill(lab, 'quick').result, 'Guest2');
    expect(guest2.passed).toBe(true);
    expect(guest2.plannedDowntimeMs).toBeGreaterThanOrEqual(lab.settings.quickMigrationDowntimeSec * 1000 - lab.settings.pingIntervalMs);
    expect(guest2.downtimeMs).toBeLessThanOrEqual(lab.settings.pingIntervalMs * 2);
    expect(guest2.verdict).toMatch(/off \(planned\) \d+\.\d s/);
  });

  it('keeping the current dynamic MAC as static makes restarts on another host safe', () => {
    const lab = withDrill(example(), {
      name: 'pin-then-move',
      vms: ['Guest1'],
      steps: [
        { action: 'shutdown', vm: 'Guest1' },
        { action: 'set-mac-mode', vm: 'Guest1', mode: 'static' },
        { action: 'start', vm: 'Guest1' },
        { action: 'live-migrate', vm: 'Guest1', to: 'HostB' },
        { action: 'restart', vm: 'Guest1' },
      ],
    });
    const { result } = drill(lab, 'pin-then-move');
    expect(result.passed).toBe(true);
    expect(result.steps[4].snapshot.vms.find((v) => v.name === 'Guest1')?.mac).toBe('00-15-5D-01-0A-00');
  });
});

describe('runDrills', () => {
  it('runs every drill of the field report within the lab’s seed and reports the failing ones', () => {
    const report = runDrills(example());
    expect(report.drills.map((d) => [d.name, d.passed])).toEqual([
      ['static-to-dynamic-restart', false],
      ['live-migrate', true],
      ['migrate-then-restart', false],
      ['toggle-team-recovers', true],
      ['static-macs-survive', true],
      ['active-nic-failover', true],
      ['migrate-back-after-restart', false],
    ]);
    expect(report.passed).toBe(false);
  });

  it('gives the same report for the same seed, and other ARP timings but the same verdicts for another', () => {
    const a = JSON.stringify(runDrills(example(), { seed: 7 }));
    expect(JSON.stringify(runDrills(example(), { seed: 7 }))).toBe(a);
    const other = runDrills(example(), { seed: 8 });
    expect(JSON.stringify(other)).not.toBe(a);
    expect(other.drills.map((d) => d.passed)).toEqual(runDrills(example(), { seed: 7 }).drills.map((d) => d.passed));
  });
});

describe('a router that ignores gratuitous ARP', () => {
  it('keeps sending to the VM’s old MAC after a restart with a new one, behind a transparent single adapter', () => {
    const input = exampleJson('field-report-single-nic') as any;
    input.clients[0].arpCache = 'router';
    input.settings.routerIgnoresGratuitousArp = true;
    const guest1 = vmOf(drill(parse(input), 'migrate-then-restart').result, 'Guest1');
    expect(guest1.reachableAtEnd).toBe(false);
    expect(guest1.diagnosis?.code).toBe('stale-client-arp');
    expect(guest1.diagnosis?.text).toBe(
      "Client1 still sends 1.1.1.1's frames to 00-15-5D-01-0A-00, an address VM Guest1 no longer has; the virtual switch HostB/VM-Switch has no port with that MAC and drops them",
    );
  });

  it('follows the VM when it accepts gratuitous ARP', () => {
    const input = exampleJson('field-report-single-nic') as any;
    input.clients[0].arpCache = 'router';
    expect(drill(parse(input), 'migrate-then-restart').result.passed).toBe(true);
  });
});

describe('redundant inter-switch links', () => {
  function looped() {
    const input = exampleJson('field-report') as any;
    input.cables.push({ a: { switch: 'switch1', port: 23 }, b: { switch: 'switch2', port: 23 } });
    return withDrill(parse(input), {
      name: 'isl-fails',
      steps: [
        { action: 'fail-nic', host: 'HostA', nic: 'NIC3' },
        { action: 'fail-cable', cable: { switch: 'switch1', port: 24 } },
        { action: 'wait', seconds: 20 },
      ],
    });
  }

  it('are blocked by spanning tree, so broadcasts do not loop', () => {
    const { result } = drill(looped(), 'live-migrate');
    expect(result.passed).toBe(true);
  });

  it('take over when the forwarding link is cut', () => {
    const { result } = drill(looped(), 'isl-fails');
    expect(result.passed).toBe(true);
    expect(result.steps[1].snapshot.teams.find((t) => t.host === 'HostA')?.activeMember).toBe('NIC4');
    for (const vm of result.vms) expect(vm.reachableAtEnd).toBe(true);
  });
});

describe('a failover on the host a VM has left', () => {
  it('does not pull the VM’s traffic back to the old host', () => {
    const lab = withDrill(example(), {
      name: 'leave-then-fail',
      vms: ['Guest1'],
      steps: [
        { action: 'live-migrate', vm: 'Guest1', to: 'HostB' },
        { action: 'fail-nic', host: 'HostA', nic: 'NIC3' },
      ],
      expect: { maxDowntimeSec: 3 },
    });
    const { result } = drill(lab, 'leave-then-fail');
    expect(result.passed).toBe(true);
    expect(result.steps[1].snapshot.clients[0].arp['1.1.1.1']).toBe('00-24-E8-0B-00-03');
  });
});

describe('a migration whose target fails', () => {
  it('leaves the VM running on the source host', () => {
    const lab = withDrill(example(), {
      name: 'target-fails',
      vms: ['Guest1'],
      stepGapSec: 0,
      steps: [
        { action: 'live-migrate', vm: 'Guest1', to: 'HostB' },
        { action: 'fail-host', host: 'HostB' },
      ],
    });
    const { result } = drill(lab, 'target-fails');
    expect(result.steps[1].snapshot.vms.find((v) => v.name === 'Guest1')).toMatchObject({ host: 'HostA', state: 'running' });
    expect(result.passed).toBe(true);
  });

  it('brings a quick-migrated VM back on the source host', () => {
    const lab = withDrill(example(), {
      name: 'quick-target-fails',
      vms: ['Guest2'],
      stepGapSec: 0,
      steps: [
        { action: 'quick-migrate', vm: 'Guest2', to: 'HostB' },
        { action: 'wait', seconds: 5 },
        { action: 'fail-host', host: 'HostB' },
      ],
    });
    const { result } = drill(lab, 'quick-target-fails');
    expect(result.steps[2].snapshot.vms.find((v) => v.name === 'Guest2')).toMatchObject({ host: 'HostA', state: 'running' });
    expect(vmOf(result, 'Guest2').reachableAtEnd).toBe(true);
  });
});

describe('a cluster with no node left', () => {
  it('says why the VMs stay off, and restarts them when a node comes back', () => {
    const lab = withDrill(example(), {
      name: 'both-fail',
      vms: ['Guest2'],
      steps: [
        { action: 'fail-host', host: 'HostB' },
        { action: 'fail-host', host: 'HostA' },
        { action: 'restore-host', host: 'HostA' },
      ],
    });
    const { result } = drill(lab, 'both-fail');
    expect(result.steps[1].snapshot.vms.find((v) => v.name === 'Guest2')?.state).toBe('off');
    expect(result.steps[2].snapshot.vms.find((v) => v.name === 'Guest2')).toMatchObject({ host: 'HostA', state: 'running' });
    expect(vmOf(result, 'Guest2').reachableAtEnd).toBe(true);

    const stuck = withDrill(example(), {
      name: 'both-stay-down',
      vms: ['Guest2'],
      steps: [
        { action: 'fail-host', host: 'HostB' },
        { action: 'fail-host', host: 'HostA' },
      ],
    });
    const guest2 = vmOf(drill(stuck, 'both-stay-down').result, 'Guest2');
    expect(guest2.diagnosis?.code).toBe('vm-off');
    expect(guest2.diagnosis?.text).toMatch(/cluster has no node up to restart VM Guest2/);
  });
});

describe('hosts whose dynamic MAC ranges overlap', () => {
  it('hand the same MAC to two VMs, as Hyper-V does', () => {
    const input = exampleJson('field-report') as any;
    input.hosts[1].managementIp = '10.9.1.10';
    input.vms.push({ name: 'Guest3', ip: '1.1.1.3', host: 'HostB', macMode: 'dynamic' });
    const { result } = drill(parse(input), 'live-migrate');
    const macs = result.baseline.vms.filter((v) => v.name !== 'Guest2').map((v) => v.mac);
    expect(macs).toEqual(['00-15-5D-01-0A-00', '00-15-5D-01-0A-00']);
  });
});

describe('failback', () => {
  function failAndRestore(change: (lab: any) => void) {
    const input = exampleJson('field-report') as any;
    change(input);
    return withDrill(parse(input), {
      name: 'flap',
      vms: ['Guest2'],
      steps: [
        { action: 'fail-nic', host: 'HostA', nic: 'NIC3' },
        { action: 'restore-nic', host: 'HostA', nic: 'NIC3' },
      ],
    });
  }

  it('returns to the primary after the profile’s delay when auto-failback is on', () => {
    const { result } = drill(failAndRestore(() => undefined), 'flap');
    expect(result.steps[1].snapshot.teams.find((t) => t.host === 'HostA')?.activeMember).toBe('NIC3');
  });

  it('stays on the standby when the engineer turned auto-failback off', () => {
    const { result } = drill(failAndRestore((lab) => (lab.hosts[0].teams[0].autoFailback = false)), 'flap');
    expect(result.steps[1].snapshot.teams.find((t) => t.host === 'HostA')?.activeMember).toBe('NIC4');
    expect(result.passed).toBe(true);
  });

  it('keeps VMs reachable through failover with the LBFO and Linux bonding profiles', () => {
    for (const profile of ['windows-lbfo-hyperv-port', 'linux-bonding-active-backup']) {
      const { result } = drill(failAndRestore((lab) => lab.hosts.forEach((h: any) => (h.teams[0].driverProfile = profile))), 'flap');
      expect({ profile, passed: result.passed }).toEqual({ profile, passed: true });
    }
  });
});

describe('which VMs a drill pings', () => {
  it('leaves out VMs that are off at the start unless a step names them', () => {
    const input = exampleJson('field-report') as any;
    input.vms.push({ name: 'Spare', ip: '1.1.1.9', host: 'HostA', initialState: 'off' });
    const lab = withDrill(parse(input), { name: 'quiet', steps: [{ action: 'wait', seconds: 5 }] });
    const { result } = drill(lab, 'quiet');
    expect(result.vms.map((v) => v.name)).toEqual(['Guest1', 'Guest2']);
    expect(result.passed).toBe(true);
  });
});
