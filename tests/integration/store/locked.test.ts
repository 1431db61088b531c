// A lab that another program is in the middle of writing (a write transaction held open, its
// journal on disk): every command, and the window's open, waits a bounded time and then says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLabFile, importLabJson } from '../../../src-main/store/index.js';
import { BUSY_WAIT_MS } from '../../../src-main/store/sqlite.js';
import { FIELD_REPORT_JSON } from '../../fixtures/store/samples.js';
import { tempWorkspace, removeWorkspace, serviceOn, type TempWorkspace } from '../service/support.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(root, 'bin/lab-planner.js');

// Another program opens a write transaction and writes enough that its journal spills to disk.
const HOLDS_WRITE = `
import Database from 'better-sqlite3';
const db = new Database(process.argv[1]);
db.pragma('cache_size = 1');
db.exec(process.argv[2]);
const insert = db.prepare("INSERT INTO runs (ran_at, seed, app_version, lab_title, passed) VALUES ('t', 1, 'x', ?, 0)");
for (let i = 0; i < 500; i++) insert.run('x'.repeat(1000));
process.stdout.write('holding\\n');
setInterval(() => {}, 1000);
`;

function holdWrite(path: string, begin: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', HOLDS_WRITE, path, begin], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the holder stopped (${code})`)));
  });
}

function cli(cwd: string, ...args: string[]): Promise<{ status: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (status) => resolve({ status, stderr, ms: Date.now() - started }));
  });
}

let ws: TempWorkspace;
beforeAll(() => {
  ws = tempWorkspace('lab-planner-locked-');
  createLabFile(join(ws.workspace, 'field.lab'), importLabJson(readFileSync(FIELD_REPORT_JSON, 'utf8')).lab);
});
afterAll(() => removeWorkspace(ws));

describe('a lab held by another program’s write transaction', () => {
  for (const begin of ['BEGIN IMMEDIATE', 'BEGIN EXCLUSIVE']) {
    it(`makes info, drill, export and diff say it is being written, exit 2, after a bounded wait (${begin})`, async () => {
      const lab = join(ws.workspace, 'field.lab');
      const holder = await holdWrite(lab, begin);
      try {
        expect(existsSync(`${lab}-journal`)).toBe(true);
        const runs = await Promise.all([
          cli(ws.workspace, 'info', 'field.lab'),
          cli(ws.workspace, 'drill', 'field.lab', '--drill', 'live-migrate'),
          cli(ws.workspace, 'export', 'field.lab'),
          cli(ws.workspace, 'diff', 'field.lab', 'field.lab'),
        ]);
        for (const [run, command] of runs.map((r, i) => [r, ['info', 'drill', 'export', 'diff'][i]] as const)) {
          expect(run.stderr).toBe(`lab-planner ${command}: ${lab}: is being written by another program; try again in a moment\n`);
          expect(run.status).toBe(2);
          expect(run.ms).toBeGreaterThanOrEqual(BUSY_WAIT_MS - 500);
        }
      } finally {
        holder.kill('SIGKILL');
      }
    }, 60_000);
  }

  it('is refused by the window’s open with the same sentence, and opens once the other program is gone', async () => {
    const lab = join(ws.workspace, 'field.lab');
    const holder = await holdWrite(lab, 'BEGIN IMMEDIATE');
    const service = await serviceOn(ws);
    try {
      const answer = await service.handle('lab.open', { path: 'field.lab' }, {});
      expect(answer).toMatchObject({ ok: false, error: { message: expect.stringMatching(/is being written by another program; try again in a moment$/) } });
      expect(answer.ok ? 'opened' : answer.error.code).not.toBe('internal');
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    expect(await service.handle('lab.open', { path: 'field.lab' }, {})).toMatchObject({ ok: true });
    await service.dispose();
  }, 60_000);
});
