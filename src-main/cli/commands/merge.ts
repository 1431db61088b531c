// `lab-planner merge BASE OURS THEIRS -o OUT`: two engineers' copies of one lab combined the way code is,
// by element identity; also git's merge driver for .lab and .lab.json files (README).
import { parseArgs } from 'node:util';
import { renameSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { labSchema } from '../../../shared/lab.js';
import { formatProblems } from '../../../shared/validate.js';
import { readLab } from '../../core/lab.js';
import { createLabFile, exportLabJson, mergeLabs, readRunHistory, LabFileError, type MergeSide } from '../../store/index.js';
import { loadLabForCli, type LoadedLab } from '../load.js';
import { UserError, EXIT_OK, EXIT_FAILED, type CliIo, type Command } from '../io.js';

export const command: Command = {
  summary: 'Merges two changed copies of a lab with their common ancestor, element by element; conflicts are named and nothing is written.',
  usage: 'lab-planner merge BASE OURS THEIRS -o OUT [--ours | --theirs] [--json]',
  options: {
    'BASE OURS THEIRS': '.lab files or .lab.json documents: the common ancestor and the two changed copies (an empty BASE file means both added the lab)',
    '-o, --output OUT': 'the merged lab; .lab or .lab.json by its name, otherwise the kind OURS is (git passes OURS itself); replaced if it exists',
    '--ours': 'settle every conflict with our side',
    '--theirs': 'settle every conflict with their side',
    '--json': 'print the merge as JSON: the conflicts (or those settled) with their paths',
  },
  run: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { output: { type: 'string', short: 'o' }, ours: { type: 'boolean', default: false }, theirs: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    });
    if (positionals.length !== 3) throw new UserError(`give three labs: the common ancestor, ours and theirs\nUsage: ${command.usage}`);
    if (values.output === undefined) throw new UserError(`say where the merged lab goes with -o OUT\nUsage: ${command.usage}`);
    if (values.ours && values.theirs) throw new UserError('--ours and --theirs settle conflicts in opposite ways; give one');
    const prefer: MergeSide | undefined = values.ours ? 'ours' : values.theirs ? 'theirs' : undefined;
    const [base, ours, theirs] = [loadOrEmpty(positionals[0], io), loadLabForCli(positionals[1], io), loadLabForCli(positionals[2], io)];
    const result = mergeLabs(base, ours.lab, theirs.lab, prefer);
    const report = (lines: string[]) => lines.map((line) => `  ${line}\n`).join('');
    if (result.conflicts.length) {
      if (values.json) io.out(`${JSON.stringify({ merged: false, conflicts: result.conflicts }, null, 2)}\n`);
      io.err(`${count(result.conflicts.length, 'conflict')} between ours (${ours.path}) and theirs (${theirs.path}); nothing was written:\n${report(result.conflicts.map((c) => c.text))}Settle each in one copy and merge again, or take one side for all with --ours or --theirs.\n`);
      return EXIT_FAILED;
    }
    const checked = readLab(result.lab);
    if (!checked.ok) {
      io.err(`The merged lab does not check out, so nothing was written (each side's changes are fine alone, but not together):\n${report(formatProblems(checked.problems).split('\n'))}`);
      return EXIT_FAILED;
    }
    const target = resolve(io.cwd, values.output);
    writeMerged(target, checked.lab, ours);
    if (values.json) io.out(`${JSON.stringify({ merged: true, output: target, resolved: result.resolved }, null, 2)}\n`);
    const settled = result.resolved.length ? `, ${count(result.resolved.length, 'conflict')} settled with ${prefer}:\n${report(result.resolved.map((c) => c.text))}` : '\n';
    io.err(`Merged ${theirs.path} into ${target}${settled}`);
    return EXIT_OK;
  },
};

/** git gives an empty ancestor when both branches added the file. */
function loadOrEmpty(file: string, io: CliIo) {
  const path = resolve(io.cwd, file);
  try {
    if (statSync(path).size === 0) return labSchema.parse({});
  } catch {
    // a missing file is reported by the loader in its words
  }
  return loadLabForCli(file, io).lab;
}

function writeMerged(target: string, lab: Parameters<typeof exportLabJson>[0], ours: LoadedLab): void {
  const kind = /\.json$/i.test(target) ? 'json' : /\.lab$/i.test(target) ? 'lab' : ours.kind;
  try {
    if (kind === 'lab') {
      // Our run history travels on; the merge is of the design, not of who ran what.
      const history = ours.kind === 'lab' ? readRunHistory(ours.path) : (ours.history ?? []);
      createLabFile(target, lab, { overwrite: true, history });
      return;
    }
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, exportLabJson(lab));
    renameSync(temp, target);
  } catch (error) {
    if (error instanceof LabFileError) throw new UserError(error.message);
    throw new UserError(`${target}: cannot be written (${(error as Error).message})`);
  }
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
