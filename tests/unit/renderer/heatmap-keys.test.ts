// The heatmap's keyboard: one Tab stop, arrows to the nearest square that opens, Home/End along a row or the heatmap.
import { describe, expect, it } from 'vitest';
import { squareAfterKey, tabStopOf } from '../../../src-renderer/components/heatmap.js';

// Three VMs by four cases; "." is a square no case touches (nothing to open).
const grid = ['x.xx', '..x.', 'xx..'];
const size = { rows: grid.length, columns: grid[0].length };
const opens = (r: number, c: number) => grid[r][c] === 'x';
const move = (row: number, column: number, key: string, ctrl = false) => squareAfterKey({ row, column }, key, ctrl, size, opens);

describe('squareAfterKey', () => {
  it('moves by the arrows to the nearest square that opens, skipping untouched ones', () => {
    expect(move(0, 0, 'ArrowRight')).toEqual({ row: 0, column: 2 });
    expect(move(0, 2, 'ArrowLeft')).toEqual({ row: 0, column: 0 });
    expect(move(0, 0, 'ArrowDown')).toEqual({ row: 2, column: 0 });
    expect(move(2, 0, 'ArrowUp')).toEqual({ row: 0, column: 0 });
    expect(move(0, 2, 'ArrowDown')).toEqual({ row: 1, column: 2 });
  });

  it('stays put at the edges and for keys it does not know', () => {
    expect(move(0, 3, 'ArrowRight')).toBeNull();
    expect(move(0, 0, 'ArrowUp')).toBeNull();
    expect(move(1, 2, 'ArrowDown')).toBeNull();
    expect(move(0, 0, 'PageDown')).toBeNull();
    expect(move(0, 0, 'a')).toBeNull();
  });

  it('goes to the first and last square of the row with Home and End, of the heatmap with Ctrl', () => {
    expect(move(0, 2, 'Home')).toEqual({ row: 0, column: 0 });
    expect(move(0, 0, 'End')).toEqual({ row: 0, column: 3 });
    expect(move(1, 2, 'Home')).toEqual({ row: 1, column: 2 });
    expect(move(1, 2, 'End', true)).toEqual({ row: 2, column: 1 });
    expect(move(2, 1, 'Home', true)).toEqual({ row: 0, column: 0 });
  });
});

describe('tabStopOf', () => {
  it('is the square the keyboard was on while it is shown and opens, else the first square', () => {
    expect(tabStopOf(null, size, opens)).toEqual({ row: 0, column: 0 });
    expect(tabStopOf({ row: 1, column: 2 }, size, opens)).toEqual({ row: 1, column: 2 });
    // Filtered or paged away, or a square that no longer opens: back to the first.
    expect(tabStopOf({ row: 5, column: 2 }, size, opens)).toEqual({ row: 0, column: 0 });
    expect(tabStopOf({ row: 1, column: 1 }, size, opens)).toEqual({ row: 0, column: 0 });
    expect(tabStopOf(null, { rows: 0, columns: 0 }, opens)).toBeNull();
  });
});
