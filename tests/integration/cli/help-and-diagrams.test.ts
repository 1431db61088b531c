// The command line a newcomer reads: the overview, each command's options, the version, shell
// completion, and the topology exported as diagrams.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import { allCommands } from '../../../src-main/cli/main.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(root, 'bin/lab-planner.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
const FIELD_REPORT = 'examples/field-report.lab.json';

describe('lab-planner --help', () => {
  it('gives every command with its one-line summary', async () => {
    const run = cli('--help');
    expect(run.status).toBe(0);
    const commands = await allCommands();
    expect(commands.length).toBeGreaterThanOrEqual(15);
    for (const [name, command] of commands) {
      expect(command.summary).not.toContain('\n');
      expect(run.stdout).toMatch(new RegExp(`^ {2}${name} +${command.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    }
  });

  it('says what to do when no command is given, on stderr, with exit 2', () => {
    const run = cli();
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: lab-planner <command> [options]');
  });

  it('names an unknown command and lists the real ones', () => {
    const run = cli('drils');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown command "drils"[\s\S]+ {2}drill +Runs the drills/);
  });

  it('--version prints the version and ends with a newline', () => {
    const run = cli('--version');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('lab-planner CMD --help', () => {
  it('describes every option its usage line names, for every command', async () => {
    for (const [name] of await allCommands()) {
      const run = cli(name, '--help');
      expect(run.status, name).toBe(0);
      const usage = run.stdout.match(/^Usage: (.*)$/m)?.[1] ?? '';
      expect(usage.startsWith(`lab-planner ${name}`), name).toBe(true);
      const flags = [...usage.matchAll(/(?<=[\s[|])(--?[a-z][a-z-]*)/g)].map((m) => m[1]);
      const options = run.stdout.slice(run.stdout.indexOf('Options:'));
      expect(options.length, `${name} has an options section`).toBeGreaterThan(10);
      for (const flag of flags) expect(options, `${name} ${flag}`).toMatch(new RegExp(`^ {2}(?:-\\w, )?${flag}\\b.* {2}\\S`, 'm'));
    }
  });

  it('wraps long option texts under their column', () => {
    const lines = cli('export', '--help').stdout.split('\n');
    expect(Math.max(...lines.filter((l) => !l.startsWith('Usage:')).map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(lines.some((l) => /^ {30,}\S/.test(l))).toBe(true);
  });
});

describe('lab-planner completion', () => {
  const bashComplete = (script: string, words: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-planner-completion-'));
    const file = join(dir, 'completion.bash');
    writeFileSync(file, script);
    const quoted = words.map((w) => `'${w}'`).join(' ');
    const run = spawnSync('bash', ['-c', `source '${file}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _lab_planner; printf '%s\\n' "\${COMPREPLY[@]}"`], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    return run.stdout.split('\n').filter(Boolean);
  };

  it('bash completes commands, each command’s flags and the values a flag takes', () => {
    const run = cli('completion', 'bash');
    expect(run.status).toBe(0);
    expect(bashComplete(run.stdout, ['lab-planner', 'ma'])).toEqual(['matrix']);
    expect(bashComplete(run.stdout, ['lab-planner', ''])).toEqual(expect.arrayContaining(['drill', 'export', 'completion', '--help']));
    expect(bashComplete(run.stdout, ['lab-planner', 'export', 'x.lab', '--format', ''])).toEqual(['json', 'drawio', 'mermaid', 'svg']);
    expect(bashComplete(run.stdout, ['lab-planner', 'drill', 'x.lab', '--'])).toEqual(expect.arrayContaining(['--drill', '--seed', '--json', '--record', '--pcap', '--capture', '--help']));
    expect(bashComplete(run.stdout, ['lab-planner', 'matrix', 'x', '--depth', ''])).toEqual(['1', '2']);
    expect(bashComplete(run.stdout, ['lab-planner', 'completion', ''])).toEqual(['bash', 'zsh', 'pwsh']);
  });

  it('writes zsh and PowerShell scripts that name every command and its flags', async () => {
    const zsh = cli('completion', 'zsh').stdout;
    const pwsh = cli('completion', 'pwsh').stdout;
    expect(zsh.split('\n')[0]).toBe('#compdef lab-planner');
    expect(zsh).toContain('compdef _lab_planner lab-planner');
    expect(pwsh).toContain('Register-ArgumentCompleter -Native -CommandName lab-planner');
    for (const [name, command] of await allCommands()) {
      expect(zsh).toContain(`'${name}:`);
      expect(pwsh).toContain(`'${name}' = @{`);
      expect(pwsh).toContain(`Summary = '${command.summary.replace(/'/g, "''")}'`);
    }
    expect(zsh).toContain('--format) compadd -- json drawio mermaid svg');
    expect(pwsh).toContain("'--format' = @('json', 'drawio', 'mermaid', 'svg')");
    // Balanced braces and quotes: the script parses in the shell (neither shell is on this machine).
    for (const script of [zsh, pwsh]) expect((script.match(/\{/g) ?? []).length).toBe((script.match(/\}/g) ?? []).length);
    for (const line of pwsh.split('\n')) expect((line.replace(/''/g, '').match(/'/g) ?? []).length % 2, line).toBe(0);
  });

  it('refuses a shell it does not know', () => {
    const run = cli('completion', 'fish');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('name the shell: bash, zsh, pwsh');
  });
});

describe('lab-planner export --format', () => {
  it('writes a draw.io file that parses as XML with one container per host', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lab-planner-drawio-')), 'field-report.drawio');
    const run = cli('export', FIELD_REPORT, '--format', 'drawio', '-o', out);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('as a drawio diagram');
    const doc = new DOMParser().parseFromString(readFileSync(out, 'utf8'), 'text/xml');
    const containers = Array.from(doc.getElementsByTagName('mxCell')).filter((c) => (c.getAttribute('style') ?? '').includes('container=1'));
    expect(containers.map((c) => c.getAttribute('value'))).toEqual(['HostA (10.0.1.10)', 'HostB (10.0.2.11)']);
  });

  it('prints Mermaid and SVG on standard output', () => {
    expect(cli('export', FIELD_REPORT, '--format', 'mermaid').stdout).toMatch(/^graph TD\n/);
    expect(cli('export', FIELD_REPORT, '--format', 'svg').stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
  });

  it('keeps JSON the default and refuses an unknown format or history with a diagram', () => {
    expect(JSON.parse(cli('export', FIELD_REPORT).stdout).format).toBe('lab-planner/lab');
    const bad = cli('export', FIELD_REPORT, '--format', 'visio');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format must be json, drawio, mermaid, svg, not "visio"');
    const mixed = cli('export', FIELD_REPORT, '--format', 'svg', '--with-history');
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain('--with-history goes with --format json only');
  });
});
