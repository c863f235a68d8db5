import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../pipeline/parse/parseDecimal.ts';

describe('parseDecimal', () => {
  it.each([
    ['54', 54],
    [' 7 ', 7],
    ['9.5', 9.5],
    ['9,5', 9.5],
    ['-3', -3],
    ['+3', 3],
    ['-0,25', -0.25],
    ['.5', 0.5],
    [',5', 0.5],
    ['007', 7],
  ])('reads %j as %d', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  // A point is always the decimal mark; a comma is one too, except before exactly three digits,
  // where it could be a thousands separator (1,000 = one thousand in English, 1.000 in Europe).
  it.each([
    ['1.000', 1],
    ['1,0005', 1.0005],
    ['12,50', 12.5],
  ])('reads %j as %d', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each(['1,000', '250,000', '-1,500'])('refuses the ambiguous %j', (text) => {
    expect(parseDecimal(text)).toBeNull();
  });

  it.each([
    '1,000,000',
    '1.000,5',
    '1 000',
    '1e3',
    '0x10',
    'Infinity',
    'NaN',
    '5.',
    '',
    ' ',
    'abc',
    '7O',
    '--3',
    '3-',
  ])('rejects %j', (text) => {
    expect(parseDecimal(text)).toBeNull();
  });
});
