// The status bar's words: what is selected, how many problems.
import { plural } from '../../shared/words.js';

const KIND_WORDS: Record<string, [string, string]> = {
  host: ['host', 'hosts'], vm: ['VM', 'VMs'], switch: ['switch', 'switches'], client: ['client', 'clients'], nic: ['NIC', 'NICs'],
  team: ['team', 'teams'], vswitch: ['virtual switch', 'virtual switches'], port: ['port', 'ports'], cable: ['cable', 'cables'],
};

const kindOf = (id: string) => id.slice(0, id.indexOf(':'));

/** One element by its name ("HostA", "switch1 port 2", "cable HostA/NIC3 ↔ switch1/1"). */
function nameOf(id: string): string {
  const kind = kindOf(id);
  const rest = id.slice(kind.length + 1);
  if (kind === 'port') return rest.replace(/\/(\d+)$/, ' port $1');
  if (kind === 'cable') return `cable ${rest.replace(/(^|~)(nic|port|client):/g, '$1').replace('~', ' ↔ ')}`;
  return rest;
}

/** "Nothing selected", "HostA selected", "3 VMs selected", "5 elements selected". */
export function selectionWords(ids: readonly string[]): string {
  if (ids.length === 0) return 'Nothing selected';
  if (ids.length === 1) return `${nameOf(ids[0])} selected`;
  const kinds = new Set(ids.map(kindOf));
  const words = kinds.size === 1 ? KIND_WORDS[[...kinds][0]] : undefined;
  return `${words ? plural(ids.length, words[0], words[1]) : plural(ids.length, 'element')} selected`;
}

export const problemWords = (n: number): string => (n === 0 ? 'No problems' : plural(n, 'problem'));
