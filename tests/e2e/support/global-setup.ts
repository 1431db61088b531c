// Builds the app, then starts `lab-planner serve` on a fresh temporary workspace; tests read its tokened URL from the environment.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function build(): void {
  if (process.env.LAB_PLANNER_E2E_NO_BUILD === '1') return;
  for (const [cmd, args] of [['npx', ['tsc', '-p', 'tsconfig.main.json']], ['npx', ['vite', 'build', '--logLevel', 'warn']]] as const) {
    const run = spawnSync(cmd, [...args], { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${run.status})`);
  }
}

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  build();
  const workspace = mkdtempSync(path.join(tmpdir(), 'lab-planner-e2e-'));
  // A file that is not a lab: journey 4 opens it.
  writeFileSync(path.join(workspace, 'corrupt.lab'), 'this is not a SQLite lab file\u0000\u0001\u0002 garbage');
  const server = spawn(process.execPath, [path.join(ROOT, 'bin/lab-planner.js'), 'serve', '--workspace', workspace, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`lab-planner serve printed no URL in 30 s:\n${out}`)), 30_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Open (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => reject(new Error(`lab-planner serve exited (${code}):\n${out}`)));
  });
  process.env.LAB_PLANNER_URL = url;
  process.env.LAB_PLANNER_WORKSPACE = workspace;
  return async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(workspace, { recursive: true, force: true });
  };
}
