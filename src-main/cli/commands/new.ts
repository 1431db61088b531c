// `lab-planner new FILE [--from LAB | --template ID]`: creates a `.lab` file, empty, from a JSON document or
// another lab, or from a template at the size asked for.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { createLabFile, LabFileError, type RunRecord } from '../../store/index.js';
import type { LabInput } from '../../../shared/lab.js';
import { loadLabForCli } from '../load.js';
import { UserError, EXIT_OK, type Command } from '../io.js';
import { countsLine } from './info.js';
import { buildTemplate, TemplateError } from '../../core/templates/index.js';

export const command: Command = {
  summary: 'Creates a .lab file: an empty lab, the lab of a .lab.json document (--from) or a template (--template).',
  usage: 'lab-planner new FILE.lab [--from LAB.json | --template ID [--hosts N] [--vms-per-host M]] [--title TEXT] [--author NAME] [--force]',
  options: {
    '--from LAB.json': 'start from this .lab.json document instead of an empty lab',
    '--template ID': 'start from a template with its drills (`lab-planner templates` lists them)',
    '--hosts N': "with --template: how many hosts (default: the template's)",
    '--vms-per-host M': "with --template: how many VMs on each host (default: the template's)",
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
        template: { type: 'string' },
        hosts: { type: 'string' },
        'vms-per-host': { type: 'string' },
        title: { type: 'string' },
        author: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new UserError(`give exactly one file to create\nUsage: ${command.usage}`);
    const target = resolve(io.cwd, positionals[0]);
    if (/\.json$/i.test(target)) throw new UserError(`${target}: a lab file is named .lab; for a JSON document use \`lab-planner export\``);
    if (values.from !== undefined && values.template !== undefined) throw new UserError('start from --from or from --template, not both');
    if (values.template === undefined && (values.hosts !== undefined || values['vms-per-host'] !== undefined)) throw new UserError('--hosts and --vms-per-host size a template; name it with --template');
    const source = values.from === undefined ? undefined : loadLabForCli(values.from, io);
    let lab: LabInput = source?.lab ?? (values.template === undefined ? {} : fromTemplate(values.template, values.hosts, values['vms-per-host']));
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

function fromTemplate(id: string, hosts: string | undefined, vmsPerHost: string | undefined): LabInput {
  const count = (text: string | undefined, flag: string) => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new UserError(`${flag} takes a whole number, not "${text}"`);
    return Number(text);
  };
  try {
    return buildTemplate(id, { hosts: count(hosts, '--hosts'), vmsPerHost: count(vmsPerHost, '--vms-per-host') });
  } catch (error) {
    if (error instanceof TemplateError) throw new UserError(error.message);
    throw error;
  }
}
