import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../pipeline/parse/parseNumber.ts';

describe('parseNumber', () => {
  it.each<[string, string | undefined, number]>([
    ['54', undefined, 54],
    [' 54 ', undefined, 54],
    ['-3', undefined, -3],
    ['9,5', undefined, 9.5],
    ['9.5', undefined, 9.5],
    ['54', 'years', 54],
    ['54 years', 'years', 54],
    ['54 Years', 'years', 54],
    ['54 y', 'years', 54],
    ['54y', 'years', 54],
    ['54 yrs', 'years', 54],
    ['54 yo', 'years', 54],
    ['54 y/o', 'years', 54],
    ['54 years old', 'years', 54],
    ['12 cm', 'cm', 12],
    ['12cm', 'cm', 12],
    ['70 kg', 'kg', 70],
    ['3 beats', 'beats', 3],
  ])('reads %j (unit %s) as %d', (text, unit, value) => {
    expect(parseNumber(text, unit)).toEqual({ ok: true, value });
  });

  it.each<[string, string | undefined]>([
    ['abc', undefined],
    ['abc', 'years'],
    ['7O', undefined],
    ['7O', 'years'],
    ['', undefined],
    ['54 years', undefined],
    ['54 kg', 'years'],
    ['54 cm', 'mm'],
    ['1e3', undefined],
    ['54 years years', 'years'],
  ])('rejects %j (unit %s)', (text, unit) => {
    expect(parseNumber(text, unit)).toEqual({ ok: false, message: `"${text}" is not a number` });
  });
});
