// Builds the app, then starts `lab-planner serve` on a fresh temporary workspace; tests read its tokened URL from the environment.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { buildApp, serve } from './serve.js';

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  if (process.env.LAB_PLANNER_E2E_NO_BUILD !== '1') buildApp();
  const workspace = mkdtempSync(path.join(tmpdir(), 'lab-planner-e2e-'));
  // A file that is not a lab: journey 4 opens it.
  writeFileSync(path.join(workspace, 'corrupt.lab'), 'this is not a SQLite lab file\u0000\u0001\u0002 garbage');
  const host = await serve(workspace);
  process.env.LAB_PLANNER_URL = host.url;
  process.env.LAB_PLANNER_WORKSPACE = workspace;
  return async () => {
    await host.stop();
    rmSync(workspace, { recursive: true, force: true });
  };
}
