import { describe, expect, it } from 'vitest';
import { sourceYear } from '../../pipeline/cohortTables/sourceYear.ts';
import type { Source } from '../../pipeline/types.ts';

const source = (year: string | undefined): Source => ({
  id: 'syn',
  line: 2,
  fields: year === undefined ? {} : { year },
});

describe('sourceYear', () => {
  it('reads a four-digit year, spaces around it allowed', () => {
    expect(sourceYear(source('2019'))).toBe(2019);
    expect(sourceYear(source(' 2005 '))).toBe(2005);
  });

  it('gives null for no year, or for a text that is not one year', () => {
    for (const text of [undefined, '', '2019a', '19', '2019-2020', 'Mar 2023'])
      expect(sourceYear(source(text)), String(text)).toBeNull();
    expect(sourceYear(undefined)).toBeNull();
  });
});
