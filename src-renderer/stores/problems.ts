// The problems of a lab document: schema and cross-references, in the domain's words.
import { labSchema, type Lab } from '../../shared/lab.js';
import { checkReferences, formatPath, type Problem } from '../../shared/validate.js';

export function problemsOf(doc: unknown, knownProfiles: readonly string[]): { lab: Lab | null; problems: Problem[] } {
  const parsed = labSchema.safeParse(doc);
  if (!parsed.success) {
    return { lab: null, problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  }
  return { lab: parsed.data, problems: checkReferences(parsed.data, knownProfiles) };
}

const key = (p: Problem) => `${p.path}\u0000${p.message}`;

/** Problems of `after` that `before` did not have. */
export function newProblems(before: readonly Problem[], after: readonly Problem[]): Problem[] {
  const had = new Set(before.map(key));
  return after.filter((p) => !had.has(key(p)));
}

/** The sentence shown next to a field: the problem that concerns the field first, else the first one. */
export function describeRefusal(problems: readonly Problem[], fieldPath?: string): string {
  const concerned = fieldPath ? problems.find((p) => p.path === fieldPath || p.path.startsWith(`${fieldPath}.`) || p.path.startsWith(`${fieldPath}[`) || p.message.includes(fieldPath)) : undefined;
  const p = concerned ?? problems[0];
  return p.path === fieldPath ? p.message : `${p.path}: ${p.message}`;
}
