// Vitest global setup: compile the main-process code once, so tests that spawn the CLI or start
// worker threads run the current sources.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function build(): void {
  if (process.env.LAB_PLANNER_SKIP_BUILD === '1') return;
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.main.json'], { cwd: root, stdio: 'inherit' });
}
