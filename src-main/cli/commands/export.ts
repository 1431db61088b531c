// `lab-planner export LAB [-o FILE.lab.json]`: the lab as JSON with a stable order, for review and git.
import { parseArgs } from 'node:util';
import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportLabJson, readRunHistory, LabFileError, type RunRecord } from '../../store/index.js';
import { loadLabForCli } from '../load.js';
import { UserError, EXIT_OK, type Command } from '../io.js';

export const command: Command = {
  summary: 'Writes a lab as JSON with a stable key and element order (two exports of one lab are byte-identical).',
  usage: 'lab-planner export LAB [-o FILE.lab.json] [--with-history]',
  run: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { output: { type: 'string', short: 'o' }, 'with-history': { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) throw new UserError(`give exactly one lab to export\nUsage: ${command.usage}`);
    const loaded = loadLabForCli(positionals[0], io);
    let history: RunRecord[] | undefined;
    if (values['with-history']) {
      try {
        history = loaded.kind === 'lab' ? readRunHistory(loaded.path) : (loaded.history ?? []);
      } catch (error) {
        if (error instanceof LabFileError) throw new UserError(error.message);
        throw error;
      }
    }
    const text = exportLabJson(loaded.lab, { history });
    if (values.output === undefined) {
      io.out(text);
      return EXIT_OK;
    }
    const target = resolve(io.cwd, values.output);
    if (target === loaded.path) throw new UserError(`${target}: exporting a lab onto itself would replace it; choose another -o`);
    const temp = `${target}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, text);
      renameSync(temp, target);
    } catch (error) {
      throw new UserError(`${target}: cannot be written (${(error as Error).message})`);
    }
    io.err(`Exported ${loaded.path} to ${target}${history ? ` with ${history.length} recorded runs` : ''}\n`);
    return EXIT_OK;
  },
};
