// `lab-planner history FILE`: the drill runs recorded in a `.lab` file (drill --record).
import { parseArgs } from 'node:util';
import { listRunHistory, readRunHistory, LabFileError } from '../../store/index.js';
import { loadLabForCli } from '../load.js';
import { formatReport } from './drill.js';
import { UserError, EXIT_OK, type Command } from '../io.js';

export const command: Command = {
  summary: 'Lists the drill runs recorded in a .lab file; --run N shows one run in full.',
  usage: 'lab-planner history FILE.lab [--run N] [--json]',
  options: {
    '--run N': 'show run N in full',
    '--json': 'the runs as JSON',
  },
  run: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { run: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) throw new UserError(`give exactly one lab file\nUsage: ${command.usage}`);
    const loaded = loadLabForCli(positionals[0], io);
    if (loaded.kind !== 'lab') throw new UserError(`${loaded.path}: is a JSON document; run history is kept in .lab files`);
    try {
      if (values.run !== undefined) {
        const runs = readRunHistory(loaded.path);
        const n = Number(values.run);
        const run = Number.isInteger(n) && n >= 1 ? runs[n - 1] : undefined;
        if (!run) throw new UserError(`${loaded.path}: has no run #${values.run} (it has ${runs.length})`);
        io.out(values.json ? `${JSON.stringify(run, null, 2)}\n` : `Run #${n}, ${run.ranAt}, Lab Planner ${run.appVersion}\n\n${formatReport(run.report)}`);
        return EXIT_OK;
      }
      const runs = listRunHistory(loaded.path);
      if (values.json) {
        io.out(`${JSON.stringify(runs, null, 2)}\n`);
        return EXIT_OK;
      }
      if (runs.length === 0) {
        io.out(`${loaded.path}: no recorded runs (record one with \`lab-planner drill FILE --record\`)\n`);
        return EXIT_OK;
      }
      runs.forEach((run, i) => {
        const failed = run.drills.filter((d) => !d.passed).map((d) => d.name);
        const outcome = failed.length ? `FAILED ${failed.length} of ${run.drills.length} drills: ${failed.join(', ')}` : `passed ${run.drills.length} drills`;
        io.out(`#${i + 1}  ${run.ranAt}  seed ${run.seed}  Lab Planner ${run.appVersion}  ${outcome}\n`);
      });
      return EXIT_OK;
    } catch (error) {
      if (error instanceof LabFileError) throw new UserError(error.message);
      throw error;
    }
  },
};
