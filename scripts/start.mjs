#!/usr/bin/env node
// `npm start`: build what is out of date, then open the desktop app on the field-report lab; where no
// Electron runtime can be had (no binary is ever downloaded here), start the browser host instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOutdated } from './build-outdated.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exampleLab = path.join(root, 'examples', 'field-report.lab.json');

buildOutdated(root);

/** The Electron binary, without ever triggering electron's own download on first use. */
function electronBinary() {
  const names = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };
  const name = names[process.platform] ?? 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, name);
    return existsSync(binary) ? { binary } : { why: `ELECTRON_OVERRIDE_DIST_PATH has no ${name}` };
  }
  const pkg = path.join(root, 'node_modules', 'electron');
  if (!existsSync(pkg)) return { why: 'the electron package is not installed' };
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return { why: 'the Electron binary was never downloaded (offline?)' };
  const binary = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { binary } : { why: `the Electron binary is missing at ${binary}` };
}

const electron = electronBinary();
const passThrough = process.argv.slice(2);
if (electron.binary) {
  const child = spawn(electron.binary, [root, ...(passThrough.length ? passThrough : [exampleLab])], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write(`lab-planner: no Electron runtime (${electron.why}); starting the browser host instead.\n`);
  const serve = spawn(process.execPath, [path.join(root, 'bin', 'lab-planner.js'), 'serve', '--open', 'example:field-report', ...passThrough], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => serve.kill(signal));
  serve.on('exit', (code) => process.exit(code ?? 0));
}
