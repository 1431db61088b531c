// `lab-planner serve`: the browser host on 127.0.0.1 with a per-run token in the URL it prints.
import { parseArgs } from 'node:util';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError, EXIT_OK, type Command } from '../io.js';
import type { Startup } from '../../service/service.js';

export interface ServeArgs {
  workspace: string;
  port: number;
  startup: Startup;
  rendererDir: string | undefined;
}

export function parseServeArgs(args: string[], cwd: string): ServeArgs {
  const { values } = parseArgs({
    args,
    options: { workspace: { type: 'string' }, port: { type: 'string' }, open: { type: 'string' }, renderer: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port must be a port number from 0 to 65535, not "${values.port}"`);
  const workspace = path.resolve(cwd, values.workspace ?? '.');
  let startup: Startup = null;
  if (values.open !== undefined) {
    startup = values.open.startsWith('example:') ? { example: values.open.slice('example:'.length) } : { path: values.open };
  }
  return { workspace, port, startup, rendererDir: values.renderer === undefined ? undefined : path.resolve(cwd, values.renderer) };
}

export const command: Command = {
  summary: 'Opens the lab planner in a web browser: serves the window and its API on 127.0.0.1 only.',
  usage: 'lab-planner serve [--workspace DIR] [--port N] [--open FILE.lab|example:ID]',
  options: {
    '--workspace DIR': 'folder whose .lab files may be opened and saved (default: the current folder)',
    '--port N': 'port to listen on, on 127.0.0.1 (default: a free one)',
    '--open WHAT': 'lab to show first: a .lab file in the workspace or example:field-report',
  },
  async run(args, io) {
    const options = parseServeArgs(args, io.cwd);
    const info = await stat(options.workspace).catch(() => null);
    if (!info?.isDirectory()) throw new UserError(`the workspace ${options.workspace} is not a folder`);
    const { startBrowserHost } = await import('../../server/host.js');
    let host;
    try {
      host = await startBrowserHost({ workspace: options.workspace, port: options.port, startup: options.startup, rendererDir: options.rendererDir });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UserError(`port ${options.port} is already in use; pick another with --port`);
      throw error;
    }
    io.out(`Lab Planner is serving ${options.workspace}\nOpen ${host.url}\nPress Ctrl+C to stop.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await host.close();
    return EXIT_OK;
  },
};
