// `lab-planner diff A B`: how two labs differ, in the domain's words. Exit 0 when equal, 1 when not.
// Given git's seven arguments (as `diff.lab.command`), it is git's diff driver for .lab files.
import { parseArgs } from 'node:util';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { labSchema, type Lab } from '../../../shared/lab.js';
import { diffLabs } from '../../store/index.js';
import { loadLabForCli } from '../load.js';
import { UserError, EXIT_OK, EXIT_FAILED, type Command } from '../io.js';

export const command: Command = {
  summary: 'Shows what changed between two labs (.lab or .lab.json), one change per line; exits 1 when they differ.',
  usage: 'lab-planner diff A B [--json]',
  options: {
    'A B': '.lab files or .lab.json documents, in either combination',
    '--json': 'the changes as JSON, one record per change',
    'PATH OLD … NEW …': 'the seven arguments git gives its diff driver (README): prints "diff of PATH" and the changes, exit 0',
  },
  run: async (args, io) => {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
    if (positionals.length === 7) return gitDiff(positionals, io);
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

/** git's external diff: path old-file old-hex old-mode new-file new-hex new-mode; /dev/null for an added or deleted file. */
function gitDiff([path, oldFile, , , newFile]: string[], io: Parameters<Command['run']>[1]): number {
  const read = (file: string): Lab => (file === '/dev/null' || statSync(resolve(io.cwd, file)).size === 0 ? labSchema.parse({}) : loadLabForCli(file, io).lab);
  const changes = diffLabs(read(oldFile), read(newFile));
  io.out(`diff of ${path} (Lab Planner)\n${changes.length ? changes.map((c) => `  ${c.text}`).join('\n') : '  the labs are the same'}\n`);
  return EXIT_OK;
}
