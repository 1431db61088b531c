// `lab-planner merge` as engineers combine their copies, and as git's merge and diff drivers.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(root, 'bin/lab-planner.js');
const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
const fieldReport = () => JSON.parse(readFileSync(join(root, 'examples/field-report.lab.json'), 'utf8'));
type Doc = ReturnType<typeof fieldReport>;
const vm = (lab: Doc, name: string) => lab.vms.find((v: { name: string }) => v.name === name);

function copies(dir: string, ours: (lab: Doc) => void, theirs: (lab: Doc) => void) {
  const write = (name: string, change: (lab: Doc) => void) => {
    const lab = fieldReport();
    change(lab);
    writeFileSync(join(dir, name), JSON.stringify(lab, null, 2));
  };
  write('base.lab.json', () => undefined);
  write('ours.lab.json', ours);
  write('theirs.lab.json', theirs);
}

describe('lab-planner merge', () => {
  it('writes a .lab with both sides’ changes and says what it merged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-planner-merge-'));
    copies(dir, (lab) => (vm(lab, 'Guest1').initialState = 'off'), (lab) => (vm(lab, 'Guest2').ip = '1.1.1.22'));
    const run = cli(dir, 'merge', 'base.lab.json', 'ours.lab.json', 'theirs.lab.json', '-o', 'merged.lab');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Merged');
    const diff = cli(dir, 'diff', 'base.lab.json', 'merged.lab');
    expect(diff.stdout.trim().split('\n')).toEqual(['VM Guest1: initial state running → off', 'VM Guest2: IP 1.1.1.2 → 1.1.1.22']);
  });

  it('reports conflicts in the domain’s words, exits 1 and writes nothing; --theirs settles them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-planner-merge-'));
    const add = (macMode: string) => (lab: Doc) => lab.vms.push({ ...vm(lab, 'Guest2'), name: 'Guest3', ip: '1.1.1.3', macMode, staticMac: macMode === 'static' ? '00-15-5D-99-00-03' : undefined });
    copies(dir, add('static'), add('dynamic'));
    const run = cli(dir, 'merge', 'base.lab.json', 'ours.lab.json', 'theirs.lab.json', '-o', 'merged.lab.json');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('1 conflict between ours');
    expect(run.stderr).toContain('  VM Guest3: MAC mode — ours static, theirs dynamic\n');
    expect(existsSync(join(dir, 'merged.lab.json'))).toBe(false);
    const settled = cli(dir, 'merge', 'base.lab.json', 'ours.lab.json', 'theirs.lab.json', '-o', 'merged.lab.json', '--theirs');
    expect(settled.status).toBe(0);
    expect(settled.stderr).toContain('1 conflict settled with theirs');
    expect(vm(JSON.parse(readFileSync(join(dir, 'merged.lab.json'), 'utf8')), 'Guest3').macMode).toBe('dynamic');
  });

  it('validates the merged lab: a VM added on a host the other side removed is refused, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-planner-merge-'));
    copies(
      dir,
      (lab) => lab.vms.push({ name: 'Guest9', ip: '1.1.1.9', host: 'HostB', macMode: 'static', staticMac: '00-15-5D-99-00-09' }),
      (lab) => {
        lab.hosts = lab.hosts.filter((h: { name: string }) => h.name !== 'HostB');
        lab.cables = lab.cables.filter((c: { a: { host?: string }; b: { host?: string } }) => c.a.host !== 'HostB' && c.b.host !== 'HostB');
        lab.drills = lab.drills.filter((d: { steps: unknown[] }) => !JSON.stringify(d.steps).includes('HostB'));
      },
    );
    const run = cli(dir, 'merge', 'base.lab.json', 'ours.lab.json', 'theirs.lab.json', '-o', 'merged.lab');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The merged lab does not check out, so nothing was written');
    expect(run.stderr).toMatch(/vms\[\d\]\.host: .*HostB/);
    expect(existsSync(join(dir, 'merged.lab'))).toBe(false);
  });

  it('refuses --ours with --theirs and a missing output, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-planner-merge-'));
    copies(dir, () => undefined, () => undefined);
    expect(cli(dir, 'merge', 'base.lab.json', 'ours.lab.json', 'theirs.lab.json', '-o', 'x.lab', '--ours', '--theirs').status).toBe(2);
    const none = cli(dir, 'merge', 'base.lab.json', 'ours.lab.json', 'theirs.lab.json');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('say where the merged lab goes with -o OUT');
  });
});

describe('git with the Lab Planner drivers (README)', () => {
  const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8' });
  const repo = (file: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-planner-git-'));
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.email', 'engineer@example.com');
    git(dir, 'config', 'user.name', 'Engineer');
    git(dir, 'config', 'merge.lab.name', 'Lab Planner three-way merge');
    git(dir, 'config', 'merge.lab.driver', `"${process.execPath}" "${bin}" merge %O %A %B -o %A`);
    git(dir, 'config', 'diff.lab.command', `"${process.execPath}" "${bin}" diff`);
    writeFileSync(join(dir, '.gitattributes'), '*.lab merge=lab diff=lab\n*.lab.json merge=lab diff=lab\n');
    const json = join(dir, 'lab.lab.json');
    writeFileSync(json, JSON.stringify(fieldReport(), null, 2));
    if (file.endsWith('.lab')) {
      expect(cli(dir, 'import', 'lab.lab.json', '-o', file).status).toBe(0);
      git(dir, 'rm', '-q', '--cached', 'lab.lab.json');
    }
    git(dir, 'add', '.gitattributes', file);
    git(dir, 'commit', '-q', '-m', 'the field report');
    return dir;
  };
  const change = (dir: string, file: string, edit: (lab: Doc) => void) => {
    const source = join(dir, 'lab.lab.json');
    const lab = JSON.parse(readFileSync(source, 'utf8'));
    edit(lab);
    writeFileSync(source, JSON.stringify(lab, null, 2));
    if (file.endsWith('.lab')) expect(cli(dir, 'import', 'lab.lab.json', '-o', file, '--force').status).toBe(0);
  };

  for (const file of ['lab.lab.json', 'field-report.lab']) {
    it(`git merge of two branches that changed ${file} runs the three-way merge`, () => {
      const dir = repo(file);
      git(dir, 'checkout', '-q', '-b', 'ann');
      change(dir, file, (lab) => (vm(lab, 'Guest1').initialState = 'off'));
      git(dir, 'commit', '-q', '-am', 'Guest1 starts off');
      git(dir, 'checkout', '-q', 'main');
      if (file.endsWith('.lab')) writeFileSync(join(dir, 'lab.lab.json'), JSON.stringify(fieldReport(), null, 2));
      change(dir, file, (lab) => (vm(lab, 'Guest2').ip = '1.1.1.22'));
      git(dir, 'commit', '-q', '-am', 'Guest2 moves');
      const merge = git(dir, 'merge', '--no-edit', 'ann');
      expect(merge.status, merge.stdout + merge.stderr).toBe(0);
      const show = cli(dir, 'diff', join(root, 'examples/field-report.lab.json'), file);
      expect(show.stdout.trim().split('\n')).toEqual(['VM Guest1: initial state running → off', 'VM Guest2: IP 1.1.1.2 → 1.1.1.22']);
    });
  }

  it('a conflicting git merge stops with the conflict named and our copy untouched', () => {
    const file = 'lab.lab.json';
    const dir = repo(file);
    git(dir, 'checkout', '-q', '-b', 'ann');
    change(dir, file, (lab) => (lab.settings.pingIntervalMs = 250));
    git(dir, 'commit', '-q', '-am', 'faster pings');
    git(dir, 'checkout', '-q', 'main');
    change(dir, file, (lab) => (lab.settings.pingIntervalMs = 500));
    git(dir, 'commit', '-q', '-am', 'slower pings');
    const before = readFileSync(join(dir, file), 'utf8');
    const merge = git(dir, 'merge', '--no-edit', 'ann');
    expect(merge.status).not.toBe(0);
    expect(merge.stdout + merge.stderr).toContain('settings: ping interval ms — ours 500, theirs 250');
    expect(readFileSync(join(dir, file), 'utf8')).toBe(before);
  });

  it('git diff on a .lab shows the changes in the domain’s words', () => {
    const file = 'field-report.lab';
    const dir = repo(file);
    change(dir, file, (lab) => Object.assign(vm(lab, 'Guest1'), { macMode: 'static', staticMac: '00-15-5D-AA-00-01' }));
    const diff = git(dir, 'diff');
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain('diff of field-report.lab (Lab Planner)');
    expect(diff.stdout).toContain('  VM Guest1: MAC mode dynamic → static');
  });
});
