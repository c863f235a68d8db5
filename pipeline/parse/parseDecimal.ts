/**
 * A decimal number as people type it: `54`, `9.5`, and the European `9,5` (Excel in many locales).
 * A comma followed by exactly three digits (`1,000`) is refused: it reads as one thousand in English
 * and as 1.000 in most of Europe, and guessing wrong would change a value a thousandfold. So is a point
 * followed by exactly three digits after one to three digits that do not start with 0 (`1.000`,
 * `250.500`): where a point groups thousands (German, Italian, Spanish, Portuguese papers) it is one
 * thousand. `0.125` is not refused: no one groups thousands after a leading 0.
 */
export function parseDecimal(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(t)) return null;
  if (isAmbiguousThousands(t)) return null;
  const value = Number(t.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** `1,000`, `-1,500`, `1.000`, `250.500`: a number that may be one thousand or so, or one or so. */
export const isAmbiguousThousands = (t: string) =>
  /^[+-]?\d{1,3},\d{3}$/.test(t) || /^[+-]?[1-9]\d{0,2}\.\d{3}$/.test(t);

/** 10^0 … 10^15, each an exact double. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * text[start, end) when it is a plain decimal (digits, or digits, a point and digits; at most 15 digits,
 * no sign, no white space), else null: the cell most columns hold, read without a regex or a string of
 * its own. The value is the one parseDecimal gives: the digits are an exact integer below 2^53 and the
 * power of ten exact, so the one division is correctly rounded, as Number() is.
 */
export function plainDecimal(text: string, start: number, end: number): number | null {
  let digits = 0;
  let whole = 0;
  let point = -1;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      digits++;
    } else if (c === 46 && point < 0 && k > start) point = k;
    else return null;
  }
  if (digits === 0 || digits > 15 || point === end - 1) return null;
  // `1.000`: ambiguous (see parseDecimal), left to parseDecimal to refuse.
  if (point > start && point - start <= 3 && end - point === 4 && text.charCodeAt(start) !== 48) return null;
  return point < 0 ? whole : whole / POWERS_OF_TEN[end - 1 - point]!;
}
