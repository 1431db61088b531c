// The simulated lab at one moment of a drill: the drill's state changes folded up to that moment,
// indexed per VM, element and team so moving the drill clock costs a binary search per thing.
import type { StateChange } from '../../shared/trace.js';
import type { Lab } from '../../shared/lab.js';
import type { Snapshot } from '../../shared/drill.js';
import type { PathState } from './pingPath.js';
import { teamId } from '../../shared/checks.js';

type VmChange = Extract<StateChange, { kind: 'vm' }>;
type TeamChange = Extract<StateChange, { kind: 'team' }>;
type EntryChange = Extract<StateChange, { kind: 'team-entry' }>;

export interface VmAt { host: string; state: VmChange['state']; mac: string | null; migratingTo: string | null }
export interface TeamAt { host: string; team: string; enabled: boolean; activeMember: string | null }
export interface EntryAt { host: string; team: string; ip: string; mac: string; learntAtMs: number }

/** The simulated state between two changes of the drill (the same for every moment in between). */
export interface SimState {
  vms: Map<string, VmAt>;
  /** Canvas ids of the NICs, cables, ports, switches and hosts failed at the moment. */
  failed: Set<string>;
  /** By team element id. */
  teams: Map<string, TeamAt>;
  entries: EntryAt[];
}

/** A team's VM table entry whose MAC is not the one its VM has now: the field report's bug, visible. */
export interface StaleEntry extends EntryAt { teamElement: string; vm: string; vmMac: string }

/** How many of the ascending `times` are at or before `ms` (a binary search). */
function countAtOrBefore(times: readonly number[], ms: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One thing's changes in time order; the value at a moment is the last change at or before it. */
class Track<T> {
  readonly times: number[] = [];
  readonly values: T[] = [];
  push(atMs: number, value: T): void {
    this.times.push(atMs);
    this.values.push(value);
  }
  at(ms: number): T | undefined {
    const n = countAtOrBefore(this.times, ms);
    return n === 0 ? undefined : this.values[n - 1];
  }
}

function track<T>(map: Map<string, Track<T>>, key: string): Track<T> {
  let t = map.get(key);
  if (!t) map.set(key, (t = new Track<T>()));
  return t;
}

export class DrillState {
  private readonly vms = new Map<string, Track<VmAt>>();
  private readonly faults = new Map<string, Track<boolean>>();
  private readonly teams = new Map<string, Track<TeamAt>>();
  private readonly entries = new Map<string, Track<EntryAt | null>>();
  /** Every change's time, in order: moments between the same two changes share one state. */
  private readonly times: number[];
  private last: { applied: number; state: SimState } | null = null;

  /** `changes` in the order the drill made them (changes at the same moment apply in that order). */
  constructor(changes: readonly StateChange[]) {
    const ordered = changes.map((c, i) => ({ c, i })).sort((a, b) => a.c.atMs - b.c.atMs || a.i - b.i);
    this.times = ordered.map(({ c }) => c.atMs);
    for (const { c } of ordered) {
      if (c.kind === 'vm') track(this.vms, c.vm).push(c.atMs, { host: c.host, state: c.state, mac: c.mac, migratingTo: c.migratingTo });
      else if (c.kind === 'fault') track(this.faults, c.element).push(c.atMs, c.failed);
      else if (c.kind === 'team') track(this.teams, teamId(c.host, c.team)).push(c.atMs, teamAt(c));
      else track(this.entries, `${teamId(c.host, c.team)} ${c.ip}`).push(c.atMs, entryAt(c));
    }
  }

  /** The state at a moment; the same object for every moment with the same changes applied, so nothing redraws in between. */
  at(atMs: number): SimState {
    const applied = countAtOrBefore(this.times, atMs);
    if (this.last?.applied === applied) return this.last.state;
    const state = this.fold(atMs);
    this.last = { applied, state };
    return state;
  }

  private fold(atMs: number): SimState {
    const vms = new Map<string, VmAt>();
    for (const [name, t] of this.vms) {
      const v = t.at(atMs);
      if (v) vms.set(name, v);
    }
    const failed = new Set<string>();
    for (const [id, t] of this.faults) if (t.at(atMs)) failed.add(id);
    const teams = new Map<string, TeamAt>();
    for (const [id, t] of this.teams) {
      const v = t.at(atMs);
      if (v) teams.set(id, v);
    }
    const entries: EntryAt[] = [];
    for (const t of this.entries.values()) {
      const e = t.at(atMs);
      if (e) entries.push(e);
    }
    return { vms, failed, teams, entries };
  }
}

const teamAt = (c: TeamChange): TeamAt => ({ host: c.host, team: c.team, enabled: c.enabled, activeMember: c.activeMember });
const entryAt = (c: EntryChange): EntryAt | null => (c.mac === null ? null : { host: c.host, team: c.team, ip: c.ip, mac: c.mac, learntAtMs: c.learntAtMs });

const sameMac = (a: string, b: string) => a.replace(/[:-]/g, '').toUpperCase() === b.replace(/[:-]/g, '').toUpperCase();

/** Entries that map a VM's IP to a MAC the VM no longer has (a VM that is off, or has no MAC yet, is not judged). */
const vmsByIp = new WeakMap<Lab, Map<string, string>>();

export function staleEntries(lab: Lab, state: Pick<SimState, 'entries' | 'vms'>): StaleEntry[] {
  let vmByIp = vmsByIp.get(lab);
  if (!vmByIp) vmsByIp.set(lab, (vmByIp = new Map(lab.vms.map((v) => [v.ip, v.name]))));
  const out: StaleEntry[] = [];
  for (const e of state.entries) {
    const vm = vmByIp.get(e.ip);
    const now = vm ? state.vms.get(vm) : undefined;
    if (!vm || !now?.mac || now.state === 'off' || sameMac(now.mac, e.mac)) continue;
    out.push({ ...e, teamElement: teamId(e.host, e.team), vm, vmMac: now.mac });
  }
  return out;
}

/** A step table's snapshot read as the simulated state (its VMs and team VM tables), to judge its entries. */
export function snapshotState(snapshot: Snapshot): Pick<SimState, 'entries' | 'vms'> {
  const vms = new Map<string, VmAt>();
  for (const v of snapshot.vms) vms.set(v.name, { host: v.host, state: v.state as VmAt['state'], mac: v.mac, migratingTo: null });
  const entries = snapshot.teams.flatMap((t) => t.vmTable.map((e) => ({ host: t.host, team: t.team, ip: e.ip, mac: e.mac, learntAtMs: e.learntAtMs })));
  return { vms, entries };
}

/** The simulated state as the ping path reads it: each team's state and where each VM runs. */
export function pathStateOf(state: SimState): PathState {
  return {
    teams: [...state.teams.values()],
    vms: [...state.vms].map(([name, v]) => ({ name, host: v.host })),
  };
}
