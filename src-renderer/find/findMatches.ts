// Find: which elements of the lab a query names, by name, IP or MAC (a MAC in any notation: dashes, colons, dots, none, any case).
import type { Lab } from '../../shared/lab.js';
import { hostId, nicId, teamId, virtualSwitchId, vmId, switchId, clientId } from '../../shared/checks.js';

export type FindField = 'name' | 'IP' | 'MAC';

export interface FindMatch {
  /** The canvas element id (shared/checks.ts). */
  id: string;
  /** What the engineer calls it: "VM Guest1", "NIC HostA/NIC3". */
  label: string;
  /** The host whose box holds it, for elements drawn inside one. */
  host: string | null;
  field: FindField;
  /** The name, IP or MAC that matched, as the lab writes it. */
  value: string;
}

/** MACs the VMs held in the last drill run (dynamic ones are only known once the simulation handed them out). */
export type HeldMacs = ReadonlyMap<string, readonly string[]>;

const CISCO_LIKE = /^[0-9a-f]{1,4}(\.[0-9a-f]{1,4}){0,2}$/i;

/** The hex digits a query names as (part of) a MAC, lower case; null when it cannot be part of a MAC. */
export function macDigits(query: string): string | null {
  const q = query.trim();
  // Digits and dots alone read as an IP, unless grouped in fours as Cisco writes MACs (0015.5d01.0a00).
  if (/^[\d.]+$/.test(q) && q.includes('.') && !(CISCO_LIKE.test(q) && q.split('.').slice(0, -1).every((g) => g.length === 4))) return null;
  const digits = q.replace(/[-:.\s]/g, '').toLowerCase();
  return digits.length >= 4 && /^[0-9a-f]+$/.test(digits) ? digits : null;
}

interface Candidate {
  id: string;
  label: string;
  host: string | null;
  names: string[];
  ips: string[];
  macs: string[];
}

function candidates(lab: Lab, held: HeldMacs): Candidate[] {
  const out: Candidate[] = [];
  for (const h of lab.hosts) {
    out.push({ id: hostId(h.name), label: `host ${h.name}`, host: null, names: [h.name], ips: [h.managementIp], macs: [] });
    for (const n of h.nics) out.push({ id: nicId(h.name, n.name), label: `NIC ${h.name}/${n.name}`, host: h.name, names: [`${h.name}/${n.name}`, n.name], ips: [], macs: [n.mac] });
    for (const t of h.teams) out.push({ id: teamId(h.name, t.name), label: `team ${h.name}/${t.name}`, host: h.name, names: [`${h.name}/${t.name}`, t.name], ips: [], macs: [] });
    for (const s of h.virtualSwitches) out.push({ id: virtualSwitchId(h.name, s.name), label: `virtual switch ${h.name}/${s.name}`, host: h.name, names: [`${h.name}/${s.name}`, s.name], ips: [], macs: [] });
  }
  for (const v of lab.vms) {
    const macs = [v.staticMac, v.dynamicMac, ...(held.get(v.name) ?? [])].filter((m): m is string => !!m);
    out.push({ id: vmId(v.name), label: `VM ${v.name}`, host: v.host, names: [v.name], ips: [v.ip], macs: [...new Set(macs)] });
  }
  for (const s of lab.switches) out.push({ id: switchId(s.name), label: `switch ${s.name}`, host: null, names: [s.name], ips: [], macs: [] });
  for (const c of lab.clients) out.push({ id: clientId(c.name), label: `client ${c.name}`, host: null, names: [c.name], ips: [c.ip], macs: [c.mac] });
  return out;
}

/** 0 exact, 1 starts with, 2 contains, null no match. */
function rank(text: string, q: string): number | null {
  if (text === q) return 0;
  if (text.startsWith(q)) return 1;
  return text.includes(q) ? 2 : null;
}

/** The elements the query names, best first (exact, then starting with it, then containing it; lab order within). */
export function findMatches(lab: Lab, query: string, held: HeldMacs = new Map()): FindMatch[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const mac = macDigits(q);
  const found: { match: FindMatch; rank: number; order: number }[] = [];
  candidates(lab, held).forEach((c, order) => {
    let best: { rank: number; field: FindField; value: string } | null = null;
    const consider = (field: FindField, value: string, r: number | null) => {
      if (r !== null && (!best || r < best.rank)) best = { rank: r, field, value };
    };
    for (const n of c.names) consider('name', n, rank(n.toLowerCase(), q));
    for (const ip of c.ips) consider('IP', ip, rank(ip, q));
    if (mac) for (const m of c.macs) consider('MAC', m, rank(m.replace(/[-:]/g, '').toLowerCase(), mac));
    const b = best as { rank: number; field: FindField; value: string } | null;
    if (b) found.push({ match: { id: c.id, label: c.label, host: c.host, field: b.field, value: b.value }, rank: b.rank, order });
  });
  return found.sort((a, b) => a.rank - b.rank || a.order - b.order).map((f) => f.match);
}

/** The MACs each VM held in a drill run's snapshots (before the first step and after each). */
export function heldMacsOf(snapshots: readonly { vms: readonly { name: string; mac: string | null }[] }[]): HeldMacs {
  const out = new Map<string, string[]>();
  for (const s of snapshots)
    for (const v of s.vms) {
      if (!v.mac) continue;
      const list = out.get(v.name) ?? [];
      if (!list.includes(v.mac)) list.push(v.mac);
      out.set(v.name, list);
    }
  return out;
}
