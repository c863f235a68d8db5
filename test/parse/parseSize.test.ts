import { describe, expect, it } from 'vitest';
import { parseSize, plainSize } from '../../pipeline/parse/parseSize.ts';
import { seededRandom } from '../../pipeline/stats/seededRandom.ts';

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

describe('plainSize', () => {
  const plain = (t: string, unit = 'cm') => plainSize(`,${t},`, 1, 1 + t.length, unit);
  const read = (t: string, unit = 'cm') => {
    const r = parseSize(t, unit);
    return r.ok ? r.value : null;
  };

  it('reads the plain forms exactly as parseSize does', () => {
    const texts = [
      '11',
      '6.2 cm',
      '7.2 x 6.5 x 9.2 cm',
      '89 x 81 mm',
      '102 x 70 mm',
      '10 x 6 x 11',
      '0.5 mm',
      '3 x 12.25',
    ];
    for (const unit of ['cm', 'mm', 'm'])
      for (const t of texts) expect(plain(t, unit), `${t} in ${unit}`).toBe(read(t, unit));
  });

  it('agrees with parseSize on many random sizes', () => {
    const random = seededRandom(5);
    const decimal = () => (random() < 0.5 ? String(Math.floor(random() * 200)) : (random() * 30).toFixed(1));
    for (let k = 0; k < 3000; k++) {
      const dims = Array.from({ length: 1 + Math.floor(random() * 3) }, decimal).join(' x ');
      const t = dims + ['', ' cm', ' mm'][Math.floor(random() * 3)]!;
      expect(plain(t), t).toBe(read(t));
    }
  });

  it('leaves every other notation to parseSize (null)', () => {
    for (const t of [
      '',
      '12 m',
      '12cm',
      '12 CM',
      '10 X 6',
      '10x6',
      '10 by 6 cm',
      '10 × 6 cm',
      '10 x  6',
      '12 cm.',
      ' 12',
      '9,5 cm',
      'cm',
      ' cm',
      '5 km',
      '5 xm',
    ])
      expect(plain(t), t).toBeNull();
    expect(plain('11', 'inch')).toBeNull();
  });
});
