import { describe, expect, it } from 'vitest';
import { parseSize } from '../../pipeline/parse/parseSize.ts';

describe('parseSize', () => {
  it.each([
    ['11', 11],
    ['11 cm', 11],
    ['  11  ', 11],
    ['11 cm.', 11],
    ['10 x 6 x 11 cm', 11],
    ['10×6×11cm', 11],
    ['10*6', 10],
    ['10X6', 10],
    ['10 X 6 CM', 10],
    ['10 by 6 cm', 10],
    ['6 x 10', 10],
    ['9,5 cm', 9.5],
    ['9,5 x 12,25 cm', 12.25],
    ['102 x 70 mm', 10.2],
    ['10mm', 1],
    ['1.5 m', 150],
  ])('reads %j as the largest diameter %d cm', (text, cm) => {
    expect(parseSize(text)).toEqual({ ok: true, value: cm });
  });

  it.each([
    ['11', 'mm', 11],
    ['11 cm', 'mm', 110],
    ['102 x 70 mm', 'mm', 102],
    ['25 mm', 'cm', 2.5],
  ])(
    'reads %j in a column whose unit is %s as %d (a bare number is in the column unit)',
    (text, unit, value) => {
      expect(parseSize(text, unit)).toEqual({ ok: true, value });
    },
  );

  it.each([
    ['big', 'is not a size'],
    ['', 'is not a size'],
    ['cm', 'is not a size'],
    ['10 - 12 cm', 'is not a size'],
    ['10 x x 3 cm', 'has a dimension that is not a number'],
    ['10 x 6 x', 'has a dimension that is not a number'],
    ['x 6', 'has a dimension that is not a number'],
    ['10 x big cm', 'has a dimension that is not a number'],
  ])('rejects %j: … %s', (text, reason) => {
    const result = parseSize(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      // The message quotes the value first; the column name is added by the caller.
      expect(result.message.startsWith(`"${text}"`)).toBe(true);
      expect(result.message).toContain(reason);
    }
  });

  it('rejects a column unit that is not a length unit', () => {
    expect(parseSize('11', 'in')).toEqual({ ok: false, message: 'size unit "in" is not one of mm, cm, m' });
  });
});
