// `lab-planner completion bash|zsh|pwsh`: a completion script built from the commands' own option lists,
// so a new option completes as soon as it is documented.
import { parseArgs } from 'node:util';
import { UserError, EXIT_OK, type Command } from '../io.js';

export const SHELLS = ['bash', 'zsh', 'pwsh'] as const;
type Shell = (typeof SHELLS)[number];

export const command: Command = {
  summary: 'Prints a shell completion script for bash, zsh or PowerShell.',
  usage: 'lab-planner completion bash|zsh|pwsh',
  options: {
    bash: 'for ~/.bashrc: eval "$(lab-planner completion bash)"',
    zsh: 'for ~/.zshrc (after compinit): eval "$(lab-planner completion zsh)"',
    pwsh: 'for $PROFILE: lab-planner completion pwsh | Out-String | Invoke-Expression',
  },
  async run(args, io) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const shell = positionals[0];
    if (positionals.length !== 1 || !(SHELLS as readonly string[]).includes(shell)) {
      throw new UserError(`name the shell: ${SHELLS.join(', ')}`);
    }
    const { allCommands } = await import('../main.js');
    io.out(completionScript(shell as Shell, (await allCommands()).map(([name, c]) => commandWords(name, c))));
    return EXIT_OK;
  },
};

export interface CommandWords {
  name: string;
  summary: string;
  /** Flags the command takes, long and short. */
  flags: string[];
  /** Words a flag's value is one of ("--format" → json, drawio, …). */
  values: Record<string, string[]>;
  /** Fixed words in place of a file (bench fabric, completion bash). */
  words: string[];
}

/** What a shell needs to know of a command, read from its documented options. */
export function commandWords(name: string, command: Command): CommandWords {
  const flags: string[] = [];
  const values: Record<string, string[]> = {};
  const words: string[] = [];
  for (const key of Object.keys(command.options)) {
    const parts = key.split(/[ ,]+/).filter(Boolean);
    const names = parts.filter((p) => p.startsWith('-'));
    if (!names.length) {
      words.push(...parts.filter((p) => /^[a-z][a-z0-9-]*$/.test(p)));
      continue;
    }
    flags.push(...names);
    const choice = parts.find((p) => !p.startsWith('-') && p.includes('|') && p === p.toLowerCase());
    if (choice) for (const n of names) values[n] = choice.split('|');
  }
  flags.push('--help');
  return { name, summary: command.summary, flags, values, words };
}

export function completionScript(shell: Shell, commands: CommandWords[]): string {
  if (shell === 'bash') return bashScript(commands);
  if (shell === 'zsh') return zshScript(commands);
  return pwshScript(commands);
}

// Only our own command and flag names go into the scripts; they are plain words, so no quoting games.
function bashScript(commands: CommandWords[]): string {
  const cases = commands.map((c) => {
    const valueCases = Object.entries(c.values).map(([flag, vs]) => `        ${flag}) COMPREPLY=($(compgen -W "${vs.join(' ')}" -- "$cur")); return ;;`);
    return [
      `    ${c.name})`,
      '      case "$prev" in',
      ...valueCases,
      '      esac',
      '      if [[ "$cur" == -* ]]; then',
      `        COMPREPLY=($(compgen -W "${c.flags.join(' ')}" -- "$cur"))`,
      c.words.length ? `      elif [[ $COMP_CWORD -eq 2 ]]; then\n        COMPREPLY=($(compgen -W "${c.words.join(' ')}" -- "$cur"))` : null,
      '      else',
      '        COMPREPLY=($(compgen -f -- "$cur"))',
      '      fi',
      '      ;;',
    ]
      .filter((line) => line !== null)
      .join('\n');
  });
  return [
    '# lab-planner bash completion: eval "$(lab-planner completion bash)"',
    '_lab_planner() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  if [[ $COMP_CWORD -eq 1 ]]; then',
    `    COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')} --help --version" -- "$cur"))`,
    '    return',
    '  fi',
    '  case "${COMP_WORDS[1]}" in',
    ...cases,
    '  esac',
    '}',
    'complete -o filenames -F _lab_planner lab-planner',
    '',
  ].join('\n');
}

function zshScript(commands: CommandWords[]): string {
  const described = commands.map((c) => `    '${c.name}:${c.summary.replace(/'/g, "'\\''").replace(/:/g, '\\:')}'`);
  const cases = commands.map((c) => {
    const values = Object.entries(c.values).map(([flag, vs]) => `        ${flag}) compadd -- ${vs.join(' ')}; return ;;`);
    return [
      `    ${c.name})`,
      '      case "${words[CURRENT-1]}" in',
      ...values,
      '      esac',
      `      if [[ "\${words[CURRENT]}" == -* ]]; then compadd -- ${c.flags.join(' ')}`,
      c.words.length ? `      elif (( CURRENT == 3 )); then compadd -- ${c.words.join(' ')}` : null,
      '      else _files; fi',
      '      ;;',
    ]
      .filter((line) => line !== null)
      .join('\n');
  });
  return [
    '#compdef lab-planner',
    '# lab-planner zsh completion: eval "$(lab-planner completion zsh)" after compinit',
    '_lab_planner() {',
    '  local -a commands',
    '  commands=(',
    ...described,
    '  )',
    '  if (( CURRENT == 2 )); then _describe command commands; return; fi',
    '  case "${words[2]}" in',
    ...cases,
    '  esac',
    '}',
    'compdef _lab_planner lab-planner',
    '',
  ].join('\n');
}

function pwshScript(commands: CommandWords[]): string {
  const table = commands.map((c) => {
    const values = Object.entries(c.values).map(([flag, vs]) => `'${flag}' = @(${vs.map((v) => `'${v}'`).join(', ')})`);
    return [
      `  '${c.name}' = @{`,
      `    Summary = '${c.summary.replace(/'/g, "''")}'`,
      `    Flags = @(${c.flags.map((f) => `'${f}'`).join(', ')})`,
      `    Words = @(${c.words.map((w) => `'${w}'`).join(', ')})`,
      `    Values = @{ ${values.join('; ')} }`,
      '  }',
    ].join('\n');
  });
  return [
    '# lab-planner PowerShell completion: lab-planner completion pwsh | Out-String | Invoke-Expression',
    '$LabPlannerCommands = @{',
    ...table,
    '}',
    'Register-ArgumentCompleter -Native -CommandName lab-planner -ScriptBlock {',
    '  param($wordToComplete, $commandAst, $cursorPosition)',
    '  $words = @($commandAst.CommandElements | ForEach-Object { $_.ToString() })',
    '  if ($wordToComplete -ne \'\') { $words = $words[0..($words.Count - 2)] }',
    '  if ($words.Count -le 1) {',
    '    $LabPlannerCommands.Keys | Sort-Object | Where-Object { $_ -like "$wordToComplete*" } |',
    '      ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, \'ParameterValue\', $LabPlannerCommands[$_].Summary) }',
    '    return',
    '  }',
    '  $spec = $LabPlannerCommands[$words[1]]',
    '  if (-not $spec) { return }',
    '  $prev = $words[-1]',
    '  if ($spec.Values.ContainsKey($prev)) { $candidates = $spec.Values[$prev] }',
    '  elseif ($wordToComplete -like \'-*\') { $candidates = $spec.Flags }',
    '  elseif ($words.Count -eq 2 -and $spec.Words.Count) { $candidates = $spec.Words }',
    '  else { return }',
    '  $candidates | Where-Object { $_ -like "$wordToComplete*" } |',
    '    ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, \'ParameterValue\', $_) }',
    '}',
    '',
  ].join('\n');
}
