import { describe, it, expect, afterAll } from 'vitest';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceConnection } from '../../../src-main/electron/service-connection.js';

const stateDir = mkdtempSync(path.join(os.tmpdir(), 'lab-planner-service-process-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe('the service process the desktop app starts', () => {
  it('answers requests and pushes events over the process channel', async () => {
    const script = fileURLToPath(new URL('../../../src-main/electron/service-process.ts', import.meta.url));
    const child = fork(script, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, LAB_PLANNER_STATE_DIR: stateDir }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const connection = new ServiceConnection({
      post: (m) => child.send(m as object),
      onMessage: (l) => child.on('message', l),
      onExit: (l) => child.on('exit', l),
      kill: () => child.kill(),
    });
    try {
      const info = await connection.call('app.info', {});
      expect(info).toMatchObject({ ok: true, value: { host: 'electron', canPickFiles: true, workspace: null } });
      const events: string[] = [];
      connection.onEvent((e) => events.push(e));
      const doc = await connection.call('lab.new', { from: { kind: 'example', id: 'field-report' } });
      if (!doc.ok) throw new Error(doc.error.message);
      const run = await connection.call('drills.run', { docId: doc.value.docId, runId: 'p1', drills: ['migrate-then-restart'] });
      expect(run.ok && run.value.passed).toBe(false);
      expect(events).toContain('run.progress');
    } finally {
      connection.stop();
    }
  });
});
