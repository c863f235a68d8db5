import { findColumn } from '../parse/columnKey.ts';
import { isAmbiguousThousands, parseDecimal } from '../parse/parseDecimal.ts';
import { ambiguousNumberMessage } from '../parse/parseNumber.ts';
import { missingColumns } from '../parse/missingColumns.ts';
import type { CohortConfig, Finding, RawTable } from '../types.ts';
import { excerpt } from '../parse/excerpt.ts';
import { defineInputTable } from './inputTable.ts';

/** One summary figure as a paper printed it, with the precision it was printed to. */
export interface PublishedFigure {
  id: string;
  label: string;
  /** A statistic id, a continuous id, or `n_included`. */
  statistic: string;
  /** percent | numerator for statistics; min | max | mean | median for continuous; value for n_included. */
  field: string;
  value: number;
  decimals: number;
  unit: string;
  quote: string;
  line: number;
}

const COLUMNS = ['id', 'label', 'statistic', 'field', 'published', 'unit', 'quote'];
const FIELDS: Record<string, string[]> = {
  statistic: ['percent', 'numerator'],
  continuous: ['min', 'max', 'mean', 'median'],
  n: ['value'],
};

/** published.csv → figures to reconcile; rows that refer to nothing known become findings. */
export function publishedFigures(
  table: RawTable | null,
  config: CohortConfig,
): { figures: PublishedFigure[]; findings: Finding[] } {
  if (!table) return { figures: [], findings: [] };
  const findings: Finding[] = [];
  const missing = missingColumns(table, COLUMNS, `expected ${COLUMNS.join(',')}`);
  if (missing) return { figures: [], findings: [missing] };
  const k = Object.fromEntries(COLUMNS.map((c) => [c, findColumn(table.header, c)])) as Record<
    string,
    number
  >;
  const statistics = new Set(config.statistics.map((s) => s.id));
  const continuous = new Set(config.continuous.map((c) => c.id));
  const figures: PublishedFigure[] = [];
  table.rows.forEach((row, i) => {
    const line = table.lines[i]!;
    const cell = (c: string) => row[k[c]!]!.trim();
    const error = (column: string, message: string) =>
      findings.push({
        file: table.file,
        line,
        column: k[column]! + 1,
        severity: 'error',
        code: 'published.invalid',
        message,
      });
    const statistic = cell('statistic');
    const kind =
      statistic === 'n_included'
        ? 'n'
        : statistics.has(statistic)
          ? 'statistic'
          : continuous.has(statistic)
            ? 'continuous'
            : null;
    if (kind === null)
      return error(
        'statistic',
        `"${excerpt(statistic)}" is not a statistic or continuous summary defined in cohort.json`,
      );
    const field = cell('field');
    if (!FIELDS[kind]!.includes(field))
      return error(
        'field',
        `field "${excerpt(field)}" does not apply to "${excerpt(statistic)}" (use ${FIELDS[kind]!.join(', ')})`,
      );
    const text = cell('published');
    const value = parseDecimal(text);
    if (value === null)
      return error(
        'published',
        isAmbiguousThousands(text.trim())
          ? `published value ${ambiguousNumberMessage(text)}`
          : `published value "${excerpt(text)}" is not a number`,
      );
    const decimals = /[.,](\d+)$/.exec(text)?.[1]?.length ?? 0;
    figures.push({
      id: cell('id'),
      label: cell('label'),
      statistic,
      field,
      value,
      decimals,
      unit: cell('unit'),
      quote: cell('quote'),
      line,
    });
  });
  return { figures, findings };
}

/** published.csv: the reference paper's summary figures, to reconcile against. */
export const publishedTable = defineInputTable<PublishedFigure[]>()({
  key: 'published',
  description:
    'Published summary figures to reconcile against (optional). CSV or `.xlsx` (optionally `#Sheet`), as for `cases`.',
  idColumn: 'id',
  empty: [],
  normalize: (raw, context) => {
    const { figures, findings } = publishedFigures(raw, context.config);
    return { value: figures, findings };
  },
});
