// Which rows of the step tables changed since the previous step: new or different ARP, MAC-table and
// team VM-table entries, keyed the way StepTables keys its rows.
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
