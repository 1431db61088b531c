// Small seeded runs of the store fuzzers (tests/soak/mutants.ts); `npm run soak` runs them long.
import { describe, expect, it } from 'vitest';
import { fuzzLabBytes, fuzzLabDocuments, fuzzLabRows } from '../../soak/mutants.js';

describe('the store, fed mutants (fixed seeds)', () => {
  it('answers 150 mutated .lab files with the lab or a one-line LabFileError, and never changes them', () => {
    const figures = fuzzLabBytes(150, 20261126);
    expect(figures.failures).toEqual([]);
    // The mutations reach past the header checks into SQLite and the document checks.
    expect(Object.keys(figures.outcomes).length).toBeGreaterThan(3);
  });

  it('answers 200 .lab files with odd values, missing or duplicated rows the same way', () => {
    const figures = fuzzLabRows(200, 11);
    expect(figures.failures).toEqual([]);
    expect(figures.outcomes['invalid-document']).toBeGreaterThan(0);
  });

  it('answers 300 mutated .lab.json documents the same way; those that import save and read back unchanged', () => {
    const figures = fuzzLabDocuments(300, 12);
    expect(figures.failures).toEqual([]);
    expect(figures.outcomes.opened).toBeGreaterThan(0);
    expect(figures.outcomes['invalid-document']).toBeGreaterThan(0);
  });
});
