// The problems of a lab document: schema and cross-references, in the domain's words.
import { labSchema, type Lab } from '../../shared/lab.js';
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
  const id = lab ? elementIdForPath(lab, path) : null;
  if (!id) return path;
  const colon = id.indexOf(':');
  return `${KIND_WORDS[id.slice(0, colon)] ?? ''} ${id.slice(colon + 1)}`.trim();
}

/** The sentence shown next to a field: the problem that concerns the field first, else the first one. */
export function describeRefusal(problems: readonly Problem[], fieldPath?: string, lab?: Lab): string {
  const concerned = fieldPath ? problems.find((p) => p.path === fieldPath || p.path.startsWith(`${fieldPath}.`) || p.path.startsWith(`${fieldPath}[`) || p.message.includes(fieldPath)) : undefined;
  const p = concerned ?? problems[0];
  // "IP 1.1.1.100 is used twice (first at vms[1].ip)" reads better next to the field as "… is already used by Guest2".
  const twice = /^(.*) is used twice \(first at (.+)\)$/.exec(p.message);
  if (twice && fieldPath) {
    const other = twice[2] === fieldPath ? p.path : twice[2];
    return `${twice[1]} is already used by ${nameAt(lab, other)}`;
  }
  return p.path === fieldPath ? p.message : `${nameAt(lab, p.path)}: ${p.message}`;
}
