import { describe, expect, it } from 'vitest';
import { PUBLICATION_YEARS, sourceYear, yearProblem } from '../../pipeline/cohortTables/sourceYear.ts';

describe('yearProblem', () => {
  it.each(['', '  ', '1800', '2019', ' 2023 ', String(new Date().getUTCFullYear() + 1)])(
    'accepts %j',
    (text) => {
      expect(yearProblem(text)).toBeNull();
    },
  );

  it.each(['20199', '9999', '1799', '1019', String(new Date().getUTCFullYear() + 2), '2019a', 'n.d.', '19'])(
    'refuses %j',
    (text) => {
      expect(yearProblem(text)).toBe(
        `is not a publication year from 1800 to ${PUBLICATION_YEARS.last} (leave it empty when the source gives none)`,
      );
    },
  );

  it('sourceYear reads the year a source gives', () => {
    expect(sourceYear({ id: 'a', line: 2, fields: { year: ' 2019 ' } })).toBe(2019);
    expect(sourceYear({ id: 'a', line: 2, fields: { year: '' } })).toBeNull();
  });
});
