// Labs in and out of the window: new from a template, another engineer's copy merged in, the
// topology out as a diagram. Pure over labs; the service reads the files and holds the documents.
import { fail, ok, type RequestValue, type Result } from '../../shared/api.js';
import type { Lab } from '../../shared/lab.js';
import { checkReferences, formatProblems, parseLabShape } from '../../shared/validate.js';
import { readLab } from '../core/lab.js';
import { buildTemplate, TemplateError, TEMPLATES, TEMPLATE_LIMITS } from '../core/templates/index.js';
import { diagram, type DiagramFormat } from '../core/report/diagrams.js';
import { diffLabs } from '../store/diff.js';
import { mergeLabs, type MergeSide } from '../store/merge.js';

export function templateList(): RequestValue<'templates.list'> {
  return { templates: TEMPLATES.map((t) => ({ ...t, defaults: { ...t.defaults }, maxHosts: TEMPLATE_LIMITS.maxHosts, maxVmsPerHost: TEMPLATE_LIMITS.maxVmsPerHost })) };
}

/** The template's lab at the size asked; a size out of range is refused in the template's words. */
export function templateLab(id: string, size: { hosts?: number; vmsPerHost?: number }): Result<Lab> {
  let input;
  try {
    input = buildTemplate(id, size);
  } catch (error) {
    if (error instanceof TemplateError)
      return error.field ? fail('invalid-request', error.message, [{ path: error.field, message: error.message }]) : fail('not-found', error.message);
    throw error;
  }
  const parsed = readLab(input);
  if (!parsed.ok) return fail('internal', `template "${id}" does not build a valid lab:\n${formatProblems(parsed.problems)}`);
  return ok(parsed.lab);
}

export const DIAGRAM_EXTENSIONS: Record<DiagramFormat, string> = { drawio: '.drawio', mermaid: '.mmd', svg: '.svg' };

export function diagramFile(lab: Lab, format: DiagramFormat, baseName: string): { text: string; fileName: string } {
  return { text: diagram(lab, format), fileName: `${baseName}${DIAGRAM_EXTENSIONS[format]}` };
}

/**
 * Theirs merged into ours over base, conflicts settled by `choices` where given. `merged` only when
 * every conflict is settled and the result fits the lab schema.
 */
export function mergeInto(base: Lab, ours: Lab, theirs: Lab, choices: Record<string, MergeSide>, knownProfiles: readonly string[]): Result<RequestValue<'lab.merge'>> {
  // Unsettled conflicts keep our value, so what differs from ours then is what theirs brought in cleanly.
  const clean = mergeLabs(base, ours, theirs);
  const settled = mergeLabs(base, ours, theirs, choices);
  const conflicts = clean.conflicts.map((c) => ({ ...c, choice: choices[c.path] ?? null }));
  const cleanChanges = diffLabs(ours, clean.lab).length;
  if (settled.conflicts.length) return ok({ conflicts, cleanChanges, merged: null, problems: [] });
  // As an edit is taken: the schema must hold; reference problems are the problems panel's to show.
  const parsed = parseLabShape(settled.lab);
  if (!parsed.ok) return fail('invalid-lab', `the merged lab does not fit together, so nothing was merged:\n${formatProblems(parsed.problems)}`, parsed.problems);
  return ok({ conflicts, cleanChanges, merged: parsed.lab, problems: checkReferences(parsed.lab, knownProfiles) });
}
