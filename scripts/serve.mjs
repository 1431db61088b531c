#!/usr/bin/env node
// `npm run serve`: build what is out of date (as `npm start` does), then start the browser host with
// the arguments given (`npm run serve -- --port 8080 --open labs/field.lab`).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOutdated } from './build-outdated.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
buildOutdated(root);
const serve = spawn(process.execPath, [path.join(root, 'bin', 'lab-planner.js'), 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => serve.kill(signal));
serve.on('exit', (code) => process.exit(code ?? 0));
