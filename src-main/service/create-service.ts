// Builds the service with the real core and store, for the browser host, the Electron utility process and tests.
import os from 'node:os';
import path from 'node:path';
import { runDrills } from '../core/drills/runner.js';
import { lintLab } from '../core/lint/index.js';
import { APP_VERSION } from '../version.js';
import { LabService, type Startup } from './service.js';
import { storeLabFiles } from './store-adapter.js';
import { anyPathPolicy, workspacePolicy } from './workspace-paths.js';
import { examplesDir } from './app-paths.js';
import { serviceMatrix } from './matrix-view.js';

export interface CreateServiceOptions {
  host: 'electron' | 'browser';
  /** Browser host: the folder files are confined to. Electron: null (the user picks with dialogs). */
  workspace: string | null;
  /** Where recent files and autosaved work live; defaults to ~/.lab-planner. */
  stateDir?: string;
  startup?: Startup;
  cwd?: string;
  autosaveDelayMs?: number;
  watchIntervalMs?: number;
}

export function defaultStateDir(): string {
  return process.env.LAB_PLANNER_STATE_DIR ?? path.join(os.homedir(), '.lab-planner');
}

export async function createLabService(options: CreateServiceOptions): Promise<LabService> {
  const stateDir = options.stateDir ?? defaultStateDir();
  const paths = options.workspace === null ? anyPathPolicy(options.cwd ?? process.cwd()) : await workspacePolicy(options.workspace);
  return new LabService({
    host: options.host,
    appVersion: APP_VERSION,
    paths,
    files: storeLabFiles({ recoveryDir: path.join(stateDir, 'recovery') }),
    examplesDir: examplesDir(),
    runDrills,
    designChecks: lintLab,
    matrix: serviceMatrix(),
    // The browser host's paths are relative to one workspace, so its recent list lives for one run.
    recentFile: options.host === 'electron' ? path.join(stateDir, 'recent.json') : null,
    startup: options.startup ?? null,
    autosaveDelayMs: options.autosaveDelayMs,
    watchIntervalMs: options.watchIntervalMs,
  });
}
