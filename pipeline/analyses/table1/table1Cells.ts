import { wordTableDocx } from '../../io/docxTables.ts';
import { toCsv } from '../../io/toCsv.ts';
import { formatNumber } from '../../report/formatNumber.ts';
import type { StageContext } from '../../stages/context.ts';

import { quantileRuleText } from '../../stats/quantile.ts';
import { quantileTypeOf } from '../../config/quantileRule.ts';
import { YES_NO } from '../variableReader.ts';
import {
  type CategoricalCell,
  type ContinuousCell,
  type Table1Row,
  type Table1Section,
} from './table1Compute.ts';

/** A level's label: its vocabulary term's, or Yes / No for a boolean or statistic. */
function levelLabel(context: StageContext, variable: string, level: string): string {
  const { config } = context;
  const column = config.columns.find((c) => c.name === variable);
  const derived = config.derived.find((d) => d.id === variable);
  const vocabulary =
    column?.vocabulary ?? (derived && derived.type !== 'boolean' ? derived.vocabulary : undefined);
  const term = vocabulary ? config.vocabularies[vocabulary]?.terms.find((t) => t.id === level) : undefined;
  return term?.label ?? YES_NO.find((l) => l.id === level)?.label ?? level;
}

/** `0.034`, `< 0.001`, a dash when not computed: the p-value column of the tables. */
export function formatPValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** `12 (30.0%)`. */
export function formatCategorical(c: CategoricalCell): string {
  return `${c.n} (${c.percent === null ? '–' : c.percent.toFixed(1)}%)`;
}

/** `54 (45–63); 21–77; n = 38`: median (IQR); range; patients with a value. */
export function formatContinuous(c: ContinuousCell): string {
  if (c.n === 0) return 'n = 0';
  const f = (x: number | null) => formatNumber(x, 1);
  return `${f(c.median)} (${f(c.q1)}–${f(c.q3)}); ${f(c.min)}–${f(c.max)}; n = ${c.n}`;
}

export const formatCell = (row: Table1Row, cell: CategoricalCell | ContinuousCell) =>
  row.kind === 'continuous'
    ? formatContinuous(cell as ContinuousCell)
    : formatCategorical(cell as CategoricalCell);

/** What the table shows in its first columns for a row. */
export function rowLevelText(row: Table1Row, context: StageContext): string {
  if (row.kind === 'not_reported') return 'Not reported';
  if (row.kind === 'continuous') return 'Median (IQR); range; n';
  return levelLabel(context, row.variable, row.level!);
}

/**
 * Why a variable's p-value needs care: a group with fewer than 5 patients in the test, or fewer than 10 in
 * all. Read from the rows (the patients with a reported value per group).
 */
export function testCaution(rows: readonly Table1Row[], groupIds: readonly string[]): string | null {
  const first = rows[0];
  if (!first || first.p_value === null) return null;
  const inTest = groupIds.map((g) =>
    first.kind === 'continuous'
      ? (first.groups[g] as ContinuousCell).n
      : rows
          .filter((r) => r.kind === 'categorical')
          .reduce((s, r) => s + (r.groups[g] as CategoricalCell).n, 0),
  );
  const total = inTest.reduce((s, n) => s + n, 0);
  if (total < 10) return `rests on ${total} patients`;
  if (inTest.some((n) => n < 5)) return 'a group has fewer than 5 patients';
  return null;
}

/** Columns of the table: overall and each group, with their N. */
export function table1Columns(
  result: Table1Section,
  _context?: StageContext,
): Array<{ id: string | null; label: string; N: number }> {
  const nOf = (cell: CategoricalCell | ContinuousCell | undefined) => (cell && 'N' in cell ? cell.N : 0);
  const anyCategorical = result.rows.find((r) => r.kind !== 'continuous');
  return [
    { id: null, label: 'Overall', N: nOf(anyCategorical?.overall) },
    ...result.levels.map((l) => ({
      id: l.id,
      label: l.label,
      N: nOf(anyCategorical?.groups[l.id]),
    })),
  ];
}

/** Rows of one variable together, in table order. */
export function byVariable(rows: readonly Table1Row[]): Table1Row[][] {
  const out: Table1Row[][] = [];
  for (const row of rows) {
    const last = out.at(-1);
    if (last && last[0]!.variable === row.variable && last[0]!.label === row.label) last.push(row);
    else out.push([row]);
  }
  return out;
}

/** Included patients in no level of the grouping (its variable not reported or matching no level). */
export function notInAnyGroup(result: Table1Section, _context?: StageContext): number {
  const [overall, ...groups] = table1Columns(result);
  return groups.length === 0 ? 0 : overall!.N - groups.reduce((s, g) => s + g.N, 0);
}

/** The table as text cells, a header row first: what the CSV and the Word table hold. */
export function table1Cells(result: Table1Section, context: StageContext): string[][] {
  const columns = table1Columns(result, context);
  const grouped = columns.length > 1;
  const header = [
    'Characteristic',
    'Level',
    ...columns.map((c) => `${c.label} (N = ${c.N})`),
    ...(grouped ? ['p-value', 'Test'] : []),
  ];
  const body = byVariable(result.rows).flatMap((rows) =>
    rows.map((row, k) => [
      k === 0 ? row.label : '',
      rowLevelText(row, context),
      formatCell(row, row.overall),
      ...columns.slice(1).map((c) => formatCell(row, row.groups[c.id!]!)),
      ...(grouped ? (k === 0 ? [formatPValue(row.p_value), row.test ?? ''] : ['', '']) : []),
    ]),
  );
  return [header, ...body];
}

/** The page's note under Table 1; the quantile rule is named once, in the methods, for every table. */
export const TABLE1_METHODS =
  "Categorical variables: n (%) of all included patients in the column (overall, or the group); patients for whom the variable is not reported are a row of their own (Not reported), so the percentages of a variable add up to 100. Continuous variables: median (interquartile range); range; n with a value; quartiles by the report's quantile rule (Methods). p-values: Fisher's exact test on the whole table of the reported levels by group (as R fisher.test), and the Wilcoxon rank-sum test (as R wilcox.test with its defaults: exact without ties and with fewer than 50 per group, otherwise normal approximation with continuity correction); patients not reported are not in the tests.";

/** What the Word table says below itself: the conventions, the abbreviations, the tests. */
export function table1Footnotes(result: Table1Section, context: StageContext): string[] {
  const grouping = result.by_label === null ? null : { label: result.by_label };
  const left = notInAnyGroup(result, context);
  return [
    'n (%): patients with the level, and their percentage of all included patients in the column. Not reported: the source does not state the value; these patients are counted in their own row, so the percentages of a variable add up to 100.',
    `Continuous variables: median (IQR); range; n with a value. IQR, interquartile range (quartiles by ${quantileRuleText(quantileTypeOf(context.config))}).`,
    ...(grouping
      ? [
          "p-values: Fisher's exact test on the reported levels by group; Wilcoxon rank-sum test for continuous variables; patients not reported are not in the tests. With fewer than 5 patients in a group or fewer than 10 in all, read them with care.",
          ...(left > 0
            ? [
                `${left} included patients are in no group (${grouping.label.toLowerCase()} not reported): they are in the Overall column only.`,
              ]
            : []),
          ...omittedNote(result),
        ]
      : []),
  ];
}

/** The footnote and page sentence for the variables left out of the rows: the grouping's own. */
export function omittedNote(result: Table1Section): string[] {
  return result.omitted.length === 0
    ? []
    : [
        `Not a row: ${result.omitted.map((o) => o.label).join(', ')}, the grouping itself (its row would be 100 % in one column and 0 % in the other).`,
      ];
}

/** File names of a table: tables/table1.csv for the one table, tables/table1-<id>.csv for each of several. */
export const table1Path = (section: Table1Section, ext: string) =>
  section.id === undefined ? `tables/table1.${ext}` : `tables/table1-${section.id}.${ext}`;

/** The caption's subject: `, overall and by surgery`. */
const bySubject = (section: Table1Section) =>
  section.by_label === null ? '' : `, overall and by ${section.by_label.toLowerCase()}`;

export async function table1Files(section: Table1Section, context: StageContext) {
  const [header, ...rows] = table1Cells(section, context);
  const grouped = section.by !== null;
  return [
    { path: table1Path(section, 'csv'), content: toCsv(header!, rows) },
    {
      path: table1Path(section, 'docx'),
      content: await wordTableDocx({
        caption: `Table 1${section.id === undefined ? '' : ` (${section.id})`}. Characteristics of the included patients${bySubject(section)}.`,
        header: header!,
        rows,
        numericColumns: header!
          .map((_, c) => c)
          .filter((c) => c >= 2 && c < header!.length - (grouped ? 1 : 0)),
        widths: header!.map((_, c) =>
          c === 0 ? 2.2 : c === 1 ? 1.6 : grouped && c === header!.length - 1 ? 1.6 : 1.5,
        ),
        footnotes: table1Footnotes(section, context),
      }),
    },
  ];
}
