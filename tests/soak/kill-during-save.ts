// The crash test: a process saves two versions of a lab over one file, back and forth, and is
// killed with SIGKILL at a seeded random moment. Afterwards the file must open and hold the old or
// the new document, never a mix, and no hidden temp file may be left once the lab is opened again.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createLabFile, importLabJson, openLabFile } from '../../src-main/store/index.js';
import { FIELD_REPORT_JSON } from '../fixtures/store/samples.js';
import { seededRandom } from '../unit/store/crafted.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const built = join(root, 'dist/src-main/store/index.js');

const SAVER = `
import { openLabFile, saveLabFile } from ${JSON.stringify(pathToFileURL(built).href)};
const path = process.argv[1];
const lab = openLabFile(path).lab;
let fingerprint = openLabFile(path).fingerprint;
for (let i = 0; ; i++) {
  const title = i % 2 ? 'version B' : 'version A';
  fingerprint = saveLabFile(path, { ...lab, meta: { ...lab.meta, title } }, { expectedFingerprint: fingerprint }).fingerprint;
  if (i === 0) process.stdout.write('saving\\n');
}
`;

function killMidSave(path: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SAVER, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the saver stopped by itself: ${stderr}`))));
  });
}

export interface KillFigures {
  trials: number;
  versionA: number;
  versionB: number;
  /** Trials after which the file did not open, or held neither version: must be 0. */
  damaged: number;
  /** Temp files still beside the lab after it was opened again: must be 0. */
  leftovers: number;
  failures: string[];
}

export async function killDuringSave(trials: number, seed: number, maxDelayMs = 60): Promise<KillFigures> {
  if (!existsSync(built)) throw new Error('run `npm run build` first: the saver runs the built store');
  const dir = mkdtempSync(join(tmpdir(), 'lab-planner-kill-'));
  const path = join(dir, 'field.lab');
  createLabFile(path, importLabJson(readFileSync(FIELD_REPORT_JSON, 'utf8')).lab);
  const random = seededRandom(seed);
  const figures: KillFigures = { trials, versionA: 0, versionB: 0, damaged: 0, leftovers: 0, failures: [] };
  try {
    for (let i = 0; i < trials; i++) {
      await killMidSave(path, Math.floor(random() * maxDelayMs));
      try {
        const opened = openLabFile(path);
        if (opened.meta.title === 'version A' && opened.lab.hosts.length === 2) figures.versionA++;
        else if (opened.meta.title === 'version B' && opened.lab.hosts.length === 2) figures.versionB++;
        else throw new Error(`holds "${opened.meta.title}" with ${opened.lab.hosts.length} hosts`);
      } catch (error) {
        figures.damaged++;
        figures.failures.push(`trial ${i}: ${(error as Error).message}`);
      }
      const others = readdirSync(dir).filter((n) => n !== 'field.lab');
      figures.leftovers += others.length;
      if (others.length) figures.failures.push(`trial ${i}: left ${others.join(', ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
