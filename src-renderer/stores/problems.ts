// The problems of a lab document: schema and cross-references, in the domain's words.
import { endpointLabel, labSchema, type Lab } from '../../shared/lab.js';
import { checkReferences, formatPath, issueMessage, type Problem } from '../../shared/validate.js';
import { elementIdForPath } from './elements.js';

export function problemsOf(doc: unknown, knownProfiles: readonly string[]): { lab: Lab | null; problems: Problem[] } {
  const parsed = labSchema.safeParse(doc);
  if (!parsed.success) {
    return { lab: null, problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: withSubject(issueMessage(i), valueAt(doc, i.path)) })) };
  }
  return { lab: parsed.data, problems: checkReferences(parsed.data, knownProfiles) };
}

/** A field's complaint ("is not an IPv4 address …") reads as a sentence with the entered value first. */
function withSubject(message: string, value: unknown): string {
  if (!message.startsWith('is ') || (typeof value !== 'string' && typeof value !== 'number')) return message;
  return `"${String(value)}" ${message}`;
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let here: unknown = doc;
  for (const step of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[step];
  }
  return here;
}

const key = (p: Problem) => `${p.path}\u0000${p.message}`;

/** Problems of `after` that `before` did not have. */
export function newProblems(before: readonly Problem[], after: readonly Problem[]): Problem[] {
  const had = new Set(before.map(key));
  return after.filter((p) => !had.has(key(p)));
}

const KIND_WORDS: Record<string, string> = { host: 'host', nic: 'NIC', team: 'team', vswitch: 'virtual switch', vm: 'VM', switch: 'switch', client: 'client', cable: 'cable' };

/** How engineers name the element at a document path ("client Client1", "NIC HostA/NIC3"), or the path itself. */
function nameAt(lab: Lab | undefined, path: string): string {
  const cable = lab ? /^cables\[(\d+)\]/.exec(path) : null;
  const c = cable ? lab!.cables[Number(cable[1])] : undefined;
  if (c) return `the cable ${endpointLabel(c.a)}–${endpointLabel(c.b)}`;
  const id = lab ? elementIdForPath(lab, path) : null;
  if (!id) return path;
  const colon = id.indexOf(':');
  return `${KIND_WORDS[id.slice(0, colon)] ?? ''} ${id.slice(colon + 1)}`.trim();
}

/** The element a field belongs to, as its name alone ("switch3", "HostA/NIC1"), or null for lab-wide fields. */
function subjectAt(lab: Lab | undefined, path: string): string | null {
  const id = lab && !path.startsWith('cables[') ? elementIdForPath(lab, path) : null;
  return id ? id.slice(id.indexOf(':') + 1) : null;
}

const plural = (n: string, one: string, many = `${one}s`) => `${n} ${n === '1' ? one : many}`;
type Limit = { least: (n: string) => string; most: (n: string) => string; whole: string };
const seconds = (what: string): Limit => ({
  least: (n) => (n === '0' ? `${what} cannot be negative` : `${what} is at least ${plural(n, 'second')}`),
  most: (n) => `${what} is at most ${plural(n, 'second')}`,
  whole: `${what} is a whole number of seconds`,
});
/** The schema's bare bounds ("must be at least 1") said for the field they limit, by the field's property name. */
const LIMITS: Record<string, Limit> = {
  ports: { least: (n) => `a switch needs at least ${plural(n, 'port')}`, most: (n) => `a switch has at most ${plural(n, 'port')}`, whole: 'a switch has a whole number of ports' },
  macAgeingSec: seconds('MAC ageing'),
  forwardDelaySec: seconds('the forward delay'),
  recoverySec: seconds('the recovery time'),
  withinSec: seconds('the MAC-flap window'),
  size: { least: (n) => `a MAC pool holds at least ${plural(n, 'address', 'addresses')}`, most: (n) => `a MAC pool holds at most ${plural(n, 'address', 'addresses')}`, whole: 'a MAC pool holds a whole number of addresses' },
  maxMacs: { least: (n) => `port security allows at least ${plural(n, 'MAC')}`, most: (n) => `port security allows at most ${plural(n, 'MAC')}`, whole: 'port security allows a whole number of MACs' },
  moves: { least: (n) => `a MAC flap takes at least ${plural(n, 'move')}`, most: (n) => `a MAC flap takes at most ${plural(n, 'move')}`, whole: 'a MAC flap takes a whole number of moves' },
};
const NAME_WORDS: Record<string, string> = { hosts: 'a host', nics: 'a NIC', teams: 'a team', virtualSwitches: 'a virtual switch', vms: 'a VM', switches: 'a switch', clients: 'a client' };

/** A field's complaint in the domain's words: bounds and required names said for what the field is. */
export function fieldWords(path: string, message: string): string {
  const property = /([A-Za-z]+)$/.exec(path)?.[1] ?? '';
  const limit = LIMITS[property];
  const least = /^must be at least (-?[\d.]+)$/.exec(message);
  const most = /^must be at most (-?[\d.]+)$/.exec(message);
  if (limit && least) return limit.least(least[1]);
  if (limit && most) return limit.most(most[1]);
  if (limit && message === 'must be a whole number') return limit.whole;
  if (property === 'name' && message === 'a name is required') {
    const owner = /([A-Za-z]+)\[\d+\]\.name$/.exec(path)?.[1];
    if (owner && NAME_WORDS[owner]) return `${NAME_WORDS[owner]} needs a name`;
  }
  return message;
}

/**
 * The sentence shown next to a field: the element it belongs to, then the problem that concerns the field (else the
 * first one) in the domain's words: "switch3: a switch needs at least 1 port". `before` is the lab as it was, so a
 * refused rename is told under the element's own name.
 */
export function describeRefusal(problems: readonly Problem[], fieldPath?: string, lab?: Lab, before: Lab | undefined = lab): string {
  const concerned = fieldPath ? problems.find((p) => p.path === fieldPath || p.path.startsWith(`${fieldPath}.`) || p.path.startsWith(`${fieldPath}[`) || p.message.includes(fieldPath)) : undefined;
  const p = concerned ?? problems[0];
  const subject = fieldPath ? subjectAt(before, fieldPath) : null;
  const said = (sentence: string) => (subject ? `${subject}: ${sentence}` : sentence);
  // "IP 1.1.1.100 is used twice (first at vms[1].ip)" reads better next to the field as "… is already used by Guest2".
  const twice = /^(.*) is used twice \(first at (.+)\)$/.exec(p.message);
  if (twice && fieldPath) {
    const other = twice[2].startsWith(fieldPath) ? p.path : twice[2];
    return said(`${twice[1]} is already used by ${nameAt(lab, other)}`);
  }
  // A switch made too small for a cable it carries: say which port and which cable.
  const noPort = /^switch "(.+)" has no port (\d+) \(it has (\d+)\)$/.exec(p.message);
  if (noPort && fieldPath?.endsWith('.ports')) return said(`port ${noPort[2]} carries ${nameAt(lab, p.path)}: keep at least ${noPort[2]} ports`);
  if (fieldPath && (p.path === fieldPath || p.path.startsWith(`${fieldPath}.`))) return said(fieldWords(p.path, p.message));
  const words = fieldPath ? fieldWords(fieldPath, p.message) : p.message;
  if (words !== p.message) return said(words);
  return said(`${nameAt(lab, p.path)}: ${p.message}`);
}
