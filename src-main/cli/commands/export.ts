// `lab-planner export LAB [-o FILE] [--format json|drawio|mermaid|svg]`: the lab as JSON with a stable order,
// for review and git, or its topology as a diagram for draw.io, Mermaid or any SVG viewer.
import { parseArgs } from 'node:util';
import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportLabJson, readRunHistory, LabFileError, type RunRecord } from '../../store/index.js';
import { loadLabForCli } from '../load.js';
import { diagram, DIAGRAM_FORMATS, type DiagramFormat } from '../../core/report/diagrams.js';
import { UserError, EXIT_OK, type Command } from '../io.js';

export const command: Command = {
  summary: 'Writes a lab as JSON with a stable key and element order, or its topology as a draw.io, Mermaid or SVG diagram.',
  usage: 'lab-planner export LAB [-o FILE] [--format json|drawio|mermaid|svg] [--with-history]',
  options: {
    '-o, --output FILE': 'where to write (default: standard output); an existing file is replaced',
    '--format json|drawio|mermaid|svg':
      'json (default): the whole lab, two exports of one lab byte-identical; drawio: a draw.io file with each host a container of its NICs, teams, virtual switches and VMs; mermaid: a Mermaid flowchart with a subgraph per host; svg: the topology picture of the HTML report',
    '--with-history': 'json only: include the drill runs recorded in the lab',
  },
  run: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { output: { type: 'string', short: 'o' }, format: { type: 'string', default: 'json' }, 'with-history': { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) throw new UserError(`give exactly one lab to export\nUsage: ${command.usage}`);
    const format = values.format;
    if (format !== 'json' && !(DIAGRAM_FORMATS as readonly string[]).includes(format)) {
      throw new UserError(`--format must be json, ${DIAGRAM_FORMATS.join(', ')}, not "${format}"`);
    }
    if (format !== 'json' && values['with-history']) throw new UserError('--with-history goes with --format json only: a diagram has no run history');
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
    const text = format === 'json' ? exportLabJson(loaded.lab, { history }) : diagram(loaded.lab, format as DiagramFormat);
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
    io.err(`Exported ${loaded.path} to ${target}${format === 'json' ? '' : ` as a ${format} diagram`}${history ? ` with ${history.length} recorded runs` : ''}\n`);
    return EXIT_OK;
  },
};
