import { describe, expect, it } from 'vitest';
import { parseDecimal, plainDecimal } from '../../pipeline/parse/parseDecimal.ts';
import { seededRandom } from '../../pipeline/stats/seededRandom.ts';

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

  // A point or a comma is the decimal mark, except before exactly three digits after one to three
  // digits, where it could be a thousands separator (1,000 = one thousand in English, 1.000 in much of
  // Europe). After a leading 0 a point is a decimal mark: no one groups thousands that way.
  it.each([
    ['1,0005', 1.0005],
    ['1.0005', 1.0005],
    ['12,50', 12.5],
    ['1.00', 1],
    ['0.125', 0.125],
    ['1000.000', 1000],
  ])('reads %j as %d', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each(['1,000', '250,000', '-1,500', '1.000', '250.500', '-1.500', '+999.999'])(
    'refuses the ambiguous %j',
    (text) => {
      expect(parseDecimal(text)).toBeNull();
    },
  );

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

describe('plainDecimal', () => {
  const plain = (t: string) => plainDecimal(`;${t};`, 1, 1 + t.length);

  it('reads a plain decimal exactly as parseDecimal does', () => {
    const texts = [
      '0',
      '7',
      '007',
      '54',
      '12.1',
      '0.1',
      '0.3',
      '123456789012345',
      '12345678901.2345',
      '99.999',
      '1.0',
    ];
    for (const t of texts) expect(plain(t), t).toBe(parseDecimal(t));
  });

  it('agrees with parseDecimal on many random decimals', () => {
    const random = seededRandom(11);
    for (let k = 0; k < 5000; k++) {
      const whole = String(Math.floor(random() * 10 ** Math.floor(random() * 9)));
      const places = Math.floor(random() * 7);
      const fraction = Array.from({ length: places }, () => Math.floor(random() * 10)).join('');
      const t = places > 0 ? `${whole}.${fraction}` : whole;
      expect(plain(t), t).toBe(parseDecimal(t));
    }
  });

  it('leaves every other notation to parseDecimal (null)', () => {
    for (const t of [
      '',
      '.',
      '5.',
      '.5',
      '+5',
      '-5',
      ' 5',
      '5 ',
      '9,5',
      '1,000',
      '1.000',
      '12.500',
      '1.2.3',
      '1e3',
      '١٢',
      '5 cm',
      '1234567890123456',
    ])
      expect(plain(t), t).toBeNull();
  });
});
