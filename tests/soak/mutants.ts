// Seeded fuzzers of the file store: mutated `.lab` bytes, mutated `.lab` rows (values of the wrong
// type, size or reference written with sqlite), and mutated `.lab.json` documents. Whatever they
// hold, the store answers with the lab or a LabFileError of one line — never another exception —
// and reading never changes a file.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { appendRunHistory, createLabFile, exportLabJson, importLabJson, LabFileError, listRunHistory, openLabFile } from '../../src-main/store/index.js';
import { richLab, sampleReport } from '../fixtures/store/samples.js';
import { seededRandom } from '../unit/store/crafted.js';
import { folderState } from './folder-state.js';

export interface MutantFigures {
  fuzzer: string;
  mutants: number;
  /** How each mutant was answered: 'opened' or the LabFileError reason. */
  outcomes: Record<string, number>;
  /** Anything but a lab or a one-line LabFileError, or a file changed by reading: must be empty. */
  failures: string[];
}

type Random = () => number;
const int = (random: Random, below: number) => Math.floor(random() * below);
const pick = <T>(random: Random, list: readonly T[]) => list[int(random, list.length)];
const PAGE = 4096;

/** One answer of the store: the outcome's name, or a failure when it broke the rules. */
function judge(figures: MutantFigures, label: string, read: () => unknown, expectedPrefix: string): void {
  try {
    read();
    figures.outcomes.opened = (figures.outcomes.opened ?? 0) + 1;
  } catch (error) {
    if (!(error instanceof LabFileError)) return void figures.failures.push(`${label} threw ${String(error).split('\n')[0]}`);
    if (!error.message.startsWith(expectedPrefix) || error.message.includes('\n')) return void figures.failures.push(`${label}: ${JSON.stringify(error.message.slice(0, 300))}`);
    figures.outcomes[error.reason] = (figures.outcomes[error.reason] ?? 0) + 1;
  }
}

function goodLab(dir: string): string {
  const path = join(dir, 'good.lab');
  createLabFile(path, richLab(), { now: '2026-03-01T08:00:00.000Z', modifiedBy: 'ana' });
  appendRunHistory(path, sampleReport(), { ranAt: '2026-03-01T09:00:00.000Z' });
  return path;
}

function withTempDir<T>(prefix: string, work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BYTE_MUTATIONS: [string, (b: Buffer, r: Random) => Buffer][] = [
  ['flip a few bytes anywhere', (b, r) => {
    for (let i = 0, n = 1 + int(r, 8); i < n; i++) b[int(r, b.length)] ^= 1 + int(r, 255);
    return b;
  }],
  ['flip a byte of the header', (b, r) => ((b[int(r, 100)] ^= 1 + int(r, 255)), b)],
  ['zero a page', (b, r) => {
    const start = int(r, b.length / PAGE) * PAGE;
    return b.fill(0, start, start + PAGE);
  }],
  ['scribble over a page', (b, r) => {
    const start = int(r, b.length / PAGE) * PAGE;
    for (let i = start; i < start + PAGE; i++) b[i] = int(r, 256);
    return b;
  }],
  ['copy one page over another', (b, r) => {
    const pages = b.length / PAGE;
    b.copy(b, int(r, pages) * PAGE, int(r, pages) * PAGE, int(r, pages) * PAGE + PAGE);
    return b;
  }],
  ['cut the file short', (b, r) => b.subarray(0, int(r, b.length))],
];

/** Mutated bytes of a good `.lab` file, opened and its history listed. */
export function fuzzLabBytes(mutants: number, seed: number): MutantFigures {
  return withTempDir('lab-planner-bytes-', (dir) => {
    const original = readFileSync(goodLab(dir));
    const random = seededRandom(seed);
    const figures: MutantFigures = { fuzzer: 'lab file bytes', mutants, outcomes: {}, failures: [] };
    for (let i = 0; i < mutants; i++) {
      const [kind, mutate] = BYTE_MUTATIONS[i % BYTE_MUTATIONS.length];
      const path = join(dir, `mutant-${i}.lab`);
      writeFileSync(path, mutate(Buffer.from(original), random));
      const before = folderState(dir);
      judge(figures, `mutant ${i} (${kind})`, () => openLabFile(path, { migrate: 'memory' }), `${path}: `);
      judge(figures, `mutant ${i} (${kind}) history`, () => listRunHistory(path, { migrate: 'memory' }), `${path}: `);
      if (JSON.stringify(folderState(dir)) !== JSON.stringify(before)) figures.failures.push(`mutant ${i} (${kind}) changed a file`);
      unlinkSync(path);
    }
    return figures;
  });
}

/** Values a damaged or hand-edited file might hold in any column. */
const ODD_VALUES: ((r: Random) => unknown)[] = [
  () => null,
  () => '',
  (r) => int(r, 2 ** 31) - 2 ** 30,
  (r) => r() * 1e300,
  () => -0.0,
  () => 'x'.repeat(70_000),
  () => Buffer.from([0xff, 0xfe, 0x00, 0x41]),
  () => '{"not": "closed"',
  () => '[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]',
  () => 'HostZ',
  () => '00-15-5D-00-00-00',
  () => '999.1.1.1',
  () => 'dynamic',
  () => '\u0000\u202e<script>',
  () => 9007199254740993n,
];

/** Mutated rows of a good `.lab` file: one column of one row set to an odd value, or rows deleted or duplicated. */
export function fuzzLabRows(mutants: number, seed: number): MutantFigures {
  return withTempDir('lab-planner-rows-', (dir) => {
    const good = goodLab(dir);
    const random = seededRandom(seed);
    const figures: MutantFigures = { fuzzer: 'lab file rows', mutants, outcomes: {}, failures: [] };
    const probe = new Database(good, { readonly: true });
    const tables = (probe.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).map((name) => ({
      name,
      columns: (probe.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name),
    }));
    probe.close();
    for (let i = 0; i < mutants; i++) {
      const path = join(dir, `mutant-${i}.lab`);
      copyFileSync(good, path);
      const db = new Database(path);
      db.pragma('journal_mode = DELETE');
      db.pragma('foreign_keys = OFF');
      db.defaultSafeIntegers(true);
      const table = pick(random, tables);
      const column = pick(random, table.columns);
      const what = int(random, 10);
      try {
        if (what < 7) db.prepare(`UPDATE "${table.name}" SET "${column}" = ? WHERE rowid IN (SELECT rowid FROM "${table.name}" ORDER BY random() LIMIT ?)`).run(pick(random, ODD_VALUES)(random), 1 + int(random, 3));
        else if (what < 9) db.prepare(`DELETE FROM "${table.name}" WHERE rowid IN (SELECT rowid FROM "${table.name}" ORDER BY rowid LIMIT 1 OFFSET ?)`).run(int(random, 4));
        else db.exec(`INSERT INTO "${table.name}" SELECT * FROM "${table.name}" LIMIT 1`);
      } catch {
        // A constraint refused the mutation: the file stays as good as it was, which is a mutant too.
      }
      db.close();
      const before = folderState(dir);
      judge(figures, `row mutant ${i} (${table.name}.${column})`, () => openLabFile(path, { migrate: 'memory' }), `${path}: `);
      if (JSON.stringify(folderState(dir)) !== JSON.stringify(before)) figures.failures.push(`row mutant ${i} changed a file`);
      unlinkSync(path);
    }
    return figures;
  });
}

/** A copy of a JSON value with one seeded change somewhere inside: a key dropped, a value replaced or duplicated. */
function mutateValue(value: unknown, random: Random): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const visit = (v: unknown) => {
    if (typeof v !== 'object' || v === null) return;
    containers.push(v as Record<string, unknown>);
    for (const child of Object.values(v)) visit(child);
  };
  visit(copy);
  const target = pick(random, containers);
  const keys = Object.keys(target);
  if (!keys.length) return copy;
  const key = pick(random, keys);
  const replacements: (() => unknown)[] = [
    () => undefined,
    () => null,
    () => pick(random, ODD_VALUES)(random),
    () => ({}),
    () => [],
    () => [(target as Record<string, unknown>)[key], (target as Record<string, unknown>)[key]],
    () => Number.MAX_SAFE_INTEGER,
    () => -1,
    () => true,
    () => '__proto__',
    () => ({ __proto__: { polluted: true } }),
  ];
  const drawn = pick(random, replacements)();
  const next = typeof drawn === 'bigint' ? Number(drawn) : Buffer.isBuffer(drawn) ? drawn.toString('latin1') : drawn;
  if (Array.isArray(target)) target[Number(key)] = next;
  else if (next === undefined) delete target[key];
  else target[key] = next;
  return copy;
}

/** Mutated `.lab.json` documents (several changes each), imported; those that import are saved and reopened. */
export function fuzzLabDocuments(mutants: number, seed: number): MutantFigures {
  return withTempDir('lab-planner-documents-', (dir) => {
    const good = JSON.parse(exportLabJson(importLabJson(JSON.stringify(richLab())).lab)) as unknown;
    const random = seededRandom(seed);
    const figures: MutantFigures = { fuzzer: 'lab documents', mutants, outcomes: {}, failures: [] };
    for (let i = 0; i < mutants; i++) {
      let document = good;
      for (let n = 1 + int(random, 4); n > 0; n--) document = mutateValue(document, random);
      let text = JSON.stringify(document);
      if (random() < 0.05) text = `\uFEFF${text}`;
      if (random() < 0.05) text = text.slice(0, int(random, text.length));
      const name = `mutant-${i}.lab.json`;
      judge(figures, `document mutant ${i}`, () => {
        const { lab } = importLabJson(text, name);
        const path = join(dir, `mutant-${i}.lab`);
        createLabFile(path, lab);
        if (exportLabJson(openLabFile(path).lab) !== exportLabJson(lab)) throw new Error('the saved lab reads back different');
        unlinkSync(path);
      }, `${name}: `);
    }
    return figures;
  });
}
