// `lab-planner new FILE [--from LAB]`: creates a `.lab` file, empty or from a JSON document or another lab.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { createLabFile, LabFileError, type RunRecord } from '../../store/index.js';
import type { LabInput } from '../../../shared/lab.js';
import { loadLabForCli } from '../load.js';
import { UserError, EXIT_OK, type Command } from '../io.js';
import { countsLine } from './info.js';

export const command: Command = {
  summary: 'Creates a .lab file: an empty lab, or the lab of a .lab.json document (--from).',
  usage: 'lab-planner new FILE.lab [--from LAB.json] [--title TEXT] [--author NAME] [--force]',
  options: {
    '--from LAB.json': 'start from this .lab.json document instead of an empty lab',
    '--title TEXT': "the lab's title",
    '--author NAME': 'who made it',
    '--force': 'replace FILE.lab if it exists',
  },
  run: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        title: { type: 'string' },
        author: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new UserError(`give exactly one file to create\nUsage: ${command.usage}`);
    const target = resolve(io.cwd, positionals[0]);
    if (/\.json$/i.test(target)) throw new UserError(`${target}: a lab file is named .lab; for a JSON document use \`lab-planner export\``);
    const source = values.from === undefined ? undefined : loadLabForCli(values.from, io);
    let lab: LabInput = source?.lab ?? {};
    const history: RunRecord[] = source?.history ?? [];
    if (values.title !== undefined || values.author !== undefined) {
      const meta = { title: 'Untitled lab', description: '', author: '', ...lab.meta };
      lab = { ...lab, meta: { ...meta, ...(values.title !== undefined && { title: values.title }), ...(values.author !== undefined && { author: values.author }) } };
    }
    try {
      const saved = createLabFile(target, lab, { overwrite: values.force, history });
      io.out(`Created ${saved.path} (revision ${saved.revision})${source ? `: ${countsLine(source.lab)}` : ''}${history.length ? `, ${history.length} recorded runs` : ''}\n`);
    } catch (error) {
      if (error instanceof LabFileError) throw new UserError(error.reason === 'exists' ? `${error.message} (use --force)` : error.message);
      throw error;
    }
    return EXIT_OK;
  },
};
