import type { Source } from '../types.ts';

/**
 * The publication years a source may give: from 1800 (older case reports are not pooled; a typo such
 * as `1019` is caught) to next year (a paper in press). A year outside them (`20199`, `9999`) is an
 * error at its cell, not a silently undated or a plotted source.
 */
export const PUBLICATION_YEARS = { first: 1800, last: new Date().getUTCFullYear() + 1 } as const;

/** What is wrong with a year cell of sources.csv (empty: not reported, fine), or null. */
export function yearProblem(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  const { first, last } = PUBLICATION_YEARS;
  if (!/^\d{4}$/.test(t) || Number(t) < first || Number(t) > last)
    return `is not a publication year from ${first} to ${last} (leave it empty when the source gives none)`;
  return null;
}

/** The publication year sources.csv gives (`2019`), or null when it gives none or something else. */
export function sourceYear(source: Source | undefined): number | null {
  const m = /^\s*(\d{4})\s*$/.exec(source?.fields.year ?? '');
  return m ? Number(m[1]) : null;
}
