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
  templates: async () => (await import('./commands/templates.js')).command,
  info: async () => (await import('./commands/info.js')).command,
  export: async () => (await import('./commands/export.js')).command,
  import: async () => (await import('./commands/import.js')).command,
  diff: async () => (await import('./commands/diff.js')).command,
  history: async () => (await import('./commands/history.js')).command,
  merge: async () => (await import('./commands/merge.js')).command,
  completion: async () => (await import('./commands/completion.js')).command,
};

/** Every command, loaded: for the overview and for shell completion. */
export async function allCommands(): Promise<[string, Command][]> {
  return Promise.all(Object.entries(COMMANDS).map(async ([name, load]) => [name, await load()] as [string, Command]));
}

/** The overview: each command with its one-line summary. */
export async function usage(): Promise<string> {
  const commands = await allCommands();
  const width = Math.max(...commands.map(([name]) => name.length));
  return [
    'Usage: lab-planner <command> [options]',
    '',
    'Commands:',
    ...commands.map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `lab-planner <command> --help` for a command’s options; `lab-planner --version` for the version.',
    '',
  ].join('\n');
}

/** `lab-planner CMD --help`: the summary, the usage line and every option with what it does. */
export function commandHelp(command: Command): string {
  const entries = Object.entries(command.options);
  const width = Math.max(0, ...entries.map(([flag]) => flag.length));
  const lines = [...wrap(command.summary, HELP_WIDTH), '', `Usage: ${command.usage}`];
  const indent = width + 4;
  const option = (flag: string, text: string) => `  ${flag.padEnd(width)}  ${wrap(text, Math.max(40, HELP_WIDTH - indent)).join(`\n${' '.repeat(indent)}`)}`;
  lines.push('', 'Options:', ...entries.map(([flag, text]) => option(flag, text)), option('--help', 'this text'), '');
  return lines.join('\n');
}

const HELP_WIDTH = 100;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    if (name) io.out(await usage());
    else io.err(await usage());
    return name ? 0 : EXIT_BAD_INPUT;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${await appVersion()}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`lab-planner: unknown command "${name}"\n${await usage()}`);
    return EXIT_BAD_INPUT;
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    io.out(commandHelp(command));
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
