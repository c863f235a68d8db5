import { isAmbiguousThousands, parseDecimal } from './parseDecimal.ts';
import { parsed, rejected, type ParseResult } from './parseResult.ts';
import { excerpt } from './excerpt.ts';

// Unit words a person may type after a number in a column whose unit is known.
const UNIT_ALIASES: Record<string, string[]> = {
  years: ['y', 'yr', 'yrs', 'year', 'years', 'yo', 'y/o', 'years old'],
  cm: ['cm'],
  mm: ['mm'],
  kg: ['kg'],
};

/** A plain number, optionally followed by the column's own unit (`54`, `54 years`, `54 y`). */
export function parseNumber(text: string, unit?: string): ParseResult<number> {
  const t = text.trim();
  const aliases = unit ? (UNIT_ALIASES[unit] ?? [unit]) : [];
  const m = /^(.*?)\s*([a-z/ ]*)$/i.exec(t);
  const numberPart = m && m[2] && aliases.includes(m[2].toLowerCase().trim()) ? m[1]! : t;
  const value = parseDecimal(numberPart);
  if (value !== null) return parsed(value);
  return rejected(
    isAmbiguousThousands(numberPart.trim())
      ? ambiguousNumberMessage(text)
      : `"${excerpt(text)}" is not a number`,
  );
}

/** Why `1,000` or `1.000` is refused, and what to write instead. */
export function ambiguousNumberMessage(text: string): string {
  return `"${excerpt(text)}" is ambiguous: a thousand or so where "," or "." groups thousands, else a decimal; write a thousand without the separator (1000), a decimal with other decimals (1.0)`;
}
