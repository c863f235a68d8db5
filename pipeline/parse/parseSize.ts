import { parseDecimal } from './parseDecimal.ts';
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
    return rejected(
      parts.length > 1
        ? `"${excerpt(text)}" has a dimension that is not a number (expected e.g. "10 x 6 x 11 cm")`
        : `"${excerpt(text)}" is not a size (expected e.g. "11", "11 cm" or "10 x 6 x 11 cm")`,
    );
  }
  const largest = Math.max(...(dims as number[]));
  // Rounded to 1e-9 so that 102 mm is exactly 10.2 cm, not 10.200000000000001.
  return parsed(Math.round(((largest * CM_PER_UNIT[fromUnit]!) / target) * 1e9) / 1e9);
}
