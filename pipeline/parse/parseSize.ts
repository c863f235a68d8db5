import { isAmbiguousThousands, parseDecimal, plainDecimal } from './parseDecimal.ts';
import { ambiguousNumberMessage } from './parseNumber.ts';
import { parsed, rejected, type ParseResult } from './parseResult.ts';
import { excerpt } from './excerpt.ts';

const CM_PER_UNIT: Record<string, number> = { mm: 0.1, cm: 1, m: 100 };

/**
 * A tumour size → its largest diameter in `unit` (cm or mm). Accepts `11`, `11 cm`,
 * `10 x 6 x 11 cm`, `10×6×11cm`, `102 x 70 mm`, `10 by 6 cm`. A number without a unit is taken
 * to be in the column's unit.
 */
export function parseSize(text: string, unit = 'cm'): ParseResult<number> {
  const target = CM_PER_UNIT[unit];
  if (target === undefined) return rejected(`size unit "${unit}" is not one of mm, cm, m`);
  const t = text.trim().toLowerCase();
  const m = /^(.*?)\s*(mm|cm|m)?\.?$/.exec(t);
  const dimsText = m?.[1] ?? '';
  const fromUnit = m?.[2] ?? unit;
  const parts = dimsText.split(/\s*(?:[x×*]|by)\s*/);
  const dims = parts.map(parseDecimal);
  if (parts.length === 0 || dims.some((d) => d === null)) {
    // `1.000 cm`, `10 x 1,500 mm`: said as the ambiguity it is, not as "not a size".
    const ambiguous = parts.find((p) => isAmbiguousThousands(p));
    if (ambiguous !== undefined) return rejected(ambiguousNumberMessage(text));
    return rejected(
      parts.length > 1
        ? `"${excerpt(text)}" has a dimension that is not a number (expected e.g. "10 x 6 x 11 cm")`
        : `"${excerpt(text)}" is not a size (expected e.g. "11", "11 cm" or "10 x 6 x 11 cm")`,
    );
  }
  return parsed(convertSize(Math.max(...(dims as number[])), fromUnit, unit));
}

/** Is `unit` a size unit parseSize converts to (mm, cm, m)? */
export function isSizeUnit(unit: string): boolean {
  return Object.hasOwn(CM_PER_UNIT, unit);
}

/** A length in `fromUnit` → `unit` (both size units), as parseSize gives it. */
export function convertSize(length: number, fromUnit: string, unit: string): number {
  // Rounded to 1e-9 so that 102 mm is exactly 10.2 cm, not 10.200000000000001.
  return Math.round(((length * CM_PER_UNIT[fromUnit]!) / CM_PER_UNIT[unit]!) * 1e9) / 1e9;
}

/**
 * text[start, end) when it is a size in the plain form (`11`, `6.2 cm`, `7.2 x 6.5 x 9.2 cm`,
 * `89 x 81 mm`: plain decimals joined by " x ", then optionally " cm" or " mm", lower case, single
 * spaces) → what parseSize(text, unit) gives, else null (for parseSize to read). Most typed sizes take
 * this form, and dimensions make them distinct from row to row, so they are read without its regexes.
 */
export function plainSize(text: string, start: number, end: number, unit: string): number | null {
  if (!isSizeUnit(unit)) return null;
  let fromUnit = unit;
  let dimsEnd = end;
  if (end - start > 3 && text.charCodeAt(end - 3) === 32 && text.charCodeAt(end - 1) === 109) {
    const first = text.charCodeAt(end - 2);
    if (first !== 99 && first !== 109) return null; // c, m
    fromUnit = first === 99 ? 'cm' : 'mm';
    dimsEnd = end - 3;
  }
  let largest = -Infinity;
  for (let from = start; ;) {
    const cross = text.indexOf(' x ', from);
    const to = cross < 0 || cross >= dimsEnd ? dimsEnd : cross;
    const dim = plainDecimal(text, from, to);
    if (dim === null) return null;
    if (dim > largest) largest = dim;
    if (to === dimsEnd) break;
    from = to + 3;
  }
  return convertSize(largest, fromUnit, unit);
}
