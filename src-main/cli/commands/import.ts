// `lab-planner import FILE.lab.json -o LAB`: a JSON document (and its run history, if exported with it) into a `.lab` file.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { createLabFile, LabFileError } from '../../store/index.js';
import { loadLabForCli } from '../load.js';
import { UserError, EXIT_OK, type Command } from '../io.js';
import { countsLine } from './info.js';

export const command: Command = {
  summary: 'Creates a .lab file from a .lab.json document, with the run history it carries.',
  usage: 'lab-planner import FILE.lab.json -o LAB.lab [--force]',
  options: {
    '-o, --output LAB.lab': 'the .lab file to create',
    '--force': 'replace LAB.lab if it exists',
  },
  run: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) throw new UserError(`give exactly one JSON document to import\nUsage: ${command.usage}`);
    if (values.output === undefined) throw new UserError(`say where the lab file goes with -o LAB.lab\nUsage: ${command.usage}`);
    const loaded = loadLabForCli(positionals[0], io);
    if (loaded.kind !== 'json') throw new UserError(`${loaded.path}: is already a .lab file; copy it, or export it first`);
    const target = resolve(io.cwd, values.output);
    if (/\.json$/i.test(target)) throw new UserError(`${target}: a lab file is named .lab, not .json`);
    const history = loaded.history ?? [];
    try {
      const saved = createLabFile(target, loaded.lab, { overwrite: values.force, history });
      io.out(`Imported ${loaded.path} into ${saved.path}: ${countsLine(loaded.lab)}${history.length ? `, ${history.length} recorded runs` : ''}\n`);
    } catch (error) {
      if (error instanceof LabFileError) throw new UserError(error.reason === 'exists' ? `${error.message} (use --force)` : error.message);
      throw error;
    }
    return EXIT_OK;
  },
};
