// Starts the real `lab-planner serve` as a child process and reads the tokened URL it prints.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

function npx(args: string[]): void {
  const run = spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`npx ${args.join(' ')} failed (exit ${run.status})`);
}

/** Builds the renderer into dist-renderer/, as `npm run build:renderer` does. */
export function buildRenderer(): void {
  npx(['vite', 'build', '--logLevel', 'warn']);
}

/** Compiles the main side and builds the renderer, as `npm run build` and `npm run build:renderer` do. */
export function buildApp(): void {
  npx(['tsc', '-p', 'tsconfig.main.json']);
  buildRenderer();
}

export interface ServedHost {
  url: string;
  stop(): Promise<void>;
}

export async function serve(workspace: string): Promise<ServedHost> {
  const server: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin/lab-planner.js'), 'serve', '--workspace', workspace, '--port', '0'], {
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
    server.stdout!.on('data', read);
    server.stderr!.on('data', read);
    server.once('exit', (code) => reject(new Error(`lab-planner serve exited (${code}):\n${out}`)));
  });
  return {
    url,
    async stop() {
      if (server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    },
  };
}
