// `lab-planner lint LAB [--json]`: the design checks of a lab, with no simulation. Exit 1 on errors.
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Lab } from '../../../shared/lab.js';
import { formatProblems } from '../../../shared/validate.js';
import { hasErrors, type DesignCheck } from '../../../shared/checks.js';
import { readLab } from '../../core/lab.js';
import { lintLab } from '../../core/lint/index.js';
import { UserError, EXIT_OK, EXIT_FAILED, type Command, type CliIo } from '../io.js';

/** Reads a lab document (.lab.json) given on the command line; bad files are the user's to fix. */
export async function loadLab(path: string, io: CliIo): Promise<Lab> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${path} is not a lab document (JSON): ${(error as Error).message}`);
  }
  const parsed = readLab(json);
  if (!parsed.ok) throw new UserError(`${path} has problems:\n${formatProblems(parsed.problems)}`);
  return parsed.lab;
}

export function formatChecks(checks: readonly DesignCheck[]): string {
  const count = (s: DesignCheck['severity']) => checks.filter((c) => c.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [`${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'note')}`];
  for (const check of checks) {
    lines.push('', `${check.severity.toUpperCase().padEnd(7)} ${check.code}`, `        ${check.message}`);
    for (const remedy of check.remedies) lines.push(`        - ${remedy}`);
  }
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  summary: 'Check a lab design for known risks without running a simulation.',
  usage: 'lab-planner lint LAB [--json]',
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
    if (positionals.length !== 1) throw new UserError('give exactly one lab file, e.g. lab-planner lint examples/field-report.lab.json');
    const lab = await loadLab(positionals[0], io);
    const checks = lintLab(lab);
    if (values.json) io.out(`${JSON.stringify({ format: 'lab-planner/design-checks', lab: lab.meta.title, checks }, null, 2)}\n`);
    else io.out(formatChecks(checks));
    return hasErrors(checks) ? EXIT_FAILED : EXIT_OK;
  },
};

export default command;
