import { closestMatch } from '../parse/closestMatch.ts';
import { evaluateCondition } from '../engine/evaluateCondition.ts';
import { checkFlowArithmetic } from '../engine/flowCounts.ts';
import type { CaseTable, Finding, Source } from '../types.ts';
import type { StageContext } from './context.ts';
import type { NormalizeOutput } from './normalize.ts';
import { excerpt } from '../parse/excerpt.ts';

export interface ValidateOutput {
  findings: Finding[];
  errors: number;
  warnings: number;
}

function checkSources(sources: Source[], file: string): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  for (const s of sources) {
    if (s.id === '') {
      findings.push({
        file,
        line: s.line,
        column: 1,
        severity: 'error',
        code: 'source.missing-id',
        message: 'source_id is empty',
      });
    } else if (seen.has(s.id)) {
      const message = `source_id "${excerpt(s.id)}" is used again (first at line ${seen.get(s.id)})`;
      findings.push({ file, line: s.line, column: 1, severity: 'error', code: 'source.duplicate', message });
    } else seen.set(s.id, s.line);
  }
  return findings;
}

function checkCases(cases: CaseTable, sources: Source[], context: StageContext): Finding[] {
  const { config } = context;
  const findings: Finding[] = [];
  const col = (name: string | undefined) => (name === undefined ? 0 : (cases.columnNumbers[name] ?? 0));
  const at = (i: number, column: number, severity: Finding['severity'], code: string, message: string) =>
    findings.push({ file: cases.file, line: cases.lines[i]!, column, severity, code, message });
  const sourceIds = new Set(sources.map((s) => s.id));
  const nearSource = new Map<string, string | null>();
  const firstLine = new Map<string, number>();
  const { roles } = config;
  // One reader for every row (i is the current row), not a new closure per row.
  let i = 0;
  const valueOf = (v: string) => cases.values[v]?.[i] ?? null;
  for (; i < cases.n; i++) {
    const id = cases.caseIds[i]!;
    if (id === '')
      at(
        i,
        col(roles.caseId),
        'error',
        'case.missing-id',
        `${roles.caseId} is empty: every row needs a unique id`,
      );
    else if (firstLine.has(id)) {
      at(
        i,
        col(roles.caseId),
        'error',
        'case.duplicate-id',
        `${roles.caseId} "${excerpt(id)}" is used again (first at line ${firstLine.get(id)})`,
      );
    } else firstLine.set(id, cases.lines[i]!);
    const source = cases.sourceIds[i]!;
    if (source === '') {
      at(
        i,
        col(roles.sourceId),
        'error',
        'case.missing-source',
        `${roles.sourceId} is empty: every patient row must cite a publication`,
      );
    } else if (!sourceIds.has(source) && sourceIds.size > 0) {
      // With no source read at all, the sources file's own finding says why; one per row would bury it.
      // Remembered: a mistyped id tends to repeat on many rows, and each search scans every source.
      if (!nearSource.has(source)) nearSource.set(source, closestMatch(source, sourceIds));
      const near = nearSource.get(source);
      const hint = near ? `; did you mean "${excerpt(near)}"?` : '';
      at(
        i,
        col(roles.sourceId),
        'error',
        'case.unknown-source',
        `${roles.sourceId} "${excerpt(source)}" is not in ${config.files.sources}${hint}`,
      );
    }
    if (!cases.included[i] && !cases.exclusionReasons[i]) {
      at(
        i,
        col(roles.include),
        'error',
        'case.exclusion-without-reason',
        `row is excluded (${roles.include} = no) but ${roles.exclusionReason ?? 'no reason column'} gives no reason`,
      );
    }
    for (const check of config.checks) {
      if (evaluateCondition(check.when, valueOf) === true)
        at(i, col(check.column), check.severity, `check.${check.id}`, check.message);
    }
  }
  if (cases.n > 0 && !cases.included.some(Boolean)) {
    const message = `every row is excluded (${roles.include} = no): the report will have no patients to summarise`;
    findings.push({
      file: cases.file,
      line: 0,
      column: 0,
      severity: 'warning',
      code: 'case.none-included',
      message,
    });
  }
  return findings;
}

/** Checks across rows, columns and files; counts what stops the run. */
export function validate(input: NormalizeOutput, context: StageContext): ValidateOutput {
  const findings = [
    ...(input.sourcesTable ? checkSources(input.sources, input.sourcesTable.file) : []),
    ...(input.cases ? checkCases(input.cases, input.sources, context) : []),
    ...(input.flow && input.cases
      ? checkFlowArithmetic(input.flow, input.cases.included.filter(Boolean).length, input.cases.file)
      : []),
  ];
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}
