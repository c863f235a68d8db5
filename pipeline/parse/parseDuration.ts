import { parseDecimal } from './parseDecimal.ts';
import { parsed, rejected, type ParseResult } from './parseResult.ts';
import { excerpt } from './excerpt.ts';

/** Length of each unit in days: a month is 365.25 / 12 = 30.4375 days, a year 12 months. */
export const DAYS_PER_UNIT = { days: 1, weeks: 7, months: 30.4375, years: 365.25 } as const;
export type DurationUnit = keyof typeof DAYS_PER_UNIT;

const UNIT_WORDS: Record<string, DurationUnit> = {
  d: 'days',
  day: 'days',
  days: 'days',
  w: 'weeks',
  wk: 'weeks',
  wks: 'weeks',
  week: 'weeks',
  weeks: 'weeks',
  m: 'months',
  mo: 'months',
  mos: 'months',
  mon: 'months',
  mth: 'months',
  mths: 'months',
  month: 'months',
  months: 'months',
  y: 'years',
  yr: 'years',
  yrs: 'years',
  year: 'years',
  years: 'years',
};

export function isDurationUnit(unit: string): unit is DurationUnit {
  return unit in DAYS_PER_UNIT;
}

export function convertDuration(value: number, from: DurationUnit, to: DurationUnit): number {
  return (value * DAYS_PER_UNIT[from]) / DAYS_PER_UNIT[to];
}

/**
 * A duration → `unit` (months by default). Accepts `8`, `8 mo`, `8 months`, `11 days`, `3 weeks`,
 * `2 years`, `1 year 3 months`. A number without a unit is taken to be in the column's unit.
 */
export function parseDuration(text: string, unit: DurationUnit = 'months'): ParseResult<number> {
  const typed = text.trim().toLowerCase();
  const bare = parseDecimal(typed);
  if (bare !== null) return parsed(bare);
  // A sign before a duration with units belongs to all of it: "-3 months" is read as -3, as "-3" is,
  // so that the column's range check reports it as impossible rather than as unreadable.
  const sign = /^([-+])(?=\d)/.exec(typed);
  const t = sign ? typed.slice(sign[0].length) : typed;
  const piece = /(\d+(?:[.,]\d+)?)\s*([a-z]+)\.?\s*(?:and\s+|,\s*)?/gy;
  let total = 0;
  let consumed = 0;
  for (let m = piece.exec(t); m; m = piece.exec(t)) {
    const from = UNIT_WORDS[m[2]!];
    if (!from)
      return rejected(
        `"${excerpt(text)}" has an unknown unit "${excerpt(m[2]!)}" (use days, weeks, months or years)`,
      );
    total += convertDuration(parseDecimal(m[1]!)!, from, unit);
    consumed = piece.lastIndex;
  }
  if (consumed === 0 || consumed !== t.length) {
    return rejected(
      `"${excerpt(text)}" is not a duration (expected e.g. "8", "8 months", "11 days", "2 years")`,
    );
  }
  return parsed(sign?.[1] === '-' ? -total : total);
}
