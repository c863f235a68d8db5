import type { Source } from '../types.ts';

/** The publication year sources.csv gives (`2019`), or null when it gives none or something else. */
export function sourceYear(source: Source | undefined): number | null {
  const m = /^\s*(\d{4})\s*$/.exec(source?.fields.year ?? '');
  return m ? Number(m[1]) : null;
}
