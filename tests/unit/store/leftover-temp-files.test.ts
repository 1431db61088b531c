// Hidden `.NAME.HOST.PID-….saving` files left by saves that were killed: opening or saving a lab in
// the folder removes this machine's dead processes' leftovers, and nobody else's.
import { describe, expect, it } from 'vitest';
import { spawnSync, spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLabFile, saveLabFile } from '../../../src-main/store/index.js';
import { tempFileOwner, tempSibling, thisHost } from '../../../src-main/store/temp-files.js';
import { goodFile } from './helpers.js';

/** The pid of a process of this machine that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

function leftovers(dir: string, host: string, pids: number[]): string[] {
  const names = pids.flatMap((pid, i) => [`.field.lab.${host}.${pid}-0000000${i}.saving`, `.field.lab.${host}.${pid}-0000000${i}.saving-journal`]);
  for (const name of names) writeFileSync(join(dir, name), 'half a lab');
  return names;
}

describe('the temp files of saves that were killed', () => {
  it('are named after the lab, this machine and the process writing them', () => {
    const name = tempSibling('/labs/field.lab').split('/').pop()!;
    expect(tempFileOwner(name)).toEqual({ target: 'field.lab', host: thisHost(), pid: process.pid });
    expect(tempFileOwner('field.lab')).toBeNull();
  });

  it('are removed when a lab in the folder is opened, if their process on this machine is dead', () => {
    const { dir, path } = goodFile('field.lab');
    const dead = leftovers(dir, thisHost(), [deadPid(), deadPid()]);
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const running = leftovers(dir, thisHost(), [live.pid!, process.pid]);
      const elsewhere = leftovers(dir, 'build-server-02', [deadPid()]);
      openLabFile(path);
      const left = readdirSync(dir);
      for (const name of dead) expect(left).not.toContain(name);
      for (const name of [...running, ...elsewhere]) expect(left).toContain(name);
    } finally {
      live.kill('SIGKILL');
    }
  });

  it('are removed when a lab in the folder is saved', () => {
    const { dir, path } = goodFile('field.lab');
    const dead = leftovers(dir, thisHost(), [deadPid()]);
    const opened = openLabFile(path);
    const more = leftovers(dir, thisHost(), [deadPid()]);
    saveLabFile(path, opened.lab, { expectedFingerprint: opened.fingerprint });
    expect(readdirSync(dir).filter((n) => [...dead, ...more].includes(n))).toEqual([]);
    expect(readdirSync(dir)).toContain('field.lab');
  });
});
