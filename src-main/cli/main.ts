// The `lab-planner` command: dispatches to one module per sub-command, loaded on demand.
import { pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';
import { processIo, UserError, EXIT_BAD_INPUT, type CliIo, type Command } from './io.js';

const COMMANDS: Record<string, () => Promise<Command>> = {
  drill: async () => (await import('./commands/drill.js')).drillCommand,
  trace: async () => (await import('./commands/trace.js')).command,
  bench: async () => (await import('./commands/bench.js')).benchCommand,
  lint: async () => (await import('./commands/lint.js')).command,
  matrix: async () => (await import('./commands/matrix.js')).command,
  worker: async () => (await import('./commands/worker.js')).command,
  report: async () => (await import('./commands/report.js')).command,
  serve: async () => (await import('./commands/serve.js')).command,
  new: async () => (await import('./commands/new.js')).command,
  info: async () => (await import('./commands/info.js')).command,
  export: async () => (await import('./commands/export.js')).command,
  import: async () => (await import('./commands/import.js')).command,
  diff: async () => (await import('./commands/diff.js')).command,
  history: async () => (await import('./commands/history.js')).command,
};

export function usage(): string {
  return [
    'Usage: lab-planner <command> [options]',
    '',
    'Commands:',
    ...Object.keys(COMMANDS).map((name) => `  ${name}`),
    '',
    'Run `lab-planner <command> --help` for a command’s options.',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : EXIT_BAD_INPUT;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${await appVersion()}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`lab-planner: unknown command "${name}"\n${usage()}`);
    return EXIT_BAD_INPUT;
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UserError) {
      io.err(`lab-planner ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      io.err(`lab-planner ${name}: ${error.message}\nUsage: ${command.usage}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof Error && /^ERR_PARSE_ARGS/.test(String((error as NodeJS.ErrnoException).code))) {
      io.err(`lab-planner ${name}: ${error.message}\nUsage: ${command.usage}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}

export async function appVersion(): Promise<string> {
  const { APP_VERSION } = await import('../version.js');
  return APP_VERSION;
}

function isMain(): boolean {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const io = processIo();
  try {
    process.exitCode = await runCli(argv, io);
  } catch (error) {
    io.err(`lab-planner: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  }
}

if (isMain()) void main();
