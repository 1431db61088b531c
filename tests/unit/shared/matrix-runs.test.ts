// A failure's pinged VMs travel as runs of consecutive heatmap rows, so a whole-lab failure of a 1,000-VM lab is two
// numbers, not a thousand; the window reads them back as the same rows in the same order.
import { describe, it, expect } from 'vitest';
import { rowsOfRuns, runsOfRows } from '../../../shared/matrix-view.js';

describe('pinged rows as runs', () => {
  it('writes every row of a 1,000-VM lab as one run', () => {
    const all = Array.from({ length: 1000 }, (_, i) => i);
    expect(runsOfRows(all)).toEqual([0, 1000]);
    expect(rowsOfRuns([0, 1000])).toEqual(all);
  });

  it('keeps gaps, lone rows and the order given', () => {
    const rows = [16, 17, 18, 19, 40, 3, 4, 99];
    expect(runsOfRows(rows)).toEqual([16, 4, 40, 1, 3, 2, 99, 1]);
    expect(rowsOfRuns(runsOfRows(rows))).toEqual(rows);
  });

  it('writes no rows as no runs', () => {
    expect(runsOfRows([])).toEqual([]);
    expect(rowsOfRuns([])).toEqual([]);
  });
});
