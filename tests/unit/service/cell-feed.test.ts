// The feed of matrix cells to worker threads: batches by weight, so the costliest cases go one at a time.
import { describe, it, expect } from 'vitest';
import { CellFeed } from '../../../src-main/service/matrix-threads.js';
import type { MatrixCell } from '../../../src-main/core/drills/matrix.js';

const cell = (index: number, weight: number) => ({ index, weight }) as unknown as MatrixCell & { weight: number };
const weightOf = (c: MatrixCell) => (c as MatrixCell & { weight: number }).weight;

describe('the feed of cells to the threads', () => {
  it('hands a costly cell alone and cheap cells together, up to the budget', () => {
    const feed = CellFeed.of([cell(0, 100), cell(1, 100), cell(2, 5), cell(3, 5), cell(4, 5), cell(5, 5)]);
    expect(feed.take(16, 20, weightOf).map((c) => c.index)).toEqual([0]);
    expect(feed.take(16, 20, weightOf).map((c) => c.index)).toEqual([1]);
    expect(feed.take(16, 12, weightOf).map((c) => c.index)).toEqual([2, 3]);
    expect(feed.take(1, 100, weightOf).map((c) => c.index)).toEqual([4]);
    expect(feed.waiting).toBe(1);
    expect(feed.take(16, 100, weightOf).map((c) => c.index)).toEqual([5]);
    expect(feed.take(16, 100, weightOf)).toEqual([]);
  });

  it('tells its listeners of cells pushed and of its closing, and refuses cells after that', () => {
    const feed = new CellFeed();
    const seen: string[] = [];
    const off = feed.onChange(() => seen.push(`${feed.waiting}/${feed.closed}`));
    feed.push([cell(0, 1)]);
    feed.push([]);
    feed.close();
    off();
    expect(seen).toEqual(['1/false', '1/true']);
    expect(() => feed.push([cell(1, 1)])).toThrow(/closed/);
    expect(feed.total).toBe(1);
  });

  it('lets the calling thread take the cheapest cells from the end, never a costly one, and tells the threads', () => {
    const feed = new CellFeed();
    const seen: number[] = [];
    feed.onChange(() => seen.push(feed.total));
    feed.push([cell(0, 100), cell(1, 100), cell(2, 5), cell(3, 4), cell(4, 3)]);
    expect(feed.take(1, 100, weightOf).map((c) => c.index)).toEqual([0]);
    expect(feed.takeFromEnd(2, 10, weightOf).map((c) => c.index)).toEqual([4, 3]);
    expect(feed.takeFromEnd(4, 10, weightOf).map((c) => c.index)).toEqual([2]);
    // What is left weighs more than this thread takes: it stays for the threads.
    expect(feed.takeFromEnd(4, 10, weightOf)).toEqual([]);
    expect(feed.waiting).toBe(1);
    // The threads' share shrinks by what this thread took, so a run knows when it is done.
    expect(feed.total).toBe(2);
    expect(seen).toEqual([5, 3, 2]);
    // A cell already handed to a thread is never taken back.
    expect(feed.takeFromEnd(4, 1000, weightOf).map((c) => c.index)).toEqual([1]);
    expect(feed.takeFromEnd(4, 1000, weightOf)).toEqual([]);
    expect(feed.all().map((c) => c.index)).toEqual([0]);
  });
});
