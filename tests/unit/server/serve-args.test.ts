import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { parseServeArgs, command } from '../../../src-main/cli/commands/serve.js';
import { UserError } from '../../../src-main/cli/io.js';

describe('lab-planner serve options', () => {
  it('serves the current folder on a free port by default', () => {
    expect(parseServeArgs([], '/home/ada/labs')).toEqual({ workspace: path.resolve('/home/ada/labs'), port: 0, startup: null, rendererDir: undefined });
  });

  it('takes a workspace, a port and a lab to open first', () => {
    expect(parseServeArgs(['--workspace', 'w', '--port', '8080', '--open', 'example:field-report'], '/x')).toMatchObject({
      workspace: path.resolve('/x/w'),
      port: 8080,
      startup: { example: 'field-report' },
    });
    expect(parseServeArgs(['--open', 'labs/a.lab'], '/x').startup).toEqual({ path: 'labs/a.lab' });
  });

  it('refuses a port that is not a port', () => {
    expect(() => parseServeArgs(['--port', '99999'], '/x')).toThrow(UserError);
    expect(() => parseServeArgs(['--port', 'http'], '/x')).toThrow(/--port must be a port number/);
  });

  it('refuses a workspace that is not a folder', async () => {
    const io = { out: () => undefined, err: () => undefined, isTty: false, cwd: '/' };
    await expect(command.run(['--workspace', '/definitely/not/here'], io)).rejects.toThrow(/is not a folder/);
  });
});
