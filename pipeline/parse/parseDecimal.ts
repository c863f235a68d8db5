/**
 * A decimal number as people type it: `54`, `9.5`, and the European `9,5` (Excel in many locales).
 * A comma followed by exactly three digits (`1,000`) is refused: it reads as one thousand in English
 * and as 1.000 in most of Europe, and guessing wrong would change a value a thousandfold.
 */
export function parseDecimal(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(t)) return null;
  if (/^[+-]?\d{1,3},\d{3}$/.test(t)) return null;
  const value = Number(t.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}
