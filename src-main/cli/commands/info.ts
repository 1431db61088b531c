// `lab-planner info FILE`: what a lab file is: schema and app version, revision, who saved it, what it holds.
import { parseArgs } from 'node:util';
import { statSync } from 'node:fs';
import type { Lab } from '../../../shared/lab.js';
import { plural } from '../../../shared/words.js';
import { CURRENT_SCHEMA_VERSION, LAB_APPLICATION_ID } from '../../store/index.js';
import { loadLabForCli } from '../load.js';
import { UserError, EXIT_OK, type Command } from '../io.js';

export const command: Command = {
  summary: 'Shows what a lab file holds: schema and app version, revision, last saved by, counts, run history.',
  usage: 'lab-planner info FILE [--json]',
  options: {
    '--json': 'the same as JSON',
  },
  run: async (args, io) => {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
    if (positionals.length !== 1) throw new UserError(`give exactly one lab file\nUsage: ${command.usage}`);
    const loaded = loadLabForCli(positionals[0], io);
    const { lab, opened } = loaded;
    const counts = countsOf(lab);
    const size = statSync(loaded.path).size;
    if (values.json) {
      const info = {
        path: loaded.path, kind: loaded.kind, bytes: size, title: lab.meta.title, author: lab.meta.author,
        file: opened
          ? { ...opened.meta, applicationId: LAB_APPLICATION_ID, readOnly: opened.readOnly, readOnlyReason: opened.readOnlyReason, runs: opened.runCount }
          : null,
        counts,
      };
      io.out(`${JSON.stringify(info, null, 2)}\n`);
      return EXIT_OK;
    }
    const rows: [string, string][] = [
      ['File', `${loaded.path} (${loaded.kind === 'lab' ? '.lab file' : 'JSON document'}, ${size} bytes)`],
      ['Lab', lab.meta.title],
    ];
    if (lab.meta.author) rows.push(['Author', lab.meta.author]);
    if (opened) {
      const m = opened.meta;
      const schema = m.schemaVersion < CURRENT_SCHEMA_VERSION
        ? `version ${m.schemaVersion} (older; read as version ${CURRENT_SCHEMA_VERSION}, the file is upgraded when opened for editing)`
        : `version ${m.schemaVersion}`;
      rows.push(
        ['Schema', schema],
        ['Saved with', `Lab Planner ${m.appVersion}`],
        ['Last modified', `${m.modified}${m.modifiedBy ? ` by ${m.modifiedBy}` : ''}`],
        ['Created', m.created],
        ['Revision', String(m.revision)],
        ['Run history', `${opened.runCount} recorded run${opened.runCount === 1 ? '' : 's'}`],
        ['Access', opened.readOnly ? `read-only: ${opened.readOnlyReason}` : 'read-write'],
      );
    }
    rows.push(['Contents', countsLine(lab)]);
    const width = Math.max(...rows.map(([k]) => k.length)) + 2;
    io.out(rows.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`).join('\n') + '\n');
    return EXIT_OK;
  },
};

export function countsOf(lab: Lab) {
  return {
    hosts: lab.hosts.length,
    nics: lab.hosts.reduce((n, h) => n + h.nics.length, 0),
    teams: lab.hosts.reduce((n, h) => n + h.teams.length, 0),
    virtualSwitches: lab.hosts.reduce((n, h) => n + h.virtualSwitches.length, 0),
    vms: lab.vms.length,
    switches: lab.switches.length,
    clients: lab.clients.length,
    cables: lab.cables.length,
    drills: lab.drills.length,
    steps: lab.drills.reduce((n, d) => n + d.steps.length, 0),
    driverProfiles: lab.driverProfiles.length,
  };
}


export function countsLine(lab: Lab): string {
  const c = countsOf(lab);
  return [
    plural(c.hosts, 'host'), plural(c.nics, 'NIC'), plural(c.teams, 'team'), plural(c.virtualSwitches, 'virtual switch', 'virtual switches'),
    plural(c.vms, 'VM'), plural(c.switches, 'switch', 'switches'), plural(c.clients, 'client'), plural(c.cables, 'cable'),
    `${plural(c.drills, 'drill')} (${plural(c.steps, 'step')})`, plural(c.driverProfiles, 'lab driver profile'),
  ].join(', ');
}
