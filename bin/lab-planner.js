#!/usr/bin/env node
// Entry point of the `lab-planner` command; runs the compiled CLI (npm run build).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/src-main/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write('lab-planner: not built yet; run `npm run build` in the project folder first.\n');
  process.exit(2);
}
const { main } = await import(compiled.href);
await main();
