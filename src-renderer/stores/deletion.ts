// What a delete takes with it, in the domain's words: "Deleted host HostA with 2 VMs, 4 NICs, 1 team and 2 cables".
import type { Lab } from '../../shared/lab.js';
import { resolveElement } from './elements.js';
import { plural } from '../../shared/words.js';

const KIND_WORDS = { host: 'host', vm: 'VM', switch: 'switch', client: 'client', cable: 'cable', nic: 'NIC', team: 'team', vswitch: 'virtual switch', port: 'port' } as const;

function counts(lab: Lab) {
  return {
    hosts: lab.hosts.length,
    vms: lab.vms.length,
    nics: lab.hosts.reduce((n, h) => n + h.nics.length, 0),
    teams: lab.hosts.reduce((n, h) => n + h.teams.length, 0),
    vswitches: lab.hosts.reduce((n, h) => n + h.virtualSwitches.length, 0),
    switches: lab.switches.length,
    clients: lab.clients.length,
    cables: lab.cables.length,
  };
}

const count = (n: number, word: string) => plural(n, word, word.endsWith('switch') ? `${word}es` : `${word}s`);
const join = (parts: string[]) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`);

/** The toast's sentence for deleting `ids` from `before`, leaving `after`: what was chosen, then what went with it. */
export function describeDeletion(before: Lab, after: Lab, ids: readonly string[]): string {
  const chosen = ids.map((id) => resolveElement(before, id)).filter((r) => r !== null);
  const b = counts(before);
  const a = counts(after);
  const gone = (key: keyof typeof b) => b[key] - a[key];
  // Counted among the chosen: not repeated in "with …".
  const chosenOf = (kind: string) => chosen.filter((r) => r.kind === kind).length;
  const nameOf = (id: string) => id.slice(id.indexOf(':') + 1);
  let head: string;
  if (chosen.length === 1) {
    const r = chosen[0];
    head = r.kind === 'cable' ? 'Deleted a cable' : `Deleted ${KIND_WORDS[r.kind]} ${nameOf(r.id)}`;
  } else {
    const kinds = [...new Set(chosen.map((r) => r.kind))];
    head = `Deleted ${join(kinds.map((k) => count(chosenOf(k), KIND_WORDS[k])))}`;
  }
  const rest: [keyof typeof b, string, string][] = [
    ['hosts', 'host', 'host'],
    ['vms', 'vm', 'VM'],
    ['nics', 'nic', 'NIC'],
    ['teams', 'team', 'team'],
    ['vswitches', 'vswitch', 'virtual switch'],
    ['switches', 'switch', 'switch'],
    ['clients', 'client', 'client'],
    ['cables', 'cable', 'cable'],
  ];
  const withParts = rest.map(([key, kind, word]) => [gone(key) - chosenOf(kind), word] as const).filter(([n]) => n > 0).map(([n, word]) => count(n, word));
  return withParts.length ? `${head} with ${join(withParts)}` : head;
}
