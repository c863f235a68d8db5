import { isAmbiguousThousands, parseDecimal } from './parseDecimal.ts';
import { ambiguousNumberMessage } from './parseNumber.ts';
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
 * Each unit in sixteenths of a day, all integers: a month is 30.4375 = 487/16 days, a year 365.25 = 5844/16.
 * A span is added up exactly in these, so that equal spans in different spellings give the same number.
 */
const SIXTEENTHS_PER_UNIT: Record<DurationUnit, bigint> = {
  days: 16n,
  weeks: 112n,
  months: 487n,
  years: 5844n,
};

/** An exact decimal as digits × 10^-scale: "8,25" → { digits: 825n, scale: 2 }. */
function exactDecimal(text: string): { digits: bigint; scale: number } {
  const [whole, fraction = ''] = text.split(/[.,]/);
  return { digits: BigInt(whole! + fraction), scale: fraction.length };
}

function greatestCommonDivisor(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * numerator / denominator (positive integers) as the nearest double. Reduced, both are exact doubles
 * (below 2^53) for any duration a person types, and then the one division is correctly rounded; only a
 * number typed with more than ~15 significant digits can end a rounding step off.
 */
function divideExactly(numerator: bigint, denominator: bigint): number {
  const common = greatestCommonDivisor(numerator, denominator);
  return Number(numerator / common) / Number(denominator / common);
}

/**
 * A duration → `unit` (months by default). Accepts `8`, `8 mo`, `8 months`, `11 days`, `3 weeks`,
 * `2 years`, `1 year 3 months`. A number without a unit is taken to be in the column's unit.
 *
 * The pieces are added up exactly (in sixteenths of a day) and converted to `unit` once, with one rounding,
 * so equal spans give identical numbers however they are written: `12 days` and `1 week 5 days`,
 * `2.3 years` and `27.6` months. Converting each piece and adding the results in floating point would leave
 * them a rounding step apart, and Kaplan–Meier would take a death and a censoring at the same time as two
 * times.
 */
export function parseDuration(text: string, unit: DurationUnit = 'months'): ParseResult<number> {
  const typed = text.trim().toLowerCase();
  const bare = parseDecimal(typed);
  if (bare !== null) return parsed(bare);
  if (isAmbiguousThousands(typed)) return rejected(ambiguousNumberMessage(text));
  // A sign before a duration with units belongs to all of it: "-3 months" is read as -3, as "-3" is,
  // so that the column's range check reports it as impossible rather than as unreadable.
  const sign = /^([-+])(?=\d)/.exec(typed);
  const t = sign ? typed.slice(sign[0].length) : typed;
  const piece = /(\d+(?:[.,]\d+)?)\s*([a-z]+)\.?\s*(?:and\s+|,\s*)?/gy;
  // The span is Σ digits × sixteenths × 10^-scale; kept over the common denominator 10^scale.
  let sixteenths = 0n;
  let scale = 0;
  let consumed = 0;
  for (let m = piece.exec(t); m; m = piece.exec(t)) {
    const from = UNIT_WORDS[m[2]!];
    if (!from)
      return rejected(
        `"${excerpt(text)}" has an unknown unit "${excerpt(m[2]!)}" (use days, weeks, months or years)`,
      );
    // The same refusal as for a bare number: "1,000 days" is one thousand or one.
    if (parseDecimal(m[1]!) === null) return rejected(`"${excerpt(text)}" has an ambiguous number "${m[1]}"`);
    const amount = exactDecimal(m[1]!);
    if (amount.scale > scale) {
      sixteenths *= 10n ** BigInt(amount.scale - scale);
      scale = amount.scale;
    }
    sixteenths += amount.digits * SIXTEENTHS_PER_UNIT[from] * 10n ** BigInt(scale - amount.scale);
    consumed = piece.lastIndex;
  }
  if (consumed === 0 || consumed !== t.length) {
    return rejected(
      `"${excerpt(text)}" is not a duration (expected e.g. "8", "8 months", "11 days", "2 years")`,
    );
  }
  const total =
    sixteenths === 0n ? 0 : divideExactly(sixteenths, 10n ** BigInt(scale) * SIXTEENTHS_PER_UNIT[unit]);
  return parsed(sign?.[1] === '-' ? -total : total);
}
