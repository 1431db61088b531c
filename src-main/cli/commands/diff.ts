// `lab-planner diff A B`: how two labs differ, in the domain's words. Exit 0 when equal, 1 when not.
import { parseArgs } from 'node:util';
import { diffLabs } from '../../store/index.js';
import { loadLabForCli } from '../load.js';
import { UserError, EXIT_OK, EXIT_FAILED, type Command } from '../io.js';

export const command: Command = {
  summary: 'Shows what changed between two labs (.lab or .lab.json), one change per line; exits 1 when they differ.',
  usage: 'lab-planner diff A B [--json]',
  options: {
    '--json': 'the changes as JSON, one record per change',
  },
  run: async (args, io) => {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
    if (positionals.length !== 2) throw new UserError(`give two labs to compare\nUsage: ${command.usage}`);
    const a = loadLabForCli(positionals[0], io);
    const b = loadLabForCli(positionals[1], io);
    const changes = diffLabs(a.lab, b.lab);
    if (values.json) io.out(`${JSON.stringify({ a: a.path, b: b.path, changes }, null, 2)}\n`);
    else if (changes.length === 0) io.out('The labs are the same.\n');
    else io.out(`${changes.map((c) => c.text).join('\n')}\n`);
    return changes.length === 0 ? EXIT_OK : EXIT_FAILED;
  },
};
