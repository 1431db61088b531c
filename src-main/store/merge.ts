// Three-way merge of labs by element identity, the way engineers combine two copies of one lab:
// hosts, NICs, teams, virtual switches, switches, clients, VMs and drills by name, driver profiles by
// id, cables by the NIC or client they plug in, settings, meta and layout by field. A change made on
// one side is taken, the same change on both sides is taken once, and two different changes to one
// field are a conflict named in the domain's words ("VM Guest1: MAC mode — ours static, theirs dynamic").
import { endpointLabel, type Cable, type Endpoint, type Lab } from '../../shared/lab.js';
import type { DrillStep } from '../../shared/drill.js';
import { stepLabel } from './diff.js';

export type MergeSide = 'ours' | 'theirs';

export interface MergeConflict {
  /** The element as engineers name it: "VM Guest1", "team VM-Team on HostB". */
  element: string;
  /** The field in the domain's words ("MAC mode"); absent when the whole element is in question. */
  field?: string;
  ours: unknown;
  theirs: unknown;
  /** Where in the document: "vms[Guest1].macMode". */
  path: string;
  /** The line shown to the user. */
  text: string;
}

export interface MergeResult {
  /** The merged document (not yet validated); with unresolved conflicts each holds our value. */
  lab: Lab;
  conflicts: MergeConflict[];
  /** Conflicts settled by `prefer`, in the same words. */
  resolved: MergeConflict[];
}

// What a part of the document is, for merging: a value taken whole, a record merged field by field,
// a list of elements matched by identity, or a map of values by key (layout positions).
type Spec =
  | { kind: 'atom'; show?: (value: unknown) => string }
  | { kind: 'record'; fields: Record<string, Spec>; words?: Record<string, string> }
  | { kind: 'list'; key: (item: never) => string; title: (key: string, parent: string) => string; item: Spec }
  | { kind: 'map'; title: (key: string) => string; item: Spec };

const atom: Spec = { kind: 'atom' };
const record = (fields: Record<string, Spec> = {}, words: Record<string, string> = {}): Spec => ({ kind: 'record', fields, words });
const list = <T>(key: (item: T) => string, title: (key: string, parent: string) => string, item: Spec): Spec => ({ kind: 'list', key: key as (item: never) => string, title, item });

/** A cable is the cable of the NIC or client it plugs in; a cable between two switches is named by both ports. */
export function cableIdentity(cable: Cable): string {
  const ends: Endpoint[] = [cable.a, cable.b];
  const device = ends.find((e) => !('port' in e));
  return device ? endpointLabel(device) : ends.map(endpointLabel).sort().join('–');
}

const WORDS: Record<string, string> = {
  ip: 'IP',
  mac: 'MAC',
  macMode: 'MAC mode',
  staticMac: 'static MAC',
  dynamicMac: 'dynamic MAC',
  initialState: 'initial state',
  os: 'OS',
  virtualSwitch: 'virtual switch',
  vlan: 'VLAN',
  managementIp: 'management IP',
  macPool: 'MAC pool',
  driverProfile: 'driver profile',
  autoFailback: 'auto-failback',
  probeTarget: 'probe target',
  createdBeforeHyperV: 'created before Hyper-V',
  vlanInterface: 'VLAN interface',
  shareWithManagementOs: 'shared with the management OS',
  managementOsVlan: 'management OS VLAN',
  macAgeingSec: 'MAC ageing (s)',
  forwardDelaySec: 'forward delay (s)',
  stp: 'spanning tree',
  macFlap: 'MAC-flap detection',
  portSettings: 'port settings',
  portChannels: 'port-channels',
  arpCache: 'ARP cache',
  vms: 'VMs pinged',
  warmupSec: 'warm-up (s)',
  stepGapSec: 'step gap (s)',
  observeSec: 'observe (s)',
  expect: 'expectations',
  a: 'one end',
  b: 'other end',
};

const stepsSpec: Spec = { kind: 'atom', show: (steps) => (steps as DrillStep[]).map(stepLabel).join('; ') || '(none)' };
const endpointSpec: Spec = { kind: 'atom', show: (e) => endpointLabel(e as Endpoint) };

const LAB_SPEC: Spec = record({
  meta: record(),
  settings: record(),
  driverProfiles: list<{ id: string }>((p) => p.id, (id) => `driver profile ${id}`, record({ failover: record(), failback: record(), monitoring: record() })),
  hosts: list<{ name: string }>((h) => h.name, (name) => `host ${name}`, record({
    nics: list<{ name: string }>((n) => n.name, (name, host) => `NIC ${name} on ${host}`, record({ offload: record() })),
    teams: list<{ name: string }>((t) => t.name, (name, host) => `team ${name} on ${host}`, record()),
    virtualSwitches: list<{ name: string }>((s) => s.name, (name, host) => `virtual switch ${name} on ${host}`, record({ teaming: record() })),
  })),
  switches: list<{ name: string }>((s) => s.name, (name) => `switch ${name}`, record()),
  clients: list<{ name: string }>((c) => c.name, (name) => `client ${name}`, record()),
  vms: list<{ name: string }>((v) => v.name, (name) => `VM ${name}`, record()),
  cables: list<Cable>(cableIdentity, (name) => `cable of ${name}`, record({ a: endpointSpec, b: endpointSpec })),
  drills: list<{ name: string }>((d) => d.name, (name) => `drill ${name}`, record({ steps: stepsSpec, expect: record() })),
  layout: record({ positions: { kind: 'map', title: (node) => `layout position of ${node}`, item: atom } }),
}, { meta: 'lab', settings: 'settings' });

/**
 * Merges `ours` and `theirs`, both descended from `base`. `prefer` settles conflicts: one side for all,
 * or a side per conflict path (as the window asks). Unsettled conflicts are returned (each holds our
 * value in `lab`) and the caller writes nothing.
 */
export function mergeLabs(base: Lab, ours: Lab, theirs: Lab, prefer?: MergeSide | Record<string, MergeSide>): MergeResult {
  const conflicts: MergeConflict[] = [];
  const resolved: MergeConflict[] = [];
  const choose = typeof prefer === 'string' ? () => prefer : (path: string) => prefer?.[path];
  const lab = merge(base, ours, theirs, LAB_SPEC, { element: 'lab', path: '', parent: '' }, { conflicts, resolved, choose }) as Lab;
  return { lab, conflicts, resolved };
}

interface Context {
  conflicts: MergeConflict[];
  resolved: MergeConflict[];
  /** The side settling the conflict at a path (a window's choice per conflict, or one side for all). */
  choose: (path: string) => MergeSide | undefined;
}

interface Where {
  /** The element the value belongs to, in words. */
  element: string;
  path: string;
  /** Name of the enclosing element (the host of a NIC). */
  parent: string;
  field?: string;
}

function merge(base: unknown, ours: unknown, theirs: unknown, spec: Spec, where: Where, context: Context): unknown {
  if (same(ours, theirs)) return ours;
  if (same(base, ours)) return theirs;
  if (same(base, theirs)) return ours;
  if (spec.kind === 'record' && isRecord(ours) && isRecord(theirs)) return mergeRecord(isRecord(base) ? base : {}, ours, theirs, spec, where, context);
  if (spec.kind === 'list' && Array.isArray(ours) && Array.isArray(theirs)) return mergeList(Array.isArray(base) ? base : [], ours, theirs, spec, where, context);
  if (spec.kind === 'map' && isRecord(ours) && isRecord(theirs)) return mergeMap(isRecord(base) ? base : {}, ours, theirs, spec, where, context);
  return conflict(ours, theirs, spec, where, context);
}

function mergeRecord(
  base: Record<string, unknown>,
  ours: Record<string, unknown>,
  theirs: Record<string, unknown>,
  spec: Extract<Spec, { kind: 'record' }>,
  where: Where,
  context: Context,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of unionKeys(Object.keys(ours), Object.keys(theirs), Object.keys(base))) {
    const element = spec.words?.[key] ?? where.element;
    const field = spec.words?.[key] ? undefined : [where.field, WORDS[key] ?? words(key)].filter(Boolean).join(' ');
    const value = merge(base[key], ours[key], theirs[key], spec.fields[key] ?? atom, { element, path: join(where.path, key), parent: where.parent, field }, context);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function mergeList(base: unknown[], ours: unknown[], theirs: unknown[], spec: Extract<Spec, { kind: 'list' }>, where: Where, context: Context): unknown[] {
  const key = spec.key as (item: unknown) => string;
  const byKey = (items: unknown[]) => new Map(items.map((item) => [key(item), item]));
  const [b, o, t] = [byKey(base), byKey(ours), byKey(theirs)];
  const out: unknown[] = [];
  for (const id of unionKeys([...o.keys()], [...t.keys()], [])) {
    const element = spec.title(id, where.parent);
    const inner: Where = { element, path: `${where.path}[${id}]`, parent: id };
    const [x, y, z] = [b.get(id), o.get(id), t.get(id)];
    let value: unknown;
    if (same(y, z)) value = y;
    else if (x === undefined && (y === undefined || z === undefined)) value = y ?? z; // added on one side
    else if (y === undefined || z === undefined) {
      // Removed on one side: taken if the other left it alone, else the engineer decides.
      value = same(x, y ?? z) ? undefined : conflict(y, z, { kind: 'atom', show: (v) => (v === undefined ? 'removed it' : 'changed it') }, { ...inner, field: undefined }, context, true);
    } else value = merge(x, y, z, spec.item, inner, context);
    if (value !== undefined) out.push(value);
  }
  return out;
}

function mergeMap(base: Record<string, unknown>, ours: Record<string, unknown>, theirs: Record<string, unknown>, spec: Extract<Spec, { kind: 'map' }>, where: Where, context: Context): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of unionKeys(Object.keys(ours), Object.keys(theirs), Object.keys(base)).sort()) {
    const value = merge(base[key], ours[key], theirs[key], spec.item, { element: spec.title(key), path: `${where.path}[${key}]`, parent: key }, context);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function conflict(ours: unknown, theirs: unknown, spec: Spec, where: Where, context: Context, whole = false): unknown {
  const show = (spec.kind === 'atom' && spec.show) || showValue;
  const text = whole
    ? `${where.element}: ours ${show(ours)}, theirs ${show(theirs)}`
    : `${where.element}: ${where.field ? `${where.field} — ` : ''}ours ${show(ours)}, theirs ${show(theirs)}`;
  const side = context.choose(where.path);
  (side ? context.resolved : context.conflicts).push({ element: where.element, field: where.field, ours, theirs, path: where.path, text });
  return side === 'theirs' ? theirs : ours;
}

/** Keys in our order, then theirs' new ones, then base keys removed on both sides (they merge to nothing). */
function unionKeys(ours: string[], theirs: string[], base: string[]): string[] {
  const seen = new Set(ours);
  const out = [...ours];
  for (const key of [...theirs, ...base]) {
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(key);
  }
  return out;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function words(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function same(x: unknown, y: unknown): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

function showValue(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return value.length ? value.map((v) => (isRecord(v) ? JSON.stringify(v) : String(v))).join(', ') : '(none)';
  if (isRecord(value)) return JSON.stringify(value);
  if (typeof value === 'string') return value === '' ? '""' : value;
  return String(value);
}
