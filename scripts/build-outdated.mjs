// Builds what is out of date before `npm start` or `npm run serve` runs the app: the main process
// (tsc) when shared/ or src-main/ changed, the window (vite) when src-renderer/, shared/ or
// index.html changed. A fresh clone builds both; a second start builds nothing.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** What `npm start` and `npm run serve` build, each from its sources. */
export const BUILDS = [
  { label: 'building the app (tsc)', output: 'dist/src-main/cli/main.js', sources: ['shared', 'src-main'], command: [npx, 'tsc', '-p', 'tsconfig.main.json'] },
  { label: 'building the window (vite build)', output: 'dist-renderer/index.html', sources: ['src-renderer', 'shared', 'index.html'], command: [npx, 'vite', 'build', '--logLevel', 'warn'] },
];

/** Newest modification time of the files under `parts` of `root`, 0 when there are none. */
function newest(root, parts) {
  let latest = 0;
  const visit = (p) => {
    const s = statSync(p, { throwIfNoEntry: false });
    if (!s) return;
    if (s.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
    else latest = Math.max(latest, s.mtimeMs);
  };
  for (const part of parts) visit(path.join(root, part));
  return latest;
}

/** The builds whose output is missing or older than a source. */
export function outdatedBuilds(root) {
  return BUILDS.filter(({ output, sources }) => {
    const built = statSync(path.join(root, output), { throwIfNoEntry: false });
    return !built || built.mtimeMs < newest(root, sources);
  });
}

/** Runs the outdated builds in `root`; exits with the build's status when one fails. */
export function buildOutdated(root) {
  for (const { label, command } of outdatedBuilds(root)) {
    process.stdout.write(`lab-planner: ${label}\n`);
    const result = spawnSync(command[0], command.slice(1), { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    if (result.status !== 0) {
      process.stderr.write(`lab-planner: ${label} failed; see the messages above.\n`);
      process.exit(result.status ?? 1);
    }
  }
}
