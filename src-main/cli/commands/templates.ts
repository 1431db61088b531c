// `lab-planner templates`: the estates a new lab can start from (`lab-planner new FILE --template ID`).
import { parseArgs } from 'node:util';
import { TEMPLATES, TEMPLATE_LIMITS } from '../../core/templates/index.js';
import { EXIT_OK, type Command } from '../io.js';

export const command: Command = {
  summary: 'Lists the templates a new lab can start from, with their default size.',
  usage: 'lab-planner templates [--json]',
  options: {
    '--json': 'the templates as JSON: id, title, description, default hosts and VMs per host',
  },
  run: async (args, io) => {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    if (values.json) {
      io.out(`${JSON.stringify({ templates: TEMPLATES, limits: TEMPLATE_LIMITS }, null, 2)}\n`);
      return EXIT_OK;
    }
    const width = Math.max(...TEMPLATES.map((t) => t.id.length));
    const lines = TEMPLATES.map((t) => `  ${t.id.padEnd(width)}  ${t.title} (${t.defaults.hosts} hosts, ${t.defaults.vmsPerHost} VMs per host)`);
    io.out(
      `Templates for lab-planner new FILE.lab --template ID [--hosts N] [--vms-per-host M]:\n${lines.join('\n')}\n` +
        `Hosts ${TEMPLATES[0].minHosts}–${TEMPLATE_LIMITS.maxHosts}, VMs per host 2–${TEMPLATE_LIMITS.maxVmsPerHost}.\n`,
    );
    return EXIT_OK;
  },
};
