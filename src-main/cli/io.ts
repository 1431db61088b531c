// What a CLI command may touch: its output streams. Tests pass their own.
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars, colours). */
  readonly isTty: boolean;
  readonly cwd: string;
}

/** A mistake the user can fix: shown on stderr without a stack trace, exit 2. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

export type CommandRun = (args: string[], io: CliIo) => Promise<number>;

export interface Command {
  /** One line for `lab-planner --help`. */
  summary: string;
  /** One line: the command and its options. */
  usage: string;
  /** Each option (and positional word) of `usage` with what it does, for `lab-planner CMD --help` and completion. */
  options: Record<string, string>;
  run: CommandRun;
}

export function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTty: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
  };
}
