/**
 * A decimal number as people type it: `54`, `9.5`, and the European `9,5` (Excel in many locales).
 * Thousands separators are not accepted: `1,000` would be ambiguous.
 */
export function parseDecimal(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(t)) return null;
  const value = Number(t.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}
