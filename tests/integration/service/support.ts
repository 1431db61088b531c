// What the service tests share: a throwaway workspace, a browser-host service on it, and unwrapping answers.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLabService } from '../../../src-main/service/create-service.js';
import type { LabService } from '../../../src-main/service/service.js';
import type { Result } from '../../../shared/api.js';

export interface TempWorkspace {
  root: string;
  workspace: string;
  stateDir: string;
}

/** A fresh folder with an empty workspace in it and room for the service's state. */
export function tempWorkspace(prefix: string): TempWorkspace {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  const workspace = path.join(root, 'workspace');
  mkdirSync(workspace);
  return { root, workspace, stateDir: path.join(root, 'state') };
}

export function removeWorkspace(ws: TempWorkspace): void {
  rmSync(ws.root, { recursive: true, force: true });
}

/** A browser-host service on the workspace: no file watching, a short autosave delay. */
export function serviceOn(ws: TempWorkspace, extra: { watchIntervalMs?: number; autosaveDelayMs?: number } = {}): Promise<LabService> {
  return createLabService({ host: 'browser', workspace: ws.workspace, stateDir: ws.stateDir, watchIntervalMs: 0, autosaveDelayMs: 5, ...extra });
}

/** The answer's value; a refusal fails the test with its code and message. */
export function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
