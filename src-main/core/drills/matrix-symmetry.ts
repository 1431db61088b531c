// Symmetry reduction of the what-if matrix: cells whose simulated inputs are the same up to the
// names and addresses of interchangeable parts (hosts cabled alike, VMs configured alike, the same
// driver profiles, MAC modes and MAC history) are run once, and the outcome is written out again
// for every member with that member's names and addresses.
//
// A cell's signature is its scoped lab and its drill written canonically: every name, IP and
// non-pool MAC becomes "#n" by order of first appearance, a MAC inside a host's dynamic pool becomes
// "pool + offset", a switch port becomes its rank among the used ports of its switch, and the
// numeric order of the addresses is kept (the simulator sorts by address in places). Everything
// else (settings, driver profiles, team modes, counts, MAC modes) stays literal. Two cells with the
// same signature walk the simulator through the same sequence of events, so their outcomes differ
// only by renaming. When in doubt the signature keeps a value literal, which only loses merging.
import { createHash } from 'node:crypto';
import type { Lab } from '../../../shared/lab.js';
import { isIpv4, isMac, ipToNumber, macToNumber, macToText } from '../../../shared/addresses.js';
import { macPoolOf } from '../lint/mac-checks.js';
import { cellLab, scopingOf, type LabScoping, type MatrixCell, type MatrixCellResult } from './matrix.js';

/** The canonical inputs of one cell, and the real names and addresses behind its tokens. */
export class CellSignature {
  private joined: readonly string[] | null = null;

  constructor(
    readonly key: string,
    private readonly scopeValues: readonly string[],
    private readonly ownValues: readonly string[],
    readonly pools: readonly { readonly first: number; readonly size: number }[],
  ) {}

  /** Token n → the text it stands for (a name, an IP, a port label "switch1/port3", a MAC). */
  get values(): readonly string[] {
    // Joined only when a result is translated: most cells share their scope's list untouched.
    return (this.joined ??= this.ownValues.length ? [...this.scopeValues, ...this.ownValues] : this.scopeValues);
  }
}

/** Cells grouped by signature: one simulated per class, the others translated from it. */
export interface MatrixPlan {
  readonly signatures: CellSignature[];
  /** For every cell, the index of the cell simulated for it (itself when it is a representative). */
  readonly representativeOf: Int32Array;
  /** The cells to simulate, in cell order. */
  readonly representatives: number[];
}

// Fields whose string values are names of lab elements (hosts, NICs, teams, switches, VMs, clients).
const NAME_KEYS = new Set(['name', 'host', 'nic', 'team', 'members', 'primary', 'switch', 'switches', 'client', 'vm', 'vms', 'to', 'failoverTo']);
// Words the simulator writes into its own sentences: a lab element named like that is never renamed.
const SENTENCE_WORDS = new Set(['VM', 'NIC', 'MAC', 'ARP', 'IP', 'LiveLink', 'Hyper-V', 'ICMP']);
const MAC_TEXT = '[0-9A-F]{2}(?:-[0-9A-F]{2}){5}';

/**
 * A name can be swapped for another in the simulator's sentences only if it cannot be mistaken
 * for an ordinary word there: it holds a digit or a sign, or a capital after its first letter.
 */
function isDistinctive(name: string): boolean {
  if (SENTENCE_WORDS.has(name) || name.length < 2) return false;
  return /[^A-Za-z]/.test(name) || /[A-Z]/.test(name.slice(1));
}

interface Pool {
  first: number;
  size: number;
}

class Canonicaliser {
  private readonly tokens = new Map<string, number>();
  readonly values: string[] = [];
  private readonly ips: [number, number][] = [];
  private readonly macs: [number, string][] = [];

  constructor(
    private readonly pools: Pool[] | null,
    private readonly portRanks: Map<string, Map<number, number>>,
    private readonly parent?: Canonicaliser,
  ) {}

  /** A canonicaliser that continues from this one without changing it (one per cell of a scope). */
  fork(): Canonicaliser {
    return new Canonicaliser(this.pools, this.portRanks, this);
  }

  private token(kind: string, text: string): number {
    const id = `${kind}:${text}`;
    let n = this.parent?.tokens.get(id) ?? this.tokens.get(id);
    if (n === undefined) {
      n = (this.parent?.values.length ?? 0) + this.values.length;
      this.tokens.set(id, n);
      this.values.push(text);
    }
    return n;
  }

  private mac(text: string): string {
    const value = macToNumber(text);
    if (!this.pools) return `M${macToText(value)}`;
    const pool = this.pools.findIndex((p) => value >= p.first && value < p.first + p.size);
    if (pool >= 0) {
      const token = `P${pool}+${value - this.pools[pool].first}`;
      this.macs.push([value, token]);
      return token;
    }
    const n = this.token('m', macToText(value));
    // The group bit makes a frame multicast: it is part of what the address does, not its name.
    const token = `#${n}g${Math.floor(value / 2 ** 40) & 1}`;
    this.macs.push([value, token]);
    return token;
  }

  private port(switchName: string, port: number): string {
    const rank = this.portRanks.get(switchName)?.get(port);
    const label = this.token('p', `${switchName}/port${port}`);
    return rank === undefined ? `#${label}=${port}` : `R${rank}`;
  }

  walk(value: unknown, key = '', parent?: Record<string, unknown>): string {
    if (Array.isArray(value)) return `[${value.map((v) => this.walk(v, key)).join(',')}]`;
    if (value !== null && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      return `{${Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .map((k) => `${k}:${this.walk(obj[k], k, obj)}`)
        .join(',')}}`;
    }
    if (typeof value === 'string') {
      if (isMac(value)) return this.mac(value);
      if (isIpv4(value)) {
        const n = this.token('i', value);
        this.ips.push([ipToNumber(value), n]);
        return `#${n}`;
      }
      if (NAME_KEYS.has(key)) {
        const n = this.token('n', value);
        return isDistinctive(value) ? `#${n}` : `#${n}=${JSON.stringify(value)}`;
      }
      return JSON.stringify(value);
    }
    if (typeof value === 'number' && key === 'port' && typeof parent?.switch === 'string') return this.port(parent.switch, value);
    return JSON.stringify(value) ?? 'undefined';
  }

  /** The numeric order of the addresses seen, which the simulator's sorted tables depend on. */
  order(): string {
    const sorted = <T>(pairs: [number, T][]) => [...new Map(pairs).entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
    const ips = [...(this.parent?.ips ?? []), ...this.ips];
    const macs = [...(this.parent?.macs ?? []), ...this.macs];
    return `ip<${sorted(ips).join(',')}>mac<${sorted(macs).join(',')}>`;
  }

  /** Whether this fork met an address its parent had not (then the order must be worked out again). */
  get sawNewAddress(): boolean {
    return this.ips.length + this.macs.length > 0;
  }
}

/** Pools of the cell lab's hosts in lab order, or null when they overlap (then MACs stay literal). */
function poolsOf(lab: Lab): Pool[] | null {
  const pools = lab.hosts.map((h) => {
    const p = macPoolOf(h);
    return { first: p.first, size: p.size };
  });
  const sorted = [...pools].sort((a, b) => a.first - b.first);
  return sorted.some((p, i) => i > 0 && p.first < sorted[i - 1].first + sorted[i - 1].size) ? null : pools;
}

function portRanksOf(lab: Lab): Map<string, Map<number, number>> {
  const used = new Map<string, Set<number>>();
  for (const c of lab.cables) {
    for (const e of [c.a, c.b]) {
      if (!('port' in e)) continue;
      if (!used.has(e.switch)) used.set(e.switch, new Set());
      used.get(e.switch)!.add(e.port);
    }
  }
  return new Map([...used].map(([sw, ports]) => [sw, new Map([...ports].sort((a, b) => a - b).map((p, i) => [p, i]))]));
}

interface ScopeCanon {
  canon: Canonicaliser;
  /** A digest of the canonical lab and its address order: scopes alike share it, from run to run. */
  id: string;
  pools: Pool[];
}

function scopeCanonOf(lab: Lab): ScopeCanon {
  const pools = poolsOf(lab);
  const canon = new Canonicaliser(pools, portRanksOf(lab));
  const { meta: _meta, layout: _layout, drills: _drills, ...simulated } = lab as Lab & { layout?: unknown };
  const key = canon.walk(simulated);
  return { canon, id: createHash('sha256').update(key).update(canon.order()).digest('base64'), pools: pools ?? [] };
}

/**
 * Signs cells one at a time, in any order, and groups them: the first cell signed of each class is
 * the one simulated. Cells sharing a scope share the canonical form of its lab. Signing in slices
 * lets the costliest cells start on threads while the rest are still being grouped.
 */
export class MatrixPlanner {
  readonly signatures: CellSignature[];
  readonly representativeOf: Int32Array;
  private readonly byScope = new Map<string, ScopeCanon>();
  private readonly first = new Map<string, number>();
  private readonly scoping: LabScoping;

  constructor(
    private readonly lab: Lab,
    private readonly cells: MatrixCell[],
    private readonly seed: number,
    scoping?: LabScoping,
  ) {
    this.scoping = scoping ?? scopingOf(lab);
    this.signatures = new Array(cells.length);
    this.representativeOf = new Int32Array(cells.length).fill(-1);
  }

  /** Signs cell `i` (once) and answers the cell simulated for it: `i` itself when it is the first of its class. */
  sign(i: number): number {
    if (this.representativeOf[i] >= 0) return this.representativeOf[i];
    const cell = this.cells[i];
    const scopeKey = cell.scope ? cell.scope.join('\u0000') : '*';
    let scope = this.byScope.get(scopeKey);
    if (!scope) {
      scope = scopeCanonOf(cellLab(this.lab, cell, this.scoping));
      this.byScope.set(scopeKey, scope);
    }
    const canon = scope.canon.fork();
    const { name: _name, description: _description, ...drill } = cell.drill;
    const drillKey = canon.walk(drill);
    // A drill naming an address its lab does not have changes the order the addresses sort in.
    const order = canon.sawNewAddress ? `|${canon.order()}` : '';
    const key = `${this.seed}|${cell.clientIsolated}|${scope.id}|${drillKey}${order}`;
    this.signatures[i] = new CellSignature(key, scope.canon.values, canon.values, scope.pools);
    let rep = this.first.get(key);
    if (rep === undefined) {
      rep = i;
      this.first.set(key, i);
    }
    this.representativeOf[i] = rep;
    return rep;
  }
}

/** Signatures of every cell; cells sharing a scope share the canonical form of its lab. */
export function signCells(lab: Lab, cells: MatrixCell[], seed: number, scoping: LabScoping = scopingOf(lab)): CellSignature[] {
  const planner = new MatrixPlanner(lab, cells, seed, scoping);
  cells.forEach((_, i) => planner.sign(i));
  return planner.signatures;
}

/** Groups the cells by signature; the first cell of each class is the one simulated. */
export function planMatrix(lab: Lab, cells: MatrixCell[], seed: number, scoping?: LabScoping): MatrixPlan {
  const planner = new MatrixPlanner(lab, cells, seed, scoping);
  const representatives: number[] = [];
  cells.forEach((_, i) => {
    if (planner.sign(i) === i) representatives.push(i);
  });
  return { signatures: planner.signatures, representativeOf: planner.representativeOf, representatives };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const translators = new WeakMap<CellSignature, RegExp>();

function patternOf(sig: CellSignature): RegExp {
  let re = translators.get(sig);
  if (!re) {
    const words = [...new Set(sig.values.filter((v) => !isMac(v)))].sort((a, b) => b.length - a.length).map(escape);
    const names = words.length ? `|(?<![A-Za-z0-9_])(?:${words.join('|')})(?![A-Za-z0-9_])` : '';
    re = new RegExp(`(?<![0-9A-Fa-f-])${MAC_TEXT}(?![0-9A-Fa-f-])${names}`, 'g');
    translators.set(sig, re);
  }
  return re;
}

/** Rewrites a representative's sentence with the names and addresses of a member of its class. */
function translateText(text: string, from: CellSignature, to: CellSignature, index: Map<string, number>): string {
  return text.replace(patternOf(from), (match) => {
    if (isMac(match) && /^[0-9A-F-]+$/.test(match)) {
      const value = macToNumber(match);
      const pool = from.pools.findIndex((p) => value >= p.first && value < p.first + p.size);
      if (pool >= 0 && to.pools[pool]) return macToText(to.pools[pool].first + value - from.pools[pool].first);
    }
    const n = index.get(match);
    return n === undefined ? match : to.values[n];
  });
}

/** The outcome of `from`'s cell, as the member cell `index` (signature `to`) has it. */
export function translateResult(result: MatrixCellResult, from: CellSignature, to: CellSignature, index: number): MatrixCellResult {
  if (from === to || (result.lost.length === 0 && result.problems.length === 0)) return { ...result, index };
  const position = new Map<string, number>();
  from.values.forEach((v, i) => {
    if (!position.has(v)) position.set(v, i);
  });
  const text = (s: string) => translateText(s, from, to, position);
  return {
    ...result,
    index,
    lost: result.lost.map((l) => ({ ...l, vm: text(l.vm), verdict: text(l.verdict) })),
    problems: result.problems.map(text),
  };
}

/** Every cell's result from the representatives' results (indexed by cell index). */
export function expandResults(plan: MatrixPlan, simulated: ReadonlyMap<number, MatrixCellResult>): MatrixCellResult[] {
  const out: MatrixCellResult[] = [];
  for (let i = 0; i < plan.representativeOf.length; i++) {
    const rep = plan.representativeOf[i];
    const result = simulated.get(rep);
    if (!result) throw new Error(`the matrix case ${rep} has no result`);
    out.push(translateResult(result, plan.signatures[rep], plan.signatures[i], i));
  }
  return out;
}
