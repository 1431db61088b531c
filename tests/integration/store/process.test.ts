// The installed command and real processes: `node bin/lab-planner.js`, and a save killed mid-write.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLabFile } from '../../../src-main/store/index.js';
import { FIELD_REPORT_JSON } from '../../fixtures/store/samples.js';
import { folderState, tempDir } from '../../unit/store/helpers.js';
import { killDuringSave } from '../../soak/kill-during-save.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(root, 'bin/lab-planner.js');
const built = join(root, 'dist/src-main/store/index.js');
const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });

describe('lab-planner as installed (node bin/lab-planner.js, after npm run build)', () => {
  it('creates, describes and exports a lab file, and exits 2 with a message for a bad one', () => {
    expect(existsSync(built), 'run `npm run build` first').toBe(true);
    const dir = tempDir();
    const made = cli(dir, 'new', 'field.lab', '--from', FIELD_REPORT_JSON);
    expect(made.status).toBe(0);
    const info = cli(dir, 'info', 'field.lab');
    expect(info.status).toBe(0);
    expect(info.stdout).toMatch(/Contents: +2 hosts, 8 NICs, 2 teams/);
    const exported = cli(dir, 'export', 'field.lab');
    expect(JSON.parse(exported.stdout).hosts).toHaveLength(2);
    writeFileSync(join(dir, 'junk.lab'), 'not a lab');
    const before = folderState(dir);
    const bad = cli(dir, 'info', 'junk.lab');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(`lab-planner info: ${join(dir, 'junk.lab')}: is not a Lab Planner lab: it is not an SQLite database\n`);
    expect(bad.stdout).toBe('');
    expect(folderState(dir)).toEqual(before);
  });
});

describe('a lab in a folder the engineer cannot write (a read-only share)', () => {
  it('opens read-only and says so, and cannot be saved in place', () => {
    const dir = tempDir();
    expect(cli(dir, 'new', 'field.lab', '--from', FIELD_REPORT_JSON).status).toBe(0);
    // Root may write anywhere, so the engineer is played by an unprivileged account when we are root.
    const asEngineer = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    chmodSync(join(dir, 'field.lab'), 0o666); // the file itself is writable: only the folder is not
    chmodSync(dir, 0o555);
    try {
      const before = folderState(dir);
      const info = spawnSync(process.execPath, [bin, 'info', 'field.lab'], { cwd: dir, encoding: 'utf8', ...asEngineer });
      expect(info.status, info.stderr).toBe(0);
      expect(info.stdout).toMatch(new RegExp(`Access: +read-only: the folder ${dir} is read-only for you`));
      const record = spawnSync(process.execPath, [bin, 'drill', 'field.lab', '--drill', 'live-migrate', '--record'], { cwd: dir, encoding: 'utf8', ...asEngineer });
      expect(record.status).toBe(2);
      expect(record.stderr).toMatch(/cannot record the run: the folder .* is read-only/);
      expect(folderState(dir)).toEqual(before);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});

describe('a save killed at any moment', () => {
  it('leaves either the old or the new lab, never a mix, and no temp file once the lab is opened (15 seeded kills)', async () => {
    const figures = await killDuringSave(15, 20261201);
    expect(figures.failures).toEqual([]);
    expect(figures.versionA + figures.versionB).toBe(15);
  });
});

// A child process starts recording a big run by hand and dies before committing it.
const DIES_MID_RECORD = `
import Database from 'better-sqlite3';
const db = new Database(process.argv[1]);
db.pragma('journal_mode = DELETE');
db.pragma('cache_size = 1');
db.exec('BEGIN');
const insert = db.prepare("INSERT INTO runs (ran_at, seed, app_version, lab_title, passed) VALUES ('t', 1, 'x', ?, 0)");
for (let i = 0; i < 2000; i++) insert.run('x'.repeat(1000));
process.kill(process.pid, 'SIGKILL');
`;

describe('a lab whose run recording was interrupted by a crash', () => {
  it('is rolled back to its last committed state when opened, or explained when it cannot be', () => {
    const dir = tempDir();
    const path = join(dir, 'field.lab');
    expect(cli(dir, 'new', 'field.lab', '--from', FIELD_REPORT_JSON).status).toBe(0);
    spawnSync(process.execPath, ['--input-type=module', '-e', DIES_MID_RECORD, path], { cwd: root });
    expect(existsSync(`${path}-journal`)).toBe(true);
    chmodSync(path, 0o444);
    expect(() => openLabFile(path)).toThrow(/was left mid-change by a program that stopped/);
    chmodSync(path, 0o644);
    const opened = openLabFile(path);
    expect(opened.runCount).toBe(0);
    expect(opened.lab.hosts).toHaveLength(2);
    expect(existsSync(`${path}-journal`)).toBe(false);
  });
});
