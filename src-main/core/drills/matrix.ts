// The what-if matrix: every VM lifecycle event and every infrastructure failure (pairs at depth 2),
// each run as a synthetic drill, and identical outcomes grouped into one sentence each.
import type { Lab, Endpoint } from '../../../shared/lab.js';
import { endpointLabel, defaultDrillClient } from '../../../shared/lab.js';
import type { Drill, DrillStep, DrillResult, DiagnosisCode } from '../../../shared/drill.js';
import { ONE_WAY_DIRECTIONS } from '../../../shared/drill.js';
import { hostId, nicId, portId, switchId, vmId, cableId } from '../../../shared/checks.js';
import { LabTopology } from '../lint/topology.js';
import { macPoolOf } from '../lint/mac-checks.js';
import { macToNumber } from '../../../shared/addresses.js';
import { runDrill } from './runner.js';
import { profilesOf } from '../drivers/catalogue.js';

export type MatrixDepth = 1 | 2;

export type MatrixEventKind =
  | 'restart'
  | 'mac-mode-restart'
  | 'live-migrate'
  | 'migrate-restart'
  | 'nic'
  | 'cable'
  | 'port'
  | 'switch'
  | 'inter-switch-link'
  | 'host'
  | 'flap'
  | 'one-way'
  | 'pair';

export interface MatrixCell {
  index: number;
  /** Stable across runs: "vm:Guest1/migrate-restart:HostB", "fail:switch:switch2". */
  id: string;
  kind: MatrixEventKind;
  category: 'vm-event' | 'failure' | 'failure-pair';
  /** What was tried, in the engineer's words: "Guest1: live-migrate to HostB, then restart". */
  scenario: string;
  /** The VM the event happens to; null for infrastructure failures (every running VM is pinged). */
  vm: string | null;
  /** Ids (shared/checks.ts scheme) of the elements the cell acts on, for highlighting. */
  elements: string[];
  drill: Drill;
  /** The failure cuts the pinging client itself off: nothing is learnt about the VMs, so it is not run. */
  clientIsolated: boolean;
  /**
   * Hosts the event can touch; the cell simulates only them (with the switches and clients), which
   * keeps a 256-VM matrix fast. Null: the whole lab (a switch or inter-switch link failure, alone or with another).
   */
  scope: string[] | null;
}

export interface MatrixVmOutcome {
  vm: string;
  downtimeMs: number;
  reachableAtEnd: boolean;
  code: DiagnosisCode | null;
  verdict: string;
}

export type MatrixCellStatus = 'ok' | 'lost' | 'client-isolated' | 'error';

/** Identical outcomes of one kind of event for VMs alike in MAC mode and uplink, in one sentence. */
export interface MatrixGroup {
  sentence: string;
  kind: MatrixEventKind;
  status: MatrixCellStatus;
  code: DiagnosisCode | null;
  vms: string[];
  /** Indices of the cells in the group. */
  cells: number[];
  maxDowntimeMs: number;
}

export interface MatrixCellResult {
  index: number;
  status: MatrixCellStatus;
  /** VMs that lost connectivity (failed the drill's expectation); the other pinged VMs kept it. */
  lost: MatrixVmOutcome[];
  /** Longest downtime among the VMs that kept connectivity (failover blips, boot time). */
  okMaxDowntimeMs: number;
  /** Steps the simulation could not carry out, and a cell that could not run at all. */
  problems: string[];
}

export interface MatrixResult {
  format: 'lab-planner/matrix';
  lab: string;
  depth: MatrixDepth;
  seed: number;
  client: string;
  /** Running VMs, the rows of the heatmap. */
  vms: string[];
  cells: MatrixCell[];
  results: MatrixCellResult[];
  groups: MatrixGroup[];
  lostAny: boolean;
}

interface InfraFailure {
  scope: string[] | null;
  kind: Exclude<MatrixEventKind, 'restart' | 'mac-mode-restart' | 'live-migrate' | 'migrate-restart' | 'pair'>;
  id: string;
  label: string;
  step: DrillStep;
  elements: string[];
  isolatesClient: boolean;
  /** What was tried, when it is not "fail <label>": "flap the cable at HostA/NIC1 3× every 2 s". */
  scenario?: string;
  /** False: an event too particular to pair with every other failure at depth 2 (flaps, one-way cables). */
  pairs?: false;
}

/** The flap the matrix tries on every cable: three times, two seconds down and two up. */
export const MATRIX_FLAP = { times: 3, intervalSec: 2 } as const;

const MATRIX_EXPECT = { reachableWithinSec: 60, expectDown: [] };

/** The lab's pinging client: the one drills use by default. */
export function matrixClient(lab: Lab): string | null {
  return defaultDrillClient(lab);
}

export function runningVms(lab: Lab): string[] {
  return lab.vms.filter((v) => v.initialState === 'running').map((v) => v.name);
}

/** Every cell of the matrix, in a fixed order (the same lab gives the same cells). */
export function enumerateMatrix(lab: Lab, depth: MatrixDepth = 1): MatrixCell[] {
  const cells: Omit<MatrixCell, 'index'>[] = [];
  const vms = runningVms(lab);
  // The VMs a scoped case pings, worked out once per set of hosts: a 1,000-VM lab's depth-2 matrix asks for the
  // same few thousand sets a hundred thousand times.
  const onHosts = new Map<string, string[]>();
  const pingedOn = (hosts: string[]): string[] => {
    const key = hosts.join('\u0000');
    let found = onHosts.get(key);
    if (!found) onHosts.set(key, (found = vmsOn(lab, hosts)));
    return found;
  };
  const hostsWithSwitch = lab.hosts.filter((h) => h.virtualSwitches.length > 0).map((h) => h.name);
  const drill = (id: string, scenario: string, steps: DrillStep[], pinged: string[]): Drill => ({
    name: id,
    description: scenario,
    vms: pinged,
    warmupSec: 10,
    stepGapSec: 10,
    steps,
    expect: { ...MATRIX_EXPECT, expectDown: [] },
  });

  const vmByName = new Map(lab.vms.map((v) => [v.name, v]));
  for (const vmName of vms) {
    const vm = vmByName.get(vmName)!;
    const vmCell = (kind: MatrixEventKind, suffix: string, scenario: string, steps: DrillStep[], extra: string[] = []) =>
      cells.push({
        scope: [vm.host, ...steps.flatMap((st) => ('to' in st && typeof st.to === 'string' ? [st.to] : []))],
        id: `vm:${vm.name}/${suffix}`,
        kind,
        category: 'vm-event',
        scenario: `${vm.name}: ${scenario}`,
        vm: vm.name,
        elements: [vmId(vm.name), ...extra],
        drill: drill(`vm:${vm.name}/${suffix}`, `${vm.name}: ${scenario}`, steps, [vm.name]),
        clientIsolated: false,
      });
    vmCell('restart', 'restart', `restart on ${vm.host}`, [{ action: 'restart', vm: vm.name }]);
    const other = vm.macMode === 'static' ? 'dynamic' : 'static';
    vmCell('mac-mode-restart', 'mac-mode-restart', `shut down, switch to a ${other} MAC, start on ${vm.host}`, [
      { action: 'shutdown', vm: vm.name },
      { action: 'set-mac-mode', vm: vm.name, mode: other },
      { action: 'start', vm: vm.name },
    ]);
    for (const to of hostsWithSwitch.filter((h) => h !== vm.host)) {
      vmCell('live-migrate', `live-migrate:${to}`, `live-migrate to ${to}`, [{ action: 'live-migrate', vm: vm.name, to }], [hostId(to)]);
    }
    for (const to of hostsWithSwitch.filter((h) => h !== vm.host)) {
      vmCell('migrate-restart', `migrate-restart:${to}`, `live-migrate to ${to}, then restart`, [
        { action: 'live-migrate', vm: vm.name, to },
        { action: 'restart', vm: vm.name },
      ], [hostId(to)]);
    }
  }

  const failures = infrastructureFailures(lab);
  for (const f of failures) {
    cells.push({
      id: `fail:${f.id}`,
      kind: f.kind,
      category: 'failure',
      scenario: f.scenario ?? `fail ${f.label}`,
      vm: null,
      elements: f.elements,
      drill: drill(`fail:${f.id}`, f.scenario ?? `fail ${f.label}`, [f.step], f.scope ? pingedOn(f.scope) : vms),
      clientIsolated: f.isolatesClient,
      scope: f.scope,
    });
  }
  if (depth === 2) {
    const clusterNodes = hostsWithSwitch;
    const usable = failures.filter((f) => !f.isolatesClient && f.pairs !== false);
    for (let i = 0; i < usable.length; i++) {
      for (let j = i + 1; j < usable.length; j++) {
        const [a, b] = [usable[i], usable[j]];
        const scenario = `fail ${a.label} and ${b.label}`;
        const scope = pairScope(a, b, clusterNodes);
        cells.push({
          id: `fail2:${a.id}+${b.id}`,
          kind: 'pair',
          category: 'failure-pair',
          scenario,
          vm: null,
          elements: [...a.elements, ...b.elements],
          drill: drill(`fail2:${a.id}+${b.id}`, scenario, [a.step, b.step], scope ? pingedOn(scope) : vms),
          clientIsolated: false,
          scope,
        });
      }
    }
  }
  // The cells are this function's own: numbered in place rather than copied (a depth-2 matrix has 200,000 and more).
  cells.forEach((c, index) => ((c as MatrixCell).index = index));
  return cells as MatrixCell[];
}

/**
 * The hosts a pair of failures touches. Two local failures touch only their hosts; two host
 * failures also the nodes the cluster restarts their VMs on. A switch or link failure beside a local
 * one is tried on the hosts the local one touches: every other VM meets only the switch or link
 * failure, which is its own case. Only two switch or link failures need the whole lab.
 */
function pairScope(a: InfraFailure, b: InfraFailure, clusterNodes: readonly string[]): string[] | null {
  if (!a.scope && !b.scope) return null;
  const hosts = [...(a.scope ?? []), ...(b.scope ?? [])];
  if (a.kind === 'host' && b.kind === 'host') {
    // The first node still up after both, as the simulation picks it (the single failures' targets are in their scopes).
    const failed = [a.step, b.step].flatMap((st) => (st.action === 'fail-host' ? [st.host] : []));
    const target = clusterNodes.find((h) => !failed.includes(h));
    if (target) hosts.push(target);
  }
  return [...new Set(hosts)];
}

/** Single failures of every used NIC, host cable, used switch port, switch, inter-switch link and host. */
function infrastructureFailures(lab: Lab): InfraFailure[] {
  const topo = new LabTopology(lab);
  const client = matrixClient(lab);
  const clientPort = client ? topo.clientPorts.get(client) : undefined;
  const out: InfraFailure[] = [];
  for (const host of lab.hosts) {
    for (const nic of host.nics) {
      if (!topo.nicPort(host.name, nic.name)) continue;
      out.push({
        scope: [host.name],
        kind: 'nic',
        id: `nic:${host.name}/${nic.name}`,
        label: `NIC ${host.name}/${nic.name}`,
        step: { action: 'fail-nic', host: host.name, nic: nic.name },
        elements: [nicId(host.name, nic.name)],
        isolatesClient: false,
      });
    }
  }
  for (const cable of lab.cables) {
    const nicEnd: Endpoint | undefined = 'nic' in cable.a ? cable.a : 'nic' in cable.b ? cable.b : undefined;
    if (!nicEnd) continue;
    out.push({
      scope: [nicEnd.host],
      kind: 'cable',
      id: `cable:${endpointLabel(nicEnd)}`,
      label: `the cable at ${endpointLabel(nicEnd)}`,
      step: { action: 'fail-cable', cable: nicEnd },
      elements: [cableId(cable.a, cable.b)],
      isolatesClient: false,
    });
  }
  const usedPorts = lab.cables
    .flatMap((c) => [c.a, c.b])
    .filter((e): e is { switch: string; port: number } => 'port' in e)
    .filter((e) => !(clientPort && clientPort.switch === e.switch && clientPort.port === e.port));
  for (const sw of lab.switches) {
    for (const p of usedPorts.filter((e) => e.switch === sw.name).sort((a, b) => a.port - b.port)) {
      const nicBehind = topo.hostBehindPort(sw.name, p.port);
      out.push({
        scope: nicBehind ? [nicBehind] : null,
        kind: 'port',
        id: `port:${sw.name}/${p.port}`,
        label: `${sw.name}/port${p.port}`,
        step: { action: 'fail-port', switch: sw.name, port: p.port },
        elements: [portId(sw.name, p.port)],
        isolatesClient: false,
      });
    }
  }
  for (const sw of lab.switches.filter((s) => topo.usedSwitches.has(s.name))) {
    out.push({
      scope: null,
      kind: 'switch',
      id: `switch:${sw.name}`,
      label: `switch ${sw.name}`,
      step: { action: 'fail-switch', switch: sw.name },
      elements: [switchId(sw.name)],
      isolatesClient: clientPort?.switch === sw.name,
    });
  }
  const pairs = new Set<string>();
  for (const link of topo.links) {
    const [a, b] = [link.a, link.b].sort();
    if (pairs.has(`${a}|${b}`)) continue;
    pairs.add(`${a}|${b}`);
    out.push({
      scope: null,
      kind: 'inter-switch-link',
      id: `link:${a}~${b}`,
      label: `the inter-switch link ${a}–${b}`,
      step: { action: 'fail-inter-switch-link', switches: [a, b] },
      elements: topo.links.filter((l) => [l.a, l.b].sort().join('|') === `${a}|${b}`).map((l) => cableId(l.cable.a, l.cable.b)),
      isolatesClient: false,
    });
  }
  // Every cable flaps, and loses frames one way in each direction (carrier stays up: the case UDLD exists for).
  for (const cable of lab.cables) {
    const nicEnd: Endpoint | undefined = 'nic' in cable.a ? cable.a : 'nic' in cable.b ? cable.b : undefined;
    const at = nicEnd ?? cable.a;
    const common = {
      scope: nicEnd ? [nicEnd.host] : null,
      elements: [cableId(cable.a, cable.b)],
      isolatesClient: [cable.a, cable.b].some((e) => 'client' in e && e.client === client),
      pairs: false as const,
    };
    out.push({
      ...common,
      kind: 'flap',
      id: `flap:${endpointLabel(at)}`,
      label: `the cable at ${endpointLabel(at)}`,
      scenario: `flap the cable at ${endpointLabel(at)} ${MATRIX_FLAP.times}× every ${MATRIX_FLAP.intervalSec} s`,
      step: { action: 'flap-link', cable: at, ...MATRIX_FLAP },
    });
    for (const direction of ONE_WAY_DIRECTIONS) {
      const [from, to] = direction === 'a-to-b' ? [cable.a, cable.b] : [cable.b, cable.a];
      out.push({
        ...common,
        kind: 'one-way',
        id: `one-way:${endpointLabel(from)}>${endpointLabel(to)}`,
        label: `the cable at ${endpointLabel(at)} one way`,
        scenario: `fail the cable ${endpointLabel(cable.a)} – ${endpointLabel(cable.b)} one way: frames from ${endpointLabel(from)} no longer reach ${endpointLabel(to)}`,
        step: { action: 'fail-cable-one-way', cable: at, direction },
      });
    }
  }
  const clusterNodes = lab.hosts.filter((h) => h.virtualSwitches.length > 0);
  for (const host of clusterNodes) {
    // The cluster restarts the VMs on the first other node that is up, as the simulation does.
    const failoverTarget = clusterNodes.find((h) => h !== host);
    out.push({
      scope: [host.name, ...(failoverTarget ? [failoverTarget.name] : [])],
      kind: 'host',
      id: `host:${host.name}`,
      label: `host ${host.name}`,
      step: { action: 'fail-host', host: host.name },
      elements: [hostId(host.name)],
      isolatesClient: false,
    });
  }
  return out;
}

function vmsOn(lab: Lab, hosts: string[]): string[] {
  return lab.vms.filter((v) => v.initialState === 'running' && hosts.includes(v.host)).map((v) => v.name);
}

/**
 * What scoping needs to know about the whole lab, worked out once per matrix: whether host pools
 * overlap, and which hosts a VM's fixed MAC ties together (a VM on one host holding a MAC from
 * another host's pool). Either couples hosts a scope would cut apart.
 */
export interface LabScoping {
  readonly poolsOverlap: boolean;
  /** [host the VM is on, host whose pool its static or given dynamic MAC lies in]. */
  readonly ties: readonly (readonly [string, string])[];
}

export function scopingOf(lab: Lab): LabScoping {
  const pools = lab.hosts.map(macPoolOf).sort((a, b) => a.first - b.first);
  const poolsOverlap = pools.some((p, i) => i > 0 && p.first < pools[i - 1].first + pools[i - 1].size);
  const ties: [string, string][] = [];
  for (const vm of lab.vms) {
    for (const mac of [vm.staticMac, vm.dynamicMac]) {
      if (mac === undefined) continue;
      const m = macToNumber(mac);
      const owner = pools.find((p) => m >= p.first && m < p.first + p.size);
      if (owner && owner.host.name !== vm.host) ties.push([vm.host, owner.host.name]);
    }
  }
  return { poolsOverlap, ties };
}

/**
 * The part of the lab a cell needs: its scope's hosts with all their VMs (so pools fill and teams
 * learn exactly as in the whole lab), every switch and client. The whole lab when pools overlap or a
 * VM outside the scope holds a MAC from an in-scope pool.
 */
export function cellLab(lab: Lab, cell: Pick<MatrixCell, 'scope'>, scoping: LabScoping = scopingOf(lab)): Lab {
  if (!cell.scope) return lab;
  const scope = new Set(cell.scope);
  if (scoping.poolsOverlap || scoping.ties.some(([on, pool]) => !scope.has(on) && scope.has(pool))) return lab;
  return {
    ...lab,
    hosts: lab.hosts.filter((h) => scope.has(h.name)),
    vms: lab.vms.filter((v) => scope.has(v.host)),
    cables: lab.cables.filter((c) => [c.a, c.b].every((e) => !('host' in e) || scope.has(e.host))),
    drills: [],
  };
}

/** What a cell's drill result says about each pinged VM. */
export function cellResultOf(cell: MatrixCell, result: DrillResult): MatrixCellResult {
  const lost = result.vms
    .filter((v) => !v.passed)
    .map((v) => ({ vm: v.name, downtimeMs: v.downtimeMs, reachableAtEnd: v.reachableAtEnd, code: v.diagnosis?.code ?? null, verdict: v.verdict }));
  const okMaxDowntimeMs = result.vms.filter((v) => v.passed).reduce((max, v) => Math.max(max, v.downtimeMs), 0);
  const problems = result.steps.flatMap((s) => (s.problem ? [`${s.label}: ${s.problem}`] : []));
  return { index: cell.index, status: lost.length ? 'lost' : 'ok', lost, okMaxDowntimeMs, problems };
}

/** Runs one cell as a drill; the same lab, cell and seed always give the same result. */
export function runMatrixCell(lab: Lab, cell: MatrixCell, seed: number, scoping: LabScoping = scopingOf(lab)): MatrixCellResult {
  if (cell.clientIsolated) return { index: cell.index, status: 'client-isolated', lost: [], okMaxDowntimeMs: 0, problems: [] };
  try {
    return cellResultOf(cell, runDrill(cellLab(lab, cell, scoping), cell.drill, { seed, snapshots: false, changes: false }).result);
  } catch (error) {
    return { index: cell.index, status: 'error', lost: [], okMaxDowntimeMs: 0, problems: [error instanceof Error ? error.message : String(error)] };
  }
}

export interface MatrixRunOptions {
  depth?: MatrixDepth;
  seed?: number;
  onProgress?: (p: { done: number; total: number; current: string }) => void;
  /** Asked between cells; true stops the run (the result then holds only the cells done). */
  shouldStop?: () => boolean;
}

/** The whole matrix in this thread; the service spreads cells over worker threads instead. */
export function runMatrix(lab: Lab, options: MatrixRunOptions = {}): MatrixResult {
  const depth = options.depth ?? 1;
  const seed = options.seed ?? lab.settings.seed;
  const cells = enumerateMatrix(lab, depth);
  const results: MatrixCellResult[] = [];
  const scoping = scopingOf(lab);
  for (const cell of cells) {
    if (options.shouldStop?.()) break;
    options.onProgress?.({ done: results.length, total: cells.length, current: cell.scenario });
    results.push(runMatrixCell(lab, cell, seed, scoping));
  }
  options.onProgress?.({ done: results.length, total: cells.length, current: '' });
  return assembleMatrix(lab, depth, seed, cells, results);
}

/** Puts cell results (in cell order, from any number of threads) together with the grouped outcomes. */
export function assembleMatrix(
  lab: Lab,
  depth: MatrixDepth,
  seed: number,
  cells: MatrixCell[],
  results: MatrixCellResult[],
): MatrixResult {
  const ordered = [...results].sort((a, b) => a.index - b.index);
  return {
    format: 'lab-planner/matrix',
    lab: lab.meta.title,
    depth,
    seed,
    client: matrixClient(lab) ?? '',
    vms: runningVms(lab),
    cells,
    results: ordered,
    groups: groupOutcomes(lab, cells, ordered),
    lostAny: ordered.some((r) => r.status === 'lost'),
  };
}

// ---- grouping --------------------------------------------------------------------------------

const EVENT_PHRASES: Record<MatrixEventKind, string> = {
  restart: 'after a restart on their host',
  'mac-mode-restart': 'after a MAC mode change and restart',
  'live-migrate': 'after live migration',
  'migrate-restart': 'after migration then restart',
  nic: 'when a NIC fails',
  cable: 'when a cable fails',
  port: 'when a switch port fails',
  switch: 'when a switch fails',
  'inter-switch-link': 'when an inter-switch link fails',
  host: 'when a host fails',
  flap: 'when a cable flaps',
  'one-way': 'when a cable passes frames one way only',
  pair: 'when two parts fail at once',
};
const KIND_ORDER = Object.keys(EVENT_PHRASES) as MatrixEventKind[];
const STATUS_ORDER: MatrixCellStatus[] = ['lost', 'error', 'client-isolated', 'ok'];

interface Phrase {
  one: string;
  many: string;
}

/** What each host's VMs are behind: "a Broadcom BASP, BACS driver 2009-12-15 team" / "… teams". */
function uplinkPhrases(lab: Lab): Map<string, Phrase> {
  const profiles = profilesOf(lab.driverProfiles);
  const phrases = new Map<string, Phrase>();
  for (const host of lab.hosts) {
    const uplink = host.virtualSwitches[0]?.uplink;
    let phrase: Phrase = { one: 'no uplink', many: 'no uplink' };
    if (uplink && 'team' in uplink) {
      const team = host.teams.find((t) => t.name === uplink.team);
      const name = profiles.get(team?.driverProfile ?? '')?.name ?? team?.driverProfile ?? 'unknown';
      phrase = { one: `a ${name} team`, many: `${name} teams` };
    } else if (uplink) phrase = { one: 'a single NIC', many: 'single NICs' };
    phrases.set(host.name, phrase);
  }
  return phrases;
}

/** "dynamic MACs behind Broadcom BASP, BACS driver 2009-12-15 teams": what makes VMs behave alike. */
function vmTraits(lab: Lab): Map<string, Phrase> {
  const behind = uplinkPhrases(lab);
  const none = { one: 'no uplink', many: 'no uplink' };
  return new Map(
    lab.vms.map((vm) => {
      const u = behind.get(vm.host) ?? none;
      return [vm.name, { one: `${vm.macMode} MAC behind ${u.one}`, many: `${vm.macMode} MACs behind ${u.many}` }];
    }),
  );
}

/** Where a migration goes matters as much as where it starts: the target's team meets the new MAC. */
function destinationOf(cell: MatrixCell, behind: Map<string, Phrase>): string {
  const to = cell.drill.steps.find((st) => st.action === 'live-migrate')?.to;
  return to ? (behind.get(to)?.one ?? '') : '';
}

function eventPhrase(kind: MatrixEventKind, destination: string): string {
  if (kind === 'live-migrate' && destination) return `after live migration to a host behind ${destination}`;
  if (kind === 'migrate-restart' && destination) return `after migration to a host behind ${destination}, then restart`;
  return EVENT_PHRASES[kind];
}

export function groupOutcomes(lab: Lab, cells: MatrixCell[], results: MatrixCellResult[]): MatrixGroup[] {
  const traits = vmTraits(lab);
  const behind = uplinkPhrases(lab);
  const groups = new Map<string, MatrixGroup & { trait: Phrase; destination: string; vmSet: Set<string> }>();
  const traitTotals = new Map<string, Set<string>>();
  const add = (cell: MatrixCell, status: MatrixCellStatus, vm: string | null, code: DiagnosisCode | null, downtimeMs: number) => {
    const trait = vm ? traits.get(vm)! : { one: '', many: '' };
    const destination = destinationOf(cell, behind);
    if (vm) {
      const totalKey = `${cell.kind}|${trait.many}|${destination}`;
      if (!traitTotals.has(totalKey)) traitTotals.set(totalKey, new Set());
      traitTotals.get(totalKey)!.add(vm);
    }
    const key =
      status === 'client-isolated' || status === 'error' ? `${status}|${cell.index}` : `${cell.kind}|${trait.many}|${destination}|${status}|${code}`;
    let group = groups.get(key);
    if (!group) {
      group = { sentence: '', kind: cell.kind, status, code, vms: [], cells: [], maxDowntimeMs: 0, trait, destination, vmSet: new Set() };
      groups.set(key, group);
    }
    if (vm) group.vmSet.add(vm);
    if (group.cells[group.cells.length - 1] !== cell.index) group.cells.push(cell.index);
    group.maxDowntimeMs = Math.max(group.maxDowntimeMs, downtimeMs);
  };
  for (const result of results) {
    const cell = cells[result.index];
    if (result.status === 'client-isolated' || result.status === 'error') {
      add(cell, result.status, null, null, 0);
      continue;
    }
    const lost = new Map(result.lost.map((l) => [l.vm, l]));
    for (const vm of cell.drill.vms ?? []) {
      const l = lost.get(vm);
      if (l) add(cell, 'lost', vm, l.code, l.downtimeMs);
      else add(cell, 'ok', vm, null, result.okMaxDowntimeMs);
    }
  }
  const client = matrixClient(lab) ?? 'the client';
  const out = [...groups.values()].map((g) => {
    const vms = [...g.vmSet];
    const total = traitTotals.get(`${g.kind}|${g.trait.many}|${g.destination}`)?.size ?? 0;
    const cellNote = (cellsOf: number[]) =>
      cellsOf.length <= 3 ? ` (${cellsOf.map((i) => cells[i].scenario).join('; ')})` : ` (${cellsOf.length} cases)`;
    let sentence: string;
    if (g.status === 'client-isolated') sentence = `${cells[g.cells[0]].scenario} cuts ${client} itself off: no VM can be judged from it`;
    else if (g.status === 'error') sentence = `${cells[g.cells[0]].scenario} could not be simulated: ${results[g.cells[0]]?.problems.join('; ')}`;
    else {
      const subject =
        vms.length === 1
          ? `${vms[0]} (${g.trait.one})`
          : `${vms.length === total ? 'all ' : ''}${vms.length} VMs with ${g.trait.many}${vms.length <= 3 ? ` (${vms.join(', ')})` : ''}`;
      const single = vms.length === 1;
      const event = eventPhrase(g.kind, g.destination).replace('their host', single ? 'its host' : 'their host');
      const keep = single ? 'keeps connectivity' : 'keep connectivity';
      const outcome = g.status === 'lost' ? `${g.code ?? (single ? 'loses connectivity' : 'lose connectivity')} ${event}` : `${keep} ${event}`;
      const perVm = cells[g.cells[0]].vm !== null;
      sentence = `${subject}: ${outcome}${!perVm || g.cells.length > vms.length ? cellNote(g.cells) : ''}`;
    }
    return { sentence, kind: g.kind, status: g.status, code: g.code, vms, cells: g.cells, maxDowntimeMs: g.maxDowntimeMs };
  });
  return out.sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.cells[0] - b.cells[0],
  );
}
