import { describe, expect, it } from 'vitest';
import { formatBytes, INPUT_LIMITS } from '../../pipeline/parse/inputLimits.ts';

describe('formatBytes', () => {
  it.each([
    [1, '1 kB'],
    [1024, '1 kB'],
    [1025, '2 kB'],
    [1024 * 1024, '1 MB'],
    [INPUT_LIMITS.tableBytes, '256 MB'],
    [400 * 1024 * 1024, '400 MB'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('INPUT_LIMITS', () => {
  it('lets the 10 MB cell the pipeline promises to keep fit on one line', () => {
    expect(INPUT_LIMITS.lineChars).toBeGreaterThan(10 * 1024 * 1024);
    expect(INPUT_LIMITS.tableBytes).toBeGreaterThan(INPUT_LIMITS.lineChars);
  });
});
