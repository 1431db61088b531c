import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, jsonTextTooDeep, valueTooDeep } from '../../../shared/nesting.js';

describe('the nesting limit of requests and documents', () => {
  it('lets a lab of ordinary depth through and stops one level past the limit', () => {
    const text = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(jsonTextTooDeep(text(MAX_NESTING_DEPTH))).toBe(false);
    expect(jsonTextTooDeep(text(MAX_NESTING_DEPTH + 1))).toBe(true);
    expect(valueTooDeep(JSON.parse(text(MAX_NESTING_DEPTH)))).toBe(false);
    expect(valueTooDeep(JSON.parse(text(MAX_NESTING_DEPTH + 1)))).toBe(true);
  });

  it('does not count brackets inside names and descriptions', () => {
    expect(jsonTextTooDeep(JSON.stringify({ description: '['.repeat(10_000), note: 'say \\"[[[' }))).toBe(false);
  });

  it('walks a value that refers to itself without looping', () => {
    const lab: Record<string, unknown> = { meta: { title: 'Loop' } };
    lab.self = lab;
    expect(valueTooDeep(lab)).toBe(false);
  });
});
