import { describe, expect, it } from 'vitest';
import { possiblyRepeatedKeys } from '../../pipeline/parse/repeatedKeys.ts';

// Synthetic keys.
describe('possiblyRepeatedKeys', () => {
  it('marks every row whose key repeats, and none without a key', () => {
    const keys = ['a', null, 'b', 'a', 'ä', null, 'b', 'c', 'ä'];
    const mask = possiblyRepeatedKeys(keys.length, (row) => keys[row]!);
    for (let row = 0; row < keys.length; row++) {
      const key = keys[row];
      const repeated = key !== null && keys.filter((k) => k === key).length > 1;
      if (repeated) expect(mask[row], `row ${row}`).toBe(1);
      if (key === null) expect(mask[row]).toBe(0);
    }
    expect(mask[7]).toBe(0);
  });

  it('marks nothing in a table of distinct keys, or of none', () => {
    const keys = Array.from({ length: 20_000 }, (_, k) => `syn-${k}`);
    expect(possiblyRepeatedKeys(keys.length, (row) => keys[row]!).reduce((a, b) => a + b, 0)).toBeLessThan(5);
    expect([...possiblyRepeatedKeys(3, () => null)]).toEqual([0, 0, 0]);
    expect(possiblyRepeatedKeys(0, () => 'x').length).toBe(0);
  });
});
