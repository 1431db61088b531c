// `lab-planner report LAB -o report.html`: design checks, every drill and the what-if matrix in one
// self-contained HTML file to attach to a change request.
import { parseArgs } from 'node:util';
import { writeFile, rename } from 'node:fs/promises';
import { resolve } from 'node:path';
import { lintLab } from '../../core/lint/index.js';
import { runDrills } from '../../core/drills/runner.js';
import { buildReport } from '../../core/report/index.js';
import { runMatrixInPool } from '../../service/matrix-pool.js';
import { APP_VERSION } from '../../version.js';
import { UserError, EXIT_OK, type Command } from '../io.js';
import { loadLabForCli } from '../load.js';

export const command: Command = {
  summary: 'Writes one self-contained HTML report: topology, design checks, drills and the what-if matrix.',
  usage: 'lab-planner report LAB -o FILE.html [--depth 1|2] [--threads N] [--skip-matrix]',
  options: {
    '-o, --output FILE.html': 'the report to write',
    '--depth 1|2': 'depth of the what-if matrix (default 1)',
    '--threads N': 'threads that simulate the matrix, this one included',
    '--skip-matrix': 'leave the what-if matrix out',
  },
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        output: { type: 'string', short: 'o' },
        depth: { type: 'string', default: '1' },
        threads: { type: 'string' },
        'skip-matrix': { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UserError('give exactly one lab file, e.g. lab-planner report examples/field-report.lab.json -o report.html');
    if (!values.output) throw new UserError('say where to write the report with -o FILE.html');
    if (values.depth !== '1' && values.depth !== '2') throw new UserError(`--depth is 1 (single failures) or 2 (pairs), not "${values.depth}"`);
    if (values.threads !== undefined && !/^[1-9]\d*$/.test(values.threads)) throw new UserError(`--threads must be a whole number of at least 1, not "${values.threads}"`);
    const { lab } = loadLabForCli(positionals[0], io);

    const checks = lintLab(lab);
    const drills = lab.drills.length && lab.clients.length ? runDrills(lab) : null;
    let matrix = null;
    if (!values['skip-matrix'] && lab.clients.length) {
      const run = await runMatrixInPool(lab, { depth: Number(values.depth) as 1 | 2, threads: values.threads ? Number(values.threads) : undefined });
      if (run.ok) matrix = run.result;
    }
    const html = buildReport({ lab, checks, drills, matrix, generatedAt: new Date().toISOString(), appVersion: APP_VERSION });

    const path = resolve(io.cwd, values.output);
    const partial = `${path}.partial`;
    try {
      await writeFile(partial, html, 'utf8');
      await rename(partial, path);
    } catch (error) {
      throw new UserError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    io.out(`Wrote ${path} (${Math.round(html.length / 1024)} KiB): ${checks.length} design checks, ${drills?.drills.length ?? 0} drills, ${matrix?.cells.length ?? 0} matrix cases.\n`);
    return EXIT_OK;
  },
};

export default command;
