// The event list of a drill (every hop of every frame in a window) and its tables at one moment.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/drill.js';
import type { StateChange, Trace, TraceFilter } from '../../../shared/trace.js';
import { traceSchema } from '../../../shared/trace.js';
import { traceDrill, stateAt, frameView } from '../../../src-main/core/drills/trace.js';
import { drill, example } from './helpers.js';

const TEAM_B_MAC = '00-24-E8-0B-00-03';
const GUEST1_MAC_C = '00-15-5D-01-0A-00';
const GUEST1_MAC_D = '00-15-5D-02-0B-00';

const lab = example();
const migrateThenRestart = lab.drills.find((d) => d.name === 'migrate-then-restart')!;

function trace(filter: TraceFilter = {}, seed?: number): Trace {
  const answer = traceDrill(lab, migrateThenRestart, filter, { seed });
  if (!answer.ok) throw new Error(answer.message);
  return traceSchema.parse(answer.trace);
}

describe('the trace of migrate-then-restart', () => {
  const window = trace({ vms: ['Guest1'], fromMs: 60_000, toMs: 70_000 });
  const rewrite = window.events.find((e) => e.action === 'rewritten' && e.frame.kind === 'icmp-echo-request')!;
  const journey = window.events.filter((e) => e.frameId === rewrite.frameId);

  it('shows the echo request for 1.1.1.1 rewritten by team VM-Team on HostB to the old MAC and dropped at HostB/VM-Switch', () => {
    expect(rewrite).toMatchObject({
      device: 'team VM-Team on HostB',
      element: 'team:HostB/VM-Team',
      link: 'uplink:vswitch:HostB/VM-Switch',
      vm: 'Guest1',
      rewrite: { field: 'destination MAC', from: TEAM_B_MAC, to: GUEST1_MAC_C, learntAtMs: 15_300 },
    });
    expect(rewrite.before?.dst).toBe(TEAM_B_MAC);
    expect(rewrite.frame.dst).toBe(GUEST1_MAC_C);
    expect(rewrite.frame.ip).toMatchObject({ dst: '1.1.1.1', src: '1.1.1.100' });
    const drop = journey[journey.length - 1];
    expect(drop).toMatchObject({ action: 'dropped', device: 'HostB/VM-Switch', element: 'vswitch:HostB/VM-Switch', reason: 'vswitch-no-port' });
    expect(drop.reasonText).toBe('the virtual switch has no port with the destination MAC');
  });

  it('follows that one frame hop by hop along the canvas edges, from the client to where it dies', () => {
    expect(journey.map((e) => [e.device, e.action, e.link])).toEqual([
      ['Client1', 'sent', 'cable:client:Client1~port:switch1/10'],
      ['switch1/port10', 'received', null],
      ['switch1/port2', 'forwarded', 'cable:nic:HostB/NIC3~port:switch1/2'],
      ['HostB/NIC3', 'received', 'member:team:HostB/VM-Team>NIC3'],
      ['team VM-Team on HostB', 'rewritten', 'uplink:vswitch:HostB/VM-Switch'],
      ['HostB/VM-Switch', 'dropped', null],
    ]);
    const times = journey.map((e) => e.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("shows the team rewriting Guest1's own ARP reply to the team's MAC on the way out", () => {
    const out = window.events.find((e) => e.action === 'rewritten' && e.frame.kind === 'arp-reply')!;
    expect(out.rewrite).toEqual({ field: 'source MAC and ARP sender MAC', from: GUEST1_MAC_D, to: TEAM_B_MAC });
    expect(out.before?.arp?.sha).toBe(GUEST1_MAC_D);
    expect(out.frame.arp?.sha).toBe(TEAM_B_MAC);
    expect(out.link).toBe('member:team:HostB/VM-Team>NIC3');
  });

  it('records only the window asked for, with the frames of the VMs asked for', () => {
    expect(window).toMatchObject({ format: 'lab-planner/trace', drill: 'migrate-then-restart', seed: 1, fromMs: 60_000, toMs: 70_000, truncated: false, message: null });
    expect(window.events.length).toBeGreaterThan(50);
    expect(window.events.every((e) => e.atMs >= 60_000 && e.atMs <= 70_000)).toBe(true);
    expect(window.events.every((e) => e.vm === 'Guest1')).toBe(true);
  });

  it('keeps only drops, or only one kind of frame, when asked', () => {
    const drops = trace({ fromMs: 60_000, toMs: 70_000, dropsOnly: true }).events;
    expect(drops.length).toBeGreaterThan(5);
    expect(drops.every((e) => e.action === 'dropped' && e.reason !== undefined)).toBe(true);
    const arp = trace({ fromMs: 60_000, toMs: 70_000, kind: 'arp' }).events;
    expect(arp.length).toBeGreaterThan(0);
    expect(arp.every((e) => e.frame.kind.startsWith('arp-'))).toBe(true);
    const icmp = trace({ fromMs: 60_000, toMs: 70_000, kind: 'icmp' }).events;
    expect(icmp.every((e) => e.frame.kind.startsWith('icmp-'))).toBe(true);
  });

  it('gives the same events for the same lab and seed, and each hop the same seq in every window', () => {
    expect(trace({ vms: ['Guest1'], fromMs: 60_000, toMs: 70_000 })).toEqual(window);
    const whole = trace();
    expect(whole.fromMs).toBe(0);
    expect(whole.toMs).toBeGreaterThanOrEqual(drill(lab, 'migrate-then-restart').result.durationMs);
    const bySeq = new Map(whole.events.map((e) => [e.seq, e]));
    for (const e of window.events) expect(bySeq.get(e.seq)).toEqual(e);
    const seqs = whole.events.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('is the same stream a capture reads: what HostB/NIC3 captures arriving is what the trace shows it receive', () => {
    const { captures } = drill(lab, 'migrate-then-restart', [{ host: 'HostB', nic: 'NIC3' }]);
    const captured = captures[0].records.filter((r) => r.direction === 'in').map((r) => ({ atMs: r.atUs / 1000, frame: frameView(r.frame) }));
    const traced = trace().events.filter((e) => e.device === 'HostB/NIC3' && e.action === 'received').map((e) => ({ atMs: e.atMs, frame: e.frame }));
    expect(traced.length).toBeGreaterThan(100);
    expect(traced).toEqual(captured);
  });

  it('stops at the cap and says how to see the rest', () => {
    const capped = trace({ cap: 10 });
    expect(capped.events).toHaveLength(10);
    expect(capped.truncated).toBe(true);
    expect(capped.message).toMatch(/stops after its first 10 events .*narrow the window/);
  });

  it('refuses a window after the drill ends and a VM the lab does not have', () => {
    const late = traceDrill(lab, migrateThenRestart, { fromMs: 10_000_000 });
    expect(late).toEqual({ ok: false, message: expect.stringMatching(/^drill migrate-then-restart lasts \d+(\.\d+)? s; a window from 10000 s starts after it ends$/) });
    const backwards = traceDrill(lab, migrateThenRestart, { fromMs: 20_000, toMs: 10_000 });
    expect(backwards).toMatchObject({ ok: false, message: 'the window ends (10 s) before it starts (20 s)' });
    expect(traceDrill(lab, migrateThenRestart, { vms: ['Guest9'] })).toMatchObject({ ok: false, missing: true, message: expect.stringContaining('no VM named "Guest9"') });
  });
});

/** The state at `atMs` from the drill's changes: the last change of each thing at or before it. */
function replay(changes: StateChange[], atMs: number) {
  const vms = new Map<string, unknown>();
  const teams = new Map<string, unknown>();
  const entries = new Map<string, Map<string, string>>();
  for (const c of changes) {
    if (c.atMs > atMs) break;
    if (c.kind === 'vm') vms.set(c.vm, { name: c.vm, host: c.host, state: c.state, mac: c.mac });
    if (c.kind === 'team') teams.set(`${c.host}/${c.team}`, { enabled: c.enabled, activeMember: c.activeMember });
    if (c.kind === 'team-entry') {
      const table = entries.get(`${c.host}/${c.team}`) ?? new Map<string, string>();
      if (c.mac === null) table.delete(c.ip);
      else table.set(c.ip, c.mac);
      entries.set(`${c.host}/${c.team}`, table);
    }
  }
  return { vms, teams, entries };
}

function snapshotAt(name: string, atMs: number): Snapshot {
  const answer = stateAt(lab, lab.drills.find((d) => d.name === name)!, atMs);
  if (!answer.ok) throw new Error(answer.message);
  return answer.snapshot;
}

describe('the state of a drill at one moment', () => {
  it('shows Guest1 on HostB with its new MAC after the restart, and HostB’s team still mapping it to the old one', () => {
    const at = snapshotAt('migrate-then-restart', 61_000);
    expect(at.atMs).toBe(61_000);
    expect(at.vms.find((v) => v.name === 'Guest1')).toMatchObject({ host: 'HostB', state: 'running', mac: GUEST1_MAC_D });
    const teamB = at.teams.find((t) => t.host === 'HostB')!;
    expect(teamB.vmTable.find((e) => e.ip === '1.1.1.1')).toMatchObject({ mac: GUEST1_MAC_C, learntAtMs: 15_300 });
    expect(at.clients[0].arp['1.1.1.1']).toBe(TEAM_B_MAC);
  });

  it('agrees with the drill’s state changes at every moment', () => {
    for (const name of ['migrate-then-restart', 'toggle-team-recovers', 'active-nic-failover']) {
      const { changes, durationMs } = drill(lab, name).result;
      for (const atMs of [0, 10_000, 15_150, 15_300, 25_300, 40_000, 60_000, 75_000, durationMs]) {
        const expected = replay(changes, atMs);
        const at = snapshotAt(name, atMs);
        for (const vm of at.vms) expect({ name, atMs, vm }).toEqual({ name, atMs, vm: expected.vms.get(vm.name) });
        for (const t of at.teams) {
          const key = `${t.host}/${t.team}`;
          expect({ name, atMs, key, enabled: t.enabled, activeMember: t.activeMember }).toEqual({ name, atMs, key, ...(expected.teams.get(key) as object) });
          expect(Object.fromEntries(t.vmTable.map((e) => [e.ip, e.mac]))).toEqual(Object.fromEntries(expected.entries.get(key) ?? []));
        }
      }
    }
  });

  it('refuses a moment after the drill ends', () => {
    expect(stateAt(lab, migrateThenRestart, 10_000_000)).toMatchObject({ ok: false, message: expect.stringContaining('is after it ends') });
  });
});
