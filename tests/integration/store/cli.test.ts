// The file commands as an engineer runs them: new, info, export, import, diff, history, drill --record.
import { describe, expect, it } from 'vitest';
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../src-main/cli/main.js';
import type { CliIo } from '../../../src-main/cli/io.js';
import { FIELD_REPORT_JSON } from '../../fixtures/store/samples.js';
import { BAD_FILES } from '../../unit/store/crafted.js';
import { folderState, sha256, tempDir } from '../../unit/store/helpers.js';

const V1_FIXTURE = fileURLToPath(new URL('../../fixtures/store/field-report.schema-v1.lab', import.meta.url));

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false, cwd };
  const code = await runCli(argv, io);
  return { code, out, err };
}

async function fieldReportFile(): Promise<{ dir: string; path: string }> {
  const dir = tempDir();
  const made = await run(dir, 'new', 'field.lab', '--from', FIELD_REPORT_JSON);
  expect(made.code).toBe(0);
  return { dir, path: join(dir, 'field.lab') };
}

describe('lab-planner new and info', () => {
  it('creates an empty lab and describes it', async () => {
    const dir = tempDir();
    const made = await run(dir, 'new', 'empty.lab', '--title', 'Scratch', '--author', 'Ana');
    expect(made).toMatchObject({ code: 0, out: expect.stringContaining(`Created ${join(dir, 'empty.lab')} (revision 1)`) });
    const info = await run(dir, 'info', 'empty.lab');
    expect(info.code).toBe(0);
    expect(info.out).toMatch(/Lab: +Scratch/);
    expect(info.out).toMatch(/Author: +Ana/);
    expect(info.out).toMatch(/Schema: +version 6/);
    expect(info.out).toMatch(/Saved with: +Lab Planner \d/);
    expect(info.out).toMatch(/Revision: +1/);
    expect(info.out).toMatch(/Contents: +0 hosts/);
  });

  it('creates a lab from a JSON document and counts what it holds', async () => {
    const { dir } = await fieldReportFile();
    const info = await run(dir, 'info', 'field.lab', '--json');
    const parsed = JSON.parse(info.out);
    expect(parsed.counts).toMatchObject({ hosts: 2, nics: 8, teams: 2, vms: 2, cables: 6, drills: 7 });
    expect(parsed.file).toMatchObject({ revision: 1, schemaVersion: 6, readOnly: false, runs: 0 });
  });

  it('will not replace an existing file unless told to', async () => {
    const { dir, path } = await fieldReportFile();
    const before = sha256(path);
    const again = await run(dir, 'new', 'field.lab');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/field\.lab: already exists.*\(use --force\)/);
    expect(sha256(path)).toBe(before);
    expect((await run(dir, 'new', 'field.lab', '--force')).code).toBe(0);
  });

  it('says when a file is read-only', async () => {
    const { dir, path } = await fieldReportFile();
    chmodSync(path, 0o444);
    expect((await run(dir, 'info', 'field.lab')).out).toMatch(/Access: +read-only: the file is marked read-only/);
  });

  it('describes a file of the older schema without changing it', async () => {
    const dir = tempDir();
    copyFileSync(V1_FIXTURE, join(dir, 'old.lab'));
    const before = folderState(dir);
    const info = await run(dir, 'info', 'old.lab');
    expect(info.code).toBe(0);
    expect(info.out).toMatch(/Schema: +version 1 \(older; read as version 6/);
    expect(info.out).toMatch(/Saved with: +Lab Planner 0\.0\.9/);
    expect(info.out).toMatch(/Revision: +7/);
    expect(info.out).toMatch(/Run history: +2 recorded runs/);
    expect(folderState(dir)).toEqual(before);
  });
});

describe('lab-planner export and import', () => {
  it('exports byte-identically and round-trips export → import → export, history included when asked', async () => {
    const { dir } = await fieldReportFile();
    const recorded = await run(dir, 'drill', 'field.lab', '--record', '--drill', 'migrate-then-restart');
    expect(recorded.code).toBe(1);
    const first = await run(dir, 'export', 'field.lab', '--with-history');
    expect(first.code).toBe(0);
    expect((await run(dir, 'export', 'field.lab', '--with-history')).out).toBe(first.out);
    expect(JSON.parse(first.out).history).toHaveLength(1);
    expect((await run(dir, 'export', 'field.lab', '-o', 'field.lab.json', '--with-history')).code).toBe(0);
    expect(readFileSync(join(dir, 'field.lab.json'), 'utf8')).toBe(first.out);
    const imported = await run(dir, 'import', 'field.lab.json', '-o', 'copy.lab');
    expect(imported).toMatchObject({ code: 0, out: expect.stringMatching(/Imported .* 2 hosts, 8 NICs.*1 recorded runs/) });
    expect((await run(dir, 'export', 'copy.lab', '--with-history')).out).toBe(first.out);
    expect((await run(dir, 'history', 'copy.lab')).out).toMatch(/#1 .* FAILED 1 of 1 drills: migrate-then-restart/);
  });

  it('exports without history unless asked', async () => {
    const { dir } = await fieldReportFile();
    await run(dir, 'drill', 'field.lab', '--record', '--drill', 'live-migrate');
    const out = (await run(dir, 'export', 'field.lab')).out;
    expect(JSON.parse(out).history).toBeUndefined();
    expect(out).toBe((await run(dir, 'export', FIELD_REPORT_JSON)).out);
  });

  it('refuses to import something that is not a lab document', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.lab.json'), '{"vms": [{"name": "Guest1"}]}');
    const result = await run(dir, 'import', 'bad.lab.json', '-o', 'x.lab');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/bad\.lab\.json: is not a valid lab: vms\[0\]\.ip: is required; vms\[0\]\.host: is required\n$/);
    expect(folderState(dir)).toEqual({ 'bad.lab.json': sha256(join(dir, 'bad.lab.json')) });
  });

  it('needs -o for import', async () => {
    const { dir } = await fieldReportFile();
    await run(dir, 'export', 'field.lab', '-o', 'f.lab.json');
    expect(await run(dir, 'import', 'f.lab.json')).toMatchObject({ code: 2, err: expect.stringContaining('-o LAB.lab') });
  });
});

describe('lab-planner diff', () => {
  it('prints the changes in the domain’s words and exits 1, or 0 when the labs are the same', async () => {
    const { dir } = await fieldReportFile();
    const doc = JSON.parse(readFileSync(FIELD_REPORT_JSON, 'utf8'));
    doc.vms[0].macMode = 'static';
    doc.vms[0].staticMac = '00-15-5D-00-20-01';
    doc.hosts[1].teams[0].driverProfile = 'broadcom-basp-corrected';
    doc.cables = doc.cables.filter((c: { a: { nic?: string; host?: string } }) => !(c.a.host === 'HostB' && c.a.nic === 'NIC4'));
    doc.vms.push({ name: '<script>alert(1)</script>', ip: '1.1.1.7', host: 'HostB' });
    writeFileSync(join(dir, 'theirs.lab.json'), JSON.stringify(doc));
    const diff = await run(dir, 'diff', 'field.lab', 'theirs.lab.json');
    expect(diff.code).toBe(1);
    expect(diff.out.split('\n')).toEqual(expect.arrayContaining([
      'VM Guest1: MAC mode dynamic → static',
      'team VM-Team on HostB: driver profile broadcom-basp-2009-12-15 → broadcom-basp-corrected',
      'cable HostB/NIC4–switch2/port2 removed',
      'VM <script>alert(1)</script> added',
    ]));
    const json = JSON.parse((await run(dir, 'diff', 'field.lab', 'theirs.lab.json', '--json')).out);
    expect(json.changes).toContainEqual(expect.objectContaining({ kind: 'changed', entity: 'vm', name: 'Guest1', field: 'MAC mode', from: 'dynamic', to: 'static' }));
    expect(await run(dir, 'diff', 'field.lab', FIELD_REPORT_JSON)).toMatchObject({ code: 0, out: 'The labs are the same.\n' });
  });
});

describe('lab-planner drill --record on a file of the older schema', () => {
  it('upgrades the file after keeping a backup, then appends the run', async () => {
    const dir = tempDir();
    copyFileSync(V1_FIXTURE, join(dir, 'old.lab'));
    const drill = await run(dir, 'drill', 'old.lab', '--record', '--drill', 'live-migrate');
    expect(drill.code).toBe(0);
    expect(sha256(join(dir, 'old.lab.schema-v1.bak'))).toBe(sha256(V1_FIXTURE));
    expect((await run(dir, 'info', 'old.lab')).out).toMatch(/Schema: +version 6\n/);
    expect((await run(dir, 'history', 'old.lab')).out.trim().split('\n')).toHaveLength(3);
  });
});

describe('lab-planner history', () => {
  it('lists recorded runs and shows one in full', async () => {
    const { dir } = await fieldReportFile();
    expect((await run(dir, 'history', 'field.lab')).out).toMatch(/no recorded runs/);
    await run(dir, 'drill', 'field.lab', '--record', '--drill', 'live-migrate');
    await run(dir, 'drill', 'field.lab', '--record', '--drill', 'migrate-then-restart', '--seed', '5');
    const list = await run(dir, 'history', 'field.lab');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^#1 +\S+ +seed 1 +Lab Planner \S+ +passed 1 drills\n#2 +\S+ +seed 5 .*FAILED 1 of 1 drills: migrate-then-restart\n$/);
    const one = await run(dir, 'history', 'field.lab', '--run', '2');
    expect(one.out).toContain('Drill migrate-then-restart: FAILED');
    expect(JSON.parse((await run(dir, 'history', 'field.lab', '--json')).out)).toHaveLength(2);
    expect(await run(dir, 'history', 'field.lab', '--run', '3')).toMatchObject({ code: 2, err: expect.stringContaining('has no run #3 (it has 2)') });
  });
});

describe('a bad JSON document given to a command', () => {
  const cases: [string, string, RegExp][] = [
    ['empty.lab.json', '', /empty\.lab\.json: is empty \(0 bytes\)/],
    ['cut.lab.json', '{"hosts": [{"name": "HostA"', /cut\.lab\.json: is not valid JSON/],
    ['page.lab.json', '<html><script>alert(1)</script></html>', /page\.lab\.json: is not valid JSON/],
    ['list.lab.json', '[]', /list\.lab\.json: is not a lab document/],
  ];
  for (const [name, text, says] of cases) {
    it(`exits 2 with the file and the reason for ${name}`, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, name), text);
      for (const command of ['info', 'export', 'drill']) {
        const result = await run(dir, command, name);
        expect(result.code).toBe(2);
        expect(result.err).toMatch(says);
      }
      expect(await run(dir, 'import', name, '-o', 'x.lab')).toMatchObject({ code: 2 });
      expect(folderState(dir)).toEqual({ [name]: sha256(join(dir, name)) });
    });
  }
});

describe('a bad file given to any file command', () => {
  for (const bad of BAD_FILES) {
    it(`exits 2 naming the file and the reason when it is ${bad.name}, leaving it untouched`, async () => {
      const { dir, path: good } = await fieldReportFile();
      const path = bad.make(dir, good);
      const before = folderState(dir);
      for (const argv of [['info', path], ['export', path], ['diff', good, path], ['history', path], ['drill', path, '--record']]) {
        const result = await run(dir, ...argv);
        expect(result.code, `${argv[0]}: ${result.err}`).toBe(2);
        expect(result.err).toContain(`lab-planner ${argv[0]}: ${path}: `);
        expect(result.err).toMatch(bad.says);
        expect(result.err.trimEnd(), 'one line').not.toContain('\n');
        expect(result.out).toBe('');
      }
      expect(folderState(dir)).toEqual(before);
    });
  }
});
