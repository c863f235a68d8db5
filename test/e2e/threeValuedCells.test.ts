// Every yes/no cell casepool writes for the shipped cohorts (Table 1, tables/cases.csv, tidy/cases.csv)
// says "no" only where the source values say no: the condition behind it, evaluated three-valued on the
// values read, with every derived variable derived again so that a finding not reported stays unknown
// (missing: "unknown"), is false. An empty cell (not reported) is where that evaluation is unknown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Table1Row, Table1Section } from '../../pipeline/analyses/table1.ts';
import { deriveVariables } from '../../pipeline/conditions/deriveVariables.ts';
import { rowCondition } from '../../pipeline/conditions/rowCondition.ts';
import { parseBoolean } from '../../pipeline/parse/parseBoolean.ts';
import { runCohort } from '../../pipeline/run.ts';
import type { Stats } from '../../pipeline/stages/analyze.ts';
import type { AnalysisVariable, CaseTable, CohortConfig, Condition } from '../../pipeline/types.ts';
import type { Table1Spec } from '../../pipeline/analyses/table1/table1Specs.ts';
import { tempOut } from '../helpers/cohortCopy.ts';
import { cohortAnalysisInput } from '../helpers/stageInput.ts';

type Row = Record<string, string>;
const readCsv = (path: string) => parse(readFileSync(path), { columns: true, bom: true }) as Row[];

/** The condition a yes/no reference answers, or null for a reference that is not yes/no. */
function yesNoCondition(config: CohortConfig, ref: AnalysisVariable): Condition | null {
  if ('statistic' in ref) return config.statistics.find((s) => s.id === ref.statistic)!.when;
  const column = config.columns.find((c) => c.name === ref.variable);
  const derived = config.derived.find((d) => d.id === ref.variable);
  if ((column?.type ?? derived?.type) === 'boolean') return { variable: ref.variable, in: [true] };
  return null;
}

describe.each(['adrenal-lms', 'spinal-lms'])('%s: no "No" without a source that says no', (cohort) => {
  let stats: Stats;
  let outDir: string;
  let config: CohortConfig;
  let cases: CaseTable;
  /** The source's answer to a condition for row i: true, false or null (not reported). */
  let sourceSays: (when: Condition, i: number) => boolean | null;

  beforeAll(async () => {
    const result = await runCohort(`data/${cohort}`, tempOut(), { png: false });
    expect(result.exitCode).toBe(0);
    outDir = result.outDir;
    stats = JSON.parse(readFileSync(join(outDir, 'stats.json'), 'utf8')) as Stats;
    const { input, context } = await cohortAnalysisInput(`data/${cohort}`);
    config = context.config;
    cases = input.cases;
    // Every derived variable again, a missing finding unknown rather than absent.
    const strict: CohortConfig = {
      ...config,
      derived: config.derived.map((d) => (d.type === 'category' ? { ...d, missing: 'unknown' } : d)),
    };
    const columns = deriveVariables(cases.columns, cases.n, strict).columns;
    sourceSays = (when, i) => rowCondition(when, columns)(i);
  });

  it('Table 1: each yes/no row counts exactly the patients the source says yes or no for', () => {
    const included = Array.from({ length: cases.n }, (_, i) => i).filter((i) => cases.included[i]);
    let checked = 0;
    for (const ref of (config.table1 as Table1Spec | undefined)?.variables ?? []) {
      const when = yesNoCondition(config, ref);
      if (when === null) continue;
      const id = 'statistic' in ref ? ref.statistic : ref.variable;
      const rows = (stats.table1 as Table1Section).rows.filter(
        (r: Table1Row) => r.variable === id && r.label === ref.label,
      );
      if (rows.length === 0) continue; // the grouping variable itself is not a row
      const count = (answer: boolean) => included.filter((i) => sourceSays(when, i) === answer).length;
      expect(rows.find((r) => r.level === 'no')!.overall.n, `${id}: No`).toBe(count(false));
      expect(rows.find((r) => r.level === 'yes')!.overall.n, `${id}: Yes`).toBe(count(true));
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('tables/cases.csv: every "No" is a no of the source, every empty cell not reported', () => {
    const table = readCsv(join(outDir, 'tables/cases.csv'));
    const rowOf = new Map(cases.caseIds.map((id, i) => [id, i]));
    let noCells = 0;
    for (const ref of (config.table1 as Table1Spec | undefined)?.variables ?? []) {
      const when = yesNoCondition(config, ref);
      if (when === null) continue;
      for (const r of table) {
        const i = rowOf.get(r.Case!)!;
        const cell = r[ref.label]!;
        const says = sourceSays(when, i);
        if (cell === 'No') noCells++;
        if (cell === 'No') expect(says, `${r.Case} ${ref.label}`).toBe(false);
        if (cell === 'Yes') expect(says, `${r.Case} ${ref.label}`).toBe(true);
        if (cell === '') expect(says, `${r.Case} ${ref.label}`).toBeNull();
      }
    }
    expect(noCells).toBeGreaterThan(0);
  });

  it('tidy/cases.csv: every "no" is the source cell\'s no, or a derived yes/no the source decides', () => {
    const tidy = readCsv(join(outDir, 'tidy/cases.csv'));
    const source = readCsv(join(`data/${cohort}`, config.files.cases));
    const booleans = [
      ...config.columns.filter((c) => c.type === 'boolean').map((c) => ({ id: c.name, derived: false })),
      ...config.derived.filter((d) => d.type === 'boolean').map((d) => ({ id: d.id, derived: true })),
    ];
    let noCells = 0;
    tidy.forEach((row, i) => {
      for (const b of booleans) {
        const cell = row[b.id];
        if (cell === undefined || cell === 'yes' || cell === '') continue;
        expect(cell, `${row.case_id} ${b.id}`).toBe('no');
        noCells++;
        const says = b.derived
          ? sourceSays({ variable: b.id, in: [true] }, i)
          : (() => {
              const read = parseBoolean(source[i]![b.id] ?? '');
              return read.ok ? read.value : null;
            })();
        expect(says, `${row.case_id} ${b.id}`).toBe(false);
      }
    });
    expect(noCells).toBeGreaterThan(0);
  });
});
