// `lab-planner import-hyperv DIR -o LAB.lab [--force]`: a lab from what Hyper-V and the switches already know.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLabFile, LabFileError } from '../../store/index.js';
import { exportLabJson } from '../../store/index.js';
import { importHyperV, type ImportSummary } from '../../core/import/hyperv.js';
import { ImportError } from '../../core/import/powershell-json.js';
import { readEstateFolder } from '../../service/hyperv-estate.js';
import { UserError, EXIT_OK, writeOutputFile, type Command } from '../io.js';

export const command: Command = {
  summary: 'Builds a lab from Hyper-V cmdlet output (HOST/CMDLET.json per host, as scripts/collect-hyperv.ps1 writes it) and pasted switch tables.',
  usage: 'lab-planner import-hyperv DIR -o LAB.lab [--force]',
  options: {
    DIR: 'a folder with one folder per host (HOST/Get-VMHost.json, Get-NetAdapter.json …) and, optionally, switches/SWITCH.txt holding show mac address-table and show lldp|cdp neighbors detail',
    '-o, --output LAB.lab': 'the lab to create: a .lab file, or a .lab.json document when the name ends so',
    '--force': 'replace the output if it exists',
  },
  run: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) throw new UserError(`give exactly one folder to import\nUsage: ${command.usage}`);
    if (values.output === undefined) throw new UserError(`say where the lab goes with -o LAB.lab\nUsage: ${command.usage}`);
    const target = resolve(io.cwd, values.output);
    if (!/\.lab$|\.lab\.json$/i.test(target)) throw new UserError(`${target}: name the lab LAB.lab (or LAB.lab.json for the JSON document)`);
    if (!values.force && existsSync(target)) throw new UserError(`${target}: already exists; choose another name or replace it explicitly (use --force)`);
    let imported;
    try {
      imported = importHyperV(readEstateFolder(resolve(io.cwd, positionals[0])));
    } catch (error) {
      if (error instanceof ImportError) throw new UserError(`nothing was written: ${error.message}`);
      throw error;
    }
    if (/\.json$/i.test(target)) writeOutputFile(target, exportLabJson(imported.lab));
    else {
      try {
        createLabFile(target, imported.lab, { overwrite: values.force });
      } catch (error) {
        if (error instanceof LabFileError) throw new UserError(error.reason === 'exists' ? `${error.message} (use --force)` : error.message);
        throw error;
      }
    }
    io.out(`Imported ${positionals[0]} into ${target}\n${summaryText(imported.summary)}`);
    return EXIT_OK;
  },
};

/** What the import found and what it took as default, for the terminal. */
export function summaryText(s: ImportSummary): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const lines = [
    `  ${n(s.hosts, 'host')}, ${n(s.nics, 'NIC')}, ${n(s.teams, 'team')}, ${n(s.virtualSwitches, 'virtual switch', 'virtual switches')}, ${n(s.vms, 'VM')}, ${n(s.switches, 'switch', 'switches')}, ${n(s.cablesPlaced, 'cable')} placed`,
  ];
  if (s.defaults.length) lines.push(`  ${n(s.defaults.length, 'default')} taken (each a design-check warning until changed):`, ...s.defaults.map((d) => `    ${d}`));
  if (s.notes.length) lines.push('  Left out:', ...s.notes.map((d) => `    ${d}`));
  return `${lines.join('\n')}\n`;
}
