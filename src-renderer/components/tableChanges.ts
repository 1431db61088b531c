// The step tables as StepTables shows them: which rows changed since the previous step (new or different ARP,
// MAC-table and team VM-table entries, keyed the way StepTables keys its rows), and the rows a filter keeps.
import type { Snapshot } from '../../shared/drill.js';
import { teamId } from '../../shared/checks.js';

export const arpKey = (client: string, ip: string) => `arp ${client} ${ip}`;
export const macKey = (sw: string, mac: string) => `mac ${sw} ${mac}`;
export const entryKey = (host: string, team: string, ip: string) => `${teamId(host, team)} ${ip}`;

function rows(s: Snapshot): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of s.clients) for (const [ip, mac] of Object.entries(c.arp)) out.set(arpKey(c.name, ip), mac);
  for (const sw of s.switches) for (const e of sw.macTable) out.set(macKey(sw.name, e.mac), String(e.port));
  for (const t of s.teams) for (const e of t.vmTable) out.set(entryKey(t.host, t.team, e.ip), `${e.mac} ${e.learntAtMs}`);
  return out;
}

/** Keys of the rows of `now` that `previous` lacks or holds with another value; none without a previous step. */
export function changedRows(previous: Snapshot | null, now: Snapshot): Set<string> {
  if (!previous) return new Set();
  const before = rows(previous);
  const out = new Set<string>();
  for (const [key, value] of rows(now)) if (before.get(key) !== value) out.add(key);
  return out;
}

/** The most rows one table shows; in a 1,000-VM lab the filter finds the rest. */
export const ROWS_SHOWN = 200;

/** Rows that mention the query (IP, MAC, VM or host, any case), teams holding a stale entry (`host/team`) first. */
export function tablesShown(s: Snapshot, query: string, staleTeams: ReadonlySet<string>) {
  const q = query.toLowerCase();
  const hit = (...texts: string[]) => q === '' || texts.some((t) => t.toLowerCase().includes(q));
  let cut = false;
  const first = <T>(rows: T[]): T[] => {
    if (rows.length > ROWS_SHOWN) cut = true;
    return rows.slice(0, ROWS_SHOWN);
  };
  const clients = s.clients.map((c) => ({ name: c.name, arp: Object.fromEntries(first(Object.entries(c.arp).filter(([ip, mac]) => hit(ip, mac, c.name)))) }));
  const switches = s.switches.map((sw) => ({ ...sw, macTable: first(sw.macTable.filter((e) => hit(e.mac, sw.name))) }));
  const stale = (t: Snapshot['teams'][number]) => staleTeams.has(`${t.host}/${t.team}`);
  const teams = [...s.teams.filter(stale), ...s.teams.filter((t) => !stale(t))]
    .map((t) => ({ ...t, vmTable: t.vmTable.filter((e) => hit(e.ip, e.mac, t.host, t.team)) }))
    .filter((t) => q === '' || t.vmTable.length > 0 || hit(t.host, t.team));
  const vms = first(s.vms.filter((v) => hit(v.name, v.host, v.mac ?? '')));
  const shownTeams = first(teams);
  return { clients, switches, teams: shownTeams, vms, cut };
}
