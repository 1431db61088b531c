// The drill's state over time (where each VM runs, what is failed, each team's state and VM table)
// and planned downtime: what the canvas draws at any moment, and what is not counted as loss.
import { describe, expect, it } from 'vitest';
import type { StateChange } from '../../../shared/trace.js';
import { cableId } from '../../../shared/checks.js';
import { drill, example, parse, vmOf, withDrill } from './helpers.js';
import { runDrill } from '../../../src-main/core/drills/runner.js';

const GUEST1_MAC_C = '00-15-5D-01-0A-00';
const GUEST1_MAC_D = '00-15-5D-02-0B-00';

type Of<K extends StateChange['kind']> = Extract<StateChange, { kind: K }>;
const ofKind = <K extends StateChange['kind']>(changes: StateChange[], kind: K) => changes.filter((c): c is Of<K> => c.kind === kind);

describe('the state changes of a drill', () => {
  const { result } = drill(example(), 'migrate-then-restart');
  const [migrate, restart] = result.steps;
  const guest1 = ofKind(result.changes, 'vm').filter((c) => c.vm === 'Guest1');

  it('start at time 0 with every VM and team as the drill begins, and come in time order', () => {
    const atZero = result.changes.filter((c) => c.atMs === 0);
    expect(ofKind(atZero, 'vm').map((c) => [c.vm, c.host, c.state])).toEqual(
      expect.arrayContaining([
        ['Guest1', 'HostA', 'running'],
        ['Guest2', 'HostA', 'running'],
      ]),
    );
    expect(ofKind(atZero, 'team').map((c) => [c.host, c.enabled, c.activeMember])).toEqual([
      ['HostA', true, 'NIC3'],
      ['HostB', true, 'NIC3'],
    ]);
    const times = result.changes.map((c) => c.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keep Guest1 on HostA while the live migration is in flight and move it to HostB when it completes', () => {
    const inFlight = guest1.find((c) => c.migratingTo === 'HostB')!;
    expect(inFlight).toMatchObject({ atMs: migrate.atMs, host: 'HostA', state: 'running' });
    const moved = guest1.find((c) => c.host === 'HostB')!;
    expect(moved.atMs).toBeGreaterThan(migrate.atMs);
    expect(moved.atMs).toBeLessThan(restart.atMs);
    expect(moved).toMatchObject({ state: 'running', mac: GUEST1_MAC_C, migratingTo: null });
  });

  it("change Guest1's MAC at the restart, and HostB's team keeps the old entry", () => {
    const atRestart = guest1.filter((c) => c.atMs === restart.atMs);
    expect(atRestart.map((c) => c.state)).toEqual(['off', 'booting']);
    expect(atRestart[1].mac).toBe(GUEST1_MAC_D);
    expect(guest1[guest1.length - 1]).toMatchObject({ host: 'HostB', state: 'running', mac: GUEST1_MAC_D });
    const entries = ofKind(result.changes, 'team-entry').filter((c) => c.host === 'HostB' && c.ip === '1.1.1.1');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ mac: GUEST1_MAC_C, learntAtMs: moved().atMs });
  });

  function moved() {
    return guest1.find((c) => c.host === 'HostB')!;
  }

  it('clear and refill the VM table when the team is re-initialised', () => {
    const toggled = drill(example(), 'toggle-team-recovers').result;
    const enable = toggled.steps[3];
    const entries = ofKind(toggled.changes, 'team-entry').filter((c) => c.host === 'HostB' && c.ip === '1.1.1.1' && c.atMs >= enable.atMs);
    expect(entries.map((c) => c.mac)).toEqual([null, GUEST1_MAC_D]);
    const team = ofKind(toggled.changes, 'team').filter((c) => c.host === 'HostB');
    expect(team.map((c) => c.enabled)).toEqual([true, false, true]);
  });

  it('record the failed NIC, cable and port with their canvas ids, and the active member changing', () => {
    const { result: failover } = drill(example(), 'active-nic-failover');
    const faults = ofKind(failover.changes, 'fault');
    expect(faults.map((f) => [f.element, f.failed])).toEqual([
      ['nic:HostA/NIC3', true],
      ['nic:HostA/NIC3', false],
      [cableId({ host: 'HostA', nic: 'NIC3' }, { switch: 'switch1', port: 1 }), true],
      [cableId({ host: 'HostA', nic: 'NIC3' }, { switch: 'switch1', port: 1 }), false],
      ['port:switch1/1', true],
      ['port:switch1/1', false],
    ]);
    expect(faults[2].label).toBe('cable HostA/NIC3 – switch1/port1');
    const teamA = ofKind(failover.changes, 'team').filter((c) => c.host === 'HostA');
    expect(teamA.map((c) => c.activeMember)).toEqual(['NIC3', 'NIC4', 'NIC3', 'NIC4', 'NIC3', 'NIC4', 'NIC3']);
    const firstFailover = teamA[1];
    expect(firstFailover.atMs).toBeGreaterThan(failover.steps[0].atMs);
    expect(firstFailover.atMs).toBeLessThan(failover.steps[1].atMs);
  });

  it('mark a failed host as failed and its VMs off until the cluster restarts them elsewhere', () => {
    const lab = withDrill(example(), { name: 'lose-a', steps: [{ action: 'fail-host', host: 'HostA' }] });
    const { result: lost } = drill(lab, 'lose-a');
    const step = lost.steps[0];
    expect(ofKind(lost.changes, 'fault')).toEqual([{ kind: 'fault', atMs: step.atMs, element: 'host:HostA', label: 'host HostA', failed: true }]);
    expect(ofKind(lost.changes, 'team').find((c) => c.host === 'HostA' && c.atMs === step.atMs)).toMatchObject({ enabled: false, activeMember: null });
    const guest2 = ofKind(lost.changes, 'vm').filter((c) => c.vm === 'Guest2' && c.atMs >= step.atMs);
    expect(guest2[0]).toMatchObject({ atMs: step.atMs, state: 'off', host: 'HostA' });
    expect(guest2[guest2.length - 1]).toMatchObject({ host: 'HostB', state: 'running' });
  });

  it('are not recorded for a run that does not ask for them (the what-if matrix)', () => {
    const lab = example();
    const d = lab.drills.find((x) => x.name === 'live-migrate')!;
    expect(runDrill(lab, d, { changes: false }).result.changes).toEqual([]);
    expect(runDrill(lab, d).result.changes.length).toBeGreaterThan(0);
  });
});

describe('planned downtime', () => {
  const lab = example();
  const bootMs = lab.settings.vmBootSec * 1000;

  it('reads the restart of migrate-then-restart as off (planned) and counts the loss from when Guest1 should have answered again', () => {
    const { result } = drill(lab, 'migrate-then-restart');
    const guest1 = vmOf(result, 'Guest1');
    const restartAt = result.steps[1].atMs;
    const planned = guest1.timeline.filter((s) => s.planned);
    expect(planned).toHaveLength(1);
    expect(planned[0].up).toBe(false);
    expect(planned[0].fromMs).toBeGreaterThanOrEqual(restartAt);
    expect(planned[0].toMs).toBeGreaterThanOrEqual(restartAt + bootMs);
    expect(guest1.plannedDowntimeMs).toBe(planned[0].toMs - planned[0].fromMs);
    expect(guest1.unreachableSinceMs).toBe(restartAt + bootMs);
    const unplanned = guest1.timeline.filter((s) => !s.up && !s.planned).reduce((sum, s) => sum + s.toMs - s.fromMs, 0);
    expect(guest1.downtimeMs).toBe(unplanned);
    expect(guest1.verdict).toBe(
      'unreachable since 10:00:55.300, when it should have answered again after its restart at 10:00:25.300 (61 of 116 pings lost, not counting 30 while off (planned))',
    );
  });

  it('does not count restarts and quick migrations of a VM with a static MAC as loss', () => {
    const guest2 = vmOf(drill(lab, 'static-macs-survive').result, 'Guest2');
    expect(guest2.passed).toBe(true);
    expect(guest2.plannedDowntimeMs).toBeGreaterThanOrEqual(2 * bootMs);
    expect(guest2.downtimeMs).toBeLessThanOrEqual(2 * lab.settings.pingIntervalMs);
    expect(guest2.unreachableSinceMs).toBeNull();
    expect(guest2.verdict).toMatch(/off \(planned\) \d+\.\d s$/);
  });

  it('passes a VM the drill shuts down and leaves off, saying so', () => {
    const shut = withDrill(lab, { name: 'shut-guest2', vms: ['Guest2'], steps: [{ action: 'shutdown', vm: 'Guest2' }] });
    const guest2 = vmOf(drill(shut, 'shut-guest2').result, 'Guest2');
    expect(guest2).toMatchObject({ passed: true, reachableAtEnd: false, downtimeMs: 0, unreachableSinceMs: null });
    expect(guest2.verdict).toBe('off (planned) at the end since its shutdown at 10:00:10');
  });

  it('reads a VM that is off at the start and started by a step as off (planned) until it has booted', () => {
    const input = JSON.parse(JSON.stringify(lab));
    input.vms[1].initialState = 'off';
    input.drills = [{ name: 'start-guest2', vms: ['Guest2'], steps: [{ action: 'start', vm: 'Guest2' }] }];
    const started = parse(input);
    const { result } = drill(started, 'start-guest2');
    const guest2 = vmOf(result, 'Guest2');
    expect(guest2.passed).toBe(true);
    expect(guest2.timeline[0]).toMatchObject({ fromMs: 0, up: false, planned: true });
    expect(guest2.plannedDowntimeMs).toBeGreaterThanOrEqual(result.steps[0].atMs + bootMs - lab.settings.pingIntervalMs);
    expect(guest2.downtimeMs).toBeLessThanOrEqual(lab.settings.pingIntervalMs * 2);
  });

  it('counts what a failure causes as loss, even the cluster restarting a failed host’s VMs', () => {
    const failed = withDrill(lab, { name: 'lose-a', vms: ['Guest2'], steps: [{ action: 'fail-host', host: 'HostA' }] });
    const guest2 = vmOf(drill(failed, 'lose-a').result, 'Guest2');
    expect(guest2.plannedDowntimeMs).toBe(0);
    expect(guest2.downtimeMs).toBeGreaterThanOrEqual((lab.settings.clusterFailoverSec + lab.settings.vmBootSec) * 1000 - lab.settings.pingIntervalMs);
    expect(guest2.timeline.some((s) => s.planned)).toBe(false);
  });
});
