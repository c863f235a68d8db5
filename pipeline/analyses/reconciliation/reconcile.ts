import { convertDuration, isDurationUnit } from '../../parse/parseDuration.ts';
import type { PublishedFigure } from '../../cohortTables/publishedFigures.ts';
import type { ProportionEntry } from '../proportions/statisticEntries.ts';

export type { ProportionEntry };

export interface ReconciliationEntry {
  id: string;
  label: string;
  statistic: string;
  published: number;
  unit: string;
  recomputed: number | null;
  /** Recomputed minus published, in the published unit (unrounded recomputed value). */
  difference: number | null;
  status: 'match' | 'differs' | 'unavailable';
  why: string;
}

export interface ReconcileInput {
  nIncluded: number;
  proportions: Map<string, ProportionEntry>;
  reportedProportions: Map<string, ProportionEntry>;
  continuous: Map<
    string,
    {
      summary: Record<string, number | null>;
      unit: string | undefined;
      n: number;
      /** Case ids holding the smallest and largest value. */
      extremeCases?: { min: string | null; max: string | null };
    }
  >;
}

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;
const fmt = (x: number) => String(Math.round(x * 1000) / 1000);

/**
 * Every published figure against our recomputation, rounded to the precision the paper printed,
 * with a sentence that says why they differ when they do.
 */
export function reconcile(figures: readonly PublishedFigure[], input: ReconcileInput): ReconciliationEntry[] {
  const publishedN = figures.find((f) => f.statistic === 'n_included')?.value;
  const nNote =
    publishedN !== undefined && publishedN !== input.nIncluded
      ? `we have ${input.nIncluded} included patients, the paper ${publishedN}`
      : '';
  return figures.map((f) => {
    let recomputed: number | null = null;
    const reasons: string[] = [];
    if (f.statistic === 'n_included') {
      recomputed = input.nIncluded;
      if (recomputed !== f.value) reasons.push(`the data hold ${recomputed} included rows`);
    } else if (input.proportions.has(f.statistic)) {
      const p = input.proportions.get(f.statistic)!;
      const r = input.reportedProportions.get(f.statistic)!;
      recomputed = f.field === 'numerator' ? p.numerator : p.percent;
      if (nNote) reasons.push(nNote);
      if (r.denominator < p.denominator)
        reasons.push(`not reported for ${p.denominator - r.denominator} of ${p.denominator}`);
      if (f.field === 'percent' && publishedN !== undefined && p.denominator === publishedN) {
        const k = Math.round((f.value / 100) * publishedN);
        const exact = (k / publishedN) * 100;
        if (round(exact, f.decimals) !== f.value) {
          reasons.push(
            `no whole number of ${publishedN} patients gives ${f.value}% (${k}/${publishedN} = ${fmt(exact)}%): the paper's own rounding or arithmetic`,
          );
        }
      }
      reasons.unshift(
        `${p.numerator}/${p.denominator}${f.field === 'percent' && p.percent !== null ? ` = ${fmt(p.percent)}%` : ''}`,
      );
    } else if (input.continuous.has(f.statistic)) {
      const c = input.continuous.get(f.statistic)!;
      const value = c.summary[f.field] ?? null;
      if (value !== null && c.unit && isDurationUnit(c.unit) && isDurationUnit(f.unit) && c.unit !== f.unit) {
        recomputed = convertDuration(value, c.unit, f.unit);
      } else recomputed = value;
      if (nNote) reasons.push(nNote);
      if (c.n < input.nIncluded) reasons.push(`reported for ${c.n} of ${input.nIncluded}`);
      const extreme =
        f.field === 'min' ? c.extremeCases?.min : f.field === 'max' ? c.extremeCases?.max : null;
      if (extreme) reasons.push(`our ${f.field === 'min' ? 'smallest' : 'largest'} value is ${extreme}'s`);
    }
    const entry = { id: f.id, label: f.label, statistic: f.statistic, published: f.value, unit: f.unit };
    if (recomputed === null) {
      return {
        ...entry,
        recomputed: null,
        difference: null,
        status: 'unavailable',
        why: 'no patient has this value reported',
      };
    }
    const status = Math.abs(round(recomputed, f.decimals) - f.value) < 1e-9 ? 'match' : 'differs';
    return { ...entry, recomputed, difference: recomputed - f.value, status, why: reasons.join('; ') };
  });
}
