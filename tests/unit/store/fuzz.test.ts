import { describe, expect, it } from 'vitest';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLabFile, listRunHistory, appendRunHistory, LabFileError } from '../../../src-main/store/index.js';
import { sampleReport } from '../../fixtures/store/samples.js';
import { seededRandom } from './crafted.js';
import { folderState, goodFile } from './helpers.js';

const MUTANTS = 150;
const PAGE = 4096;

type Mutation = (bytes: Buffer, random: () => number) => Buffer;
const int = (random: () => number, below: number) => Math.floor(random() * below);

const MUTATIONS: [string, Mutation][] = [
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

describe('the opener, fed mutated copies of a good lab file', () => {
  it(`never throws anything but a LabFileError and never changes the file (${MUTANTS} mutants, fixed seed)`, () => {
    const { dir, path: good } = goodFile();
    appendRunHistory(good, sampleReport(), { ranAt: '2026-03-01T09:00:00.000Z' });
    const original = readFileSync(good);
    const random = seededRandom(20261126);
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < MUTANTS; i++) {
      const [kind, mutate] = MUTATIONS[i % MUTATIONS.length];
      const path = join(dir, `mutant-${i}.lab`);
      writeFileSync(path, mutate(Buffer.from(original), random));
      const before = folderState(dir);
      for (const read of [() => openLabFile(path, { migrate: 'memory' }), () => listRunHistory(path, { migrate: 'memory' })]) {
        try {
          read();
          outcomes.opened = (outcomes.opened ?? 0) + 1;
        } catch (error) {
          if (!(error instanceof LabFileError)) throw new Error(`mutant ${i} (${kind}) threw ${String(error)}`);
          expect(error.message.startsWith(`${path}: `)).toBe(true);
          outcomes[error.reason] = (outcomes[error.reason] ?? 0) + 1;
        }
      }
      expect(folderState(dir), `mutant ${i} (${kind}) changed a file`).toEqual(before);
      unlinkSync(path);
    }
    // The mutations reach past the header checks into SQLite and the document checks.
    expect(Object.keys(outcomes).length).toBeGreaterThan(3);
  });
});
