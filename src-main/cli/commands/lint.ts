// `lab-planner lint LAB [--json]`: the design checks of a lab, with no simulation. Exit 1 on errors.
import { parseArgs } from 'node:util';
import { hasErrors, type DesignCheck } from '../../../shared/checks.js';
import { plural } from '../../../shared/words.js';
import { lintLab } from '../../core/lint/index.js';
import { UserError, EXIT_OK, EXIT_FAILED, type Command } from '../io.js';
import { loadLabForCli } from '../load.js';

export function formatChecks(checks: readonly DesignCheck[]): string {
  const count = (s: DesignCheck['severity']) => checks.filter((c) => c.severity === s).length;
  const lines = [`${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'note')}`];
  for (const check of checks) {
    lines.push('', `${check.severity.toUpperCase().padEnd(7)} ${check.code}`, `        ${check.message}`);
    for (const remedy of check.remedies) lines.push(`        - ${remedy}`);
  }
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  summary: 'Checks a lab design for known risks without running a simulation.',
  usage: 'lab-planner lint LAB [--json]',
  options: {
    '--json': 'the design checks as JSON, as typed in shared/checks.ts',
  },
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
    if (positionals.length !== 1) throw new UserError('give exactly one lab file, e.g. lab-planner lint examples/field-report.lab.json');
    const { lab } = loadLabForCli(positionals[0], io);
    const checks = lintLab(lab);
    if (values.json) io.out(`${JSON.stringify({ format: 'lab-planner/design-checks', lab: lab.meta.title, checks }, null, 2)}\n`);
    else io.out(formatChecks(checks));
    return hasErrors(checks) ? EXIT_FAILED : EXIT_OK;
  },
};

export default command;
