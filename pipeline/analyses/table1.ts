import { wordTableDocx } from '../io/docxTables.ts';
import { CASE_TABLE_LIMIT } from '../report/caseTable.ts';
import { dataTable } from '../report/dataTable.ts';
import { html } from '../report/escapeHtml.ts';
import type { StageContext } from '../stages/context.ts';

import type { CohortConfig } from '../types.ts';
import { table1Specs, type Table1Spec } from './table1/table1Specs.ts';
import { defineAnalysis } from './analysis.ts';
import { reportedCases } from './reportedCases.ts';
import { type VariableRef, unreadableReason, yesNoMissingAsAbsent } from './variableReader.ts';
import type { ConfigScope } from '../config/configScope.ts';
import { type Table1Result, type Table1Section, table1, table1Sections } from './table1/table1Compute.ts';
import {
  TABLE1_METHODS,
  byVariable,
  formatCell,
  formatPValue,
  notInAnyGroup,
  omittedNote,
  rowLevelText,
  table1Columns,
  table1Files,
  table1Path,
  testCaution,
} from './table1/table1Cells.ts';

declare module '../types.ts' {
  interface CohortConfig {
    /** One Table 1, or several (each with an `id`). */
    table1?: Table1Spec | Table1Spec[];
  }
}

export * from './table1/table1Compute.ts';
export * from './table1/table1Cells.ts';

function table1Block(result: Table1Section, context: StageContext) {
  const columns = table1Columns(result);
  const grouped = columns.length > 1;
  const groupIds = columns.slice(1).map((c) => c.id!);
  const left = notInAnyGroup(result);
  const byLabel = result.by_label?.toLowerCase() ?? null;
  const cautions: string[] = [];
  const body = byVariable(result.rows).flatMap((rows) => {
    const caution = grouped ? testCaution(rows, groupIds) : null;
    if (caution) cautions.push(`${rows[0]!.label}: ${caution}`);
    return rows.map(
      (row, k) =>
        html`<tr>
          <td>${k === 0 ? row.label : ''}</td>
          <td>${rowLevelText(row, context)}</td>
          <td class="num">${formatCell(row, row.overall)}</td>
          ${columns.slice(1).map((c) => html`<td class="num">${formatCell(row, row.groups[c.id!]!)}</td>`)}
          ${
            grouped
              ? k === 0
                ? html`<td class="num">
                      ${formatPValue(row.p_value)}
                      ${caution ? html`<br /><span class="caution">caution: ${caution}</span>` : html``}
                    </td>
                    <td class="note">${row.test ?? ''}</td>`
                : html`<td></td>
                    <td></td>`
              : html``
          }
        </tr>`,
    );
  });
  return html`<p>
      Characteristics of the included patients${byLabel ? html`, overall and by ${byLabel}` : html``}.
      Percentages are of <strong>all included patients in the column</strong> (overall, or the group), with
      the patients for whom a variable is not reported as a row of their own.
      ${
        byLabel !== null && left > 0
          ? html`${left} included patients are in no group (${byLabel} not reported or matching no level):
            they are in the Overall column only.`
          : html``
      }
      ${omittedNote(result)} Also as
      <a href="${table1Path(result, 'csv')}">${table1Path(result, 'csv')}</a> and
      <a href="${table1Path(result, 'docx')}">${table1Path(result, 'docx')}</a>; every number in
      <a href="stats.json">stats.json</a> (<code>table1</code>).
    </p>
    ${dataTable(
      result.id === undefined ? 'table1' : `table1-${result.id}`,
      [
        'Characteristic',
        '',
        ...columns.map((c) => ({ num: html`${c.label}<br /><span class="note">N = ${c.N}</span>` })),
        ...(grouped ? [{ num: 'p-value' }, 'Test'] : []),
      ],
      body,
    )}
    ${
      cautions.length > 0
        ? html`<p class="caution">
            ${cautions.length} of ${byVariable(result.rows).length} p-values are marked <em>caution</em>:
            their test has a group with fewer than 5 patients, or fewer than 10 patients in all. Read them
            with care.
          </p>`
        : html``
    }`;
}

export const table1Analysis = defineAnalysis<Table1Result>()({
  id: 'table1',
  config: {
    schema: {
      table1: {
        description:
          "Table 1 (patient characteristics): one table, or several (an array, each with its `id`). n (%) per level with a Not reported row for categorical variables, median (IQR), range and n for numeric ones; overall and, with `by`, per level of the grouping with Fisher's exact / Wilcoxon rank-sum p-values.",
        oneOf: [
          { $ref: '#/definitions/table1' },
          {
            type: 'array',
            minItems: 1,
            items: { allOf: [{ $ref: '#/definitions/table1' }, { required: ['id'] }] },
          },
        ],
      },
    },
    definitions: {
      table1: {
        type: 'object',
        additionalProperties: false,
        required: ['by', 'variables'],
        properties: {
          id: {
            $ref: '#/definitions/fileName',
            description:
              'Names this table when there are several: tables/table1-<id>.csv and .docx, and its entry in stats.json.',
          },
          label: {
            type: 'string',
            description: "What the table is by, for its caption (default: the grouping's label).",
          },
          by: {
            description:
              'The columns: a survival grouping id (survival.groupings); otherwise a category, yes/no or derived variable by its name, or {"variable": ...} or {"statistic": ...}; null for the overall column only. The grouping\'s own variable is never a row.',
            oneOf: [
              { type: ['string', 'null'] },
              {
                type: 'object',
                additionalProperties: false,
                required: ['variable'],
                properties: { variable: { type: 'string' } },
              },
              {
                type: 'object',
                additionalProperties: false,
                required: ['statistic'],
                properties: { statistic: { type: 'string' } },
              },
            ],
          },
          variables: { type: 'array', minItems: 1, items: { $ref: '#/definitions/analysisVariable' } },
        },
      },
    },
    check: checkTable1Config,
  },
  title: 'Table 1: patient characteristics',
  nav: 'Table 1',
  compute: (input, context) => {
    const spec = context.config.table1;
    if (spec === undefined) return null;
    // The one-table form keeps its stats.json shape (an object); several tables are an array.
    return Array.isArray(spec)
      ? spec.map((s) => table1(input.cases, s, context, input.views))
      : table1(input.cases, spec, context, input.views);
  },
  files: async (result, context, data) => {
    const reported = reportedCases(data.cases, data.sources, context.config);
    const casesHeader = reported.header;
    const wordRows = Array.from({ length: Math.min(reported.count, CASE_TABLE_LIMIT) }, (_, k) =>
      reported.rowAt(k),
    );
    const tables = await Promise.all(table1Sections(result).map((section) => table1Files(section, context)));
    return [
      ...tables.flat(),
      { path: 'tables/cases.csv', content: reported.csv },
      {
        path: 'tables/cases.docx',
        content: await wordTableDocx({
          caption:
            'Table 2. Reported cases: every included patient with its source, then the rows left out with the reason.',
          header: casesHeader,
          // A manuscript table of a pooled case review is tens of rows; a Word table of 100,000 would take
          // minutes and gigabytes. cases.csv always has every row.
          rows: wordRows,
          landscape: true,
          widths: casesHeader.map((_, c) =>
            c === 0 ? 1.4 : c === 1 ? 2.2 : c === casesHeader.length - 1 ? 3.5 : 1,
          ),
          footnotes: [
            'An empty cell means the source does not report the value (not the same as no or none).',
            'Yes/No columns named after a finding (e.g. pain) are read from the reported list of findings; empty when the list is not reported.',
            ...(reported.count > CASE_TABLE_LIMIT
              ? [`The first ${CASE_TABLE_LIMIT} of ${reported.count} rows; every row is in cases.csv.`]
              : []),
          ],
        }),
      },
    ];
  },
  section: (result, _figures, context) => {
    const sections = table1Sections(result);
    return html`${sections.map((section) =>
        sections.length > 1
          ? html`<h3 id="table1-${section.id ?? ''}">
                Table 1
                (${section.id})${section.by_label ? html`: by ${section.by_label.toLowerCase()}` : html``}
              </h3>
              ${table1Block(section, context)}`
          : table1Block(section, context),
      )}
      <p class="note">${TABLE1_METHODS}</p>`;
  },
});

/** Table 1's block: each variable readable, the grouping a survival grouping or a readable variable, ids unique. */
function checkTable1Config(config: CohortConfig, { error, hint }: ConfigScope): void {
  const groupings = config.survival?.groupings.map((g) => g.id) ?? [];
  const variableNames = [...config.columns.map((c) => c.name), ...config.derived.map((d) => d.id)];
  const tableIds = new Set<string>();
  for (const { spec, pointer } of table1Specs(config)) {
    if (spec.id !== undefined) {
      if (tableIds.has(spec.id)) error(`${pointer}/id`, `Table 1 "${spec.id}" is defined twice`);
      tableIds.add(spec.id);
    }
    const by = spec.by;
    // A string is a survival grouping's id first (as before), otherwise a variable's name.
    if (typeof by === 'string' && !groupings.includes(by) && !variableNames.includes(by))
      error(
        `${pointer}/by`,
        `"${by}" is not a survival grouping id, a column or a derived variable${hint(by, [...groupings, ...variableNames])}`,
      );
    else if (by !== null && by !== undefined && !(typeof by === 'string' && groupings.includes(by))) {
      const ref = typeof by === 'string' ? { variable: by } : by;
      const reason =
        unreadableReason(config, ref) ?? yesNoMissingAsAbsent(config, ref) ?? continuousGrouping(config, ref);
      if (reason) error(`${pointer}/by`, reason);
    }
    spec.variables.forEach((v, k) => {
      const reason = unreadableReason(config, v) ?? yesNoMissingAsAbsent(config, v);
      if (reason) error(`${pointer}/variables/${k}`, reason);
    });
  }
}

/** A number cannot make Table 1's columns (a column per value): why, or null for any other reference. */
function continuousGrouping(config: CohortConfig, ref: VariableRef): string | null {
  if ('statistic' in ref) return null;
  const type =
    config.columns.find((c) => c.name === ref.variable)?.type ??
    config.derived.find((d) => d.id === ref.variable)?.type;
  return type === 'number' || type === 'size' || type === 'duration'
    ? `"${ref.variable}" is a number: Table 1 is by a category, a yes/no or derived variable, or a statistic (a yes/no from its condition, e.g. age at least 60)`
    : null;
}
