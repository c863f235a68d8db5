import { describe, expect, it } from 'vitest';
import {
  convertDuration,
  DAYS_PER_UNIT,
  isDurationUnit,
  parseDuration,
  type DurationUnit,
} from '../../pipeline/parse/parseDuration.ts';

const MONTH = 30.4375;

describe('parseDuration', () => {
  it.each([
    ['8', 8],
    [' 8 ', 8],
    ['8,5', 8.5],
    ['8 mo', 8],
    ['8 mo.', 8],
    ['8m', 8],
    ['8 months', 8],
    ['8 Months', 8],
    ['1 month', 1],
    ['11 days', 11 / MONTH],
    ['1 d', 1 / MONTH],
    ['3 weeks', 21 / MONTH],
    ['3 wks', 21 / MONTH],
    ['2 years', 24],
    ['2 yrs', 24],
    ['2.5 years', 30],
    ['2,5 years', 30],
    ['1 year 3 months', 15],
    ['1 year, 3 months', 15],
    ['1 year and 3 months', 15],
    ['1 y 2 w', 12 + 14 / MONTH],
  ])('reads %j as %d months', (text, months) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toBeCloseTo(months, 12);
  });

  it.each<[string, DurationUnit, number]>([
    ['2 weeks', 'days', 14],
    ['1 year', 'days', 365.25],
    ['1 month', 'days', MONTH],
    ['8', 'days', 8],
    ['6 months', 'years', 0.5],
    ['14 days', 'weeks', 2],
    ['1 year 6 months', 'years', 1.5],
  ])('reads %j in a column in %s as %d', (text, unit, value) => {
    const result = parseDuration(text, unit);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toBeCloseTo(value, 12);
  });

  it.each([
    ['abc', 'is not a duration'],
    ['', 'is not a duration'],
    ['months', 'is not a duration'],
    ['8 months extra', 'is not a duration'],
    ['1 year and', 'is not a duration'],
    ['2 years 6', 'is not a duration'],
    ['5 parsecs', 'has an unknown unit "parsecs"'],
    ['1 year 3 fortnights', 'has an unknown unit "fortnights"'],
  ])('rejects %j: … %s', (text, reason) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      // The message quotes the value first; the column name is added by the caller.
      expect(result.message.startsWith(`"${text}"`)).toBe(true);
      expect(result.message).toContain(reason);
    }
  });
});

describe('parseDuration: equal spans are identical numbers', () => {
  const value = (text: string, unit?: DurationUnit) => {
    const result = parseDuration(text, unit);
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };

  it.each<[string, string, DurationUnit]>([
    // Converting each piece and adding in floating point made these two 0.39425051334702255 and
    // 0.3942505133470226, and Kaplan–Meier then took a death and a censoring at the same time as two times.
    ['12 days', '1 week 5 days', 'months'],
    ['12 days', '1 w 5 d', 'months'],
    ['14 days', '2 weeks', 'months'],
    ['1 year 3 months', '15', 'months'],
    ['1 year 3 months', '15 months', 'months'],
    ['2.3 years', '27.6', 'months'],
    ['2,3 years', '27,6 months', 'months'],
    ['0.1 years', '1.2 months', 'months'],
    ['1 year 1 day', '366.25', 'days'],
    ['3 months', '0.25 years', 'years'],
    ['1 month 1 week', '37.4375 days', 'weeks'],
    ['1.5 weeks 0.5 days', '11 days', 'months'],
  ])('%j and %j are the same number of %s', (a, b, unit) => {
    expect(value(a, unit)).toBe(value(b, unit));
  });

  it('gives the nearest double to the exact span: 12 days = 12 / 30.4375 months', () => {
    expect(value('1 week 5 days')).toBe(12 / 30.4375);
    // The old sum, one rounding step away, is not what is returned.
    expect(7 / 30.4375 + 5 / 30.4375).not.toBe(12 / 30.4375);
    expect(value('2.3 years')).toBe(27.6);
    expect(value('1 month', 'days')).toBe(30.4375);
    expect(value('1 year', 'days')).toBe(365.25);
  });

  it('keeps the sign for all of a span with units, and zero as zero', () => {
    expect(value('-1 week 5 days')).toBe(-12 / 30.4375);
    expect(value('0 days')).toBe(0);
  });

  it('refuses an ambiguous thousands comma inside a span, as it does for a bare number', () => {
    const result = parseDuration('1,000 days');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('ambiguous number "1,000"');
  });
});

describe('convertDuration', () => {
  it.each<[number, DurationUnit, DurationUnit, number]>([
    [1, 'years', 'months', 12],
    [1, 'years', 'days', 365.25],
    [1, 'months', 'days', 30.4375],
    [1, 'weeks', 'days', 7],
    [365.25, 'days', 'years', 1],
    [30.4375, 'days', 'months', 1],
    [5, 'days', 'days', 5],
  ])('converts %d %s to %d %s', (value, from, to, expected) => {
    expect(convertDuration(value, from, to)).toBeCloseTo(expected, 12);
  });

  it('defines a month as 365.25 / 12 days', () => {
    expect(DAYS_PER_UNIT.months * 12).toBe(DAYS_PER_UNIT.years);
  });
});

describe('isDurationUnit', () => {
  it.each([
    ['days', true],
    ['weeks', true],
    ['months', true],
    ['years', true],
    ['month', false],
    ['mo', false],
    ['hours', false],
    ['', false],
  ])('%j → %s', (unit, expected) => {
    expect(isDurationUnit(unit)).toBe(expected);
  });
});
