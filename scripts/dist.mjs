#!/usr/bin/env node
// `npm run dist`: installers for Linux, Windows and macOS with electron-builder (needs network access:
// it fetches Electron and the native module headers). The app is staged in release/.stage with its
// production dependencies, so electron-builder rebuilds better-sqlite3 for Electron there and the
// project's Node build, which the tests load, is never touched.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stage = path.join(root, 'release', '.stage');
const windows = process.platform === 'win32';

function run(label, command, args, cwd = root) {
  process.stdout.write(`lab-planner dist: ${label}\n`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: windows });
  if (result.status !== 0) {
    process.stderr.write(`lab-planner dist: ${label} failed (network access is needed to fetch Electron).\n`);
    process.exit(result.status ?? 1);
  }
}

run('building the app', windows ? 'npx.cmd' : 'npx', ['tsc', '-p', 'tsconfig.main.json']);
run('building the window', windows ? 'npx.cmd' : 'npx', ['vite', 'build', '--logLevel', 'warn']);
if (!existsSync(path.join(root, 'build', 'icon.png'))) run('drawing the icons', process.execPath, [path.join(root, 'scripts', 'make-icons.mjs')]);

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const part of ['dist', 'dist-renderer', 'examples', 'build']) cpSync(path.join(root, part), path.join(stage, part), { recursive: true });
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const staged = {
  name: pkg.name,
  productName: 'Lab Planner',
  version: pkg.version,
  description: pkg.description,
  license: pkg.license,
  author: pkg.author ?? 'Lab Planner contributors',
  type: pkg.type,
  main: pkg.main,
  dependencies: pkg.dependencies,
};
writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);
run('installing production dependencies in the staged app', windows ? 'npm.cmd' : 'npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], stage);

const builder = path.join(root, 'node_modules', '.bin', windows ? 'electron-builder.cmd' : 'electron-builder');
const targets = process.argv.slice(2); // e.g. --linux, --win, --mac; default: this platform
run('packaging installers', builder, [
  '--projectDir', stage,
  '--config', path.join(root, 'electron-builder.yml'),
  `-c.electronVersion=${electronVersion}`,
  `-c.directories.output=${path.join(root, 'release')}`,
  ...targets,
]);
process.stdout.write(`lab-planner dist: installers are in ${path.join(root, 'release')}\n`);
