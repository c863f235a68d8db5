import { excerpt } from '../parse/excerpt.ts';
import { findColumn } from '../parse/columnKey.ts';
import { missingColumns } from '../parse/missingColumns.ts';
import { normalizeKey } from '../parse/normalizeKey.ts';
import type { CaseTable, Finding, RawTable, Source } from '../types.ts';
import { casesTable } from './casesTable.ts';
import { defineInputTable } from './inputTable.ts';
import { sourcesTable } from './sourcesTable.ts';

export const APPRAISAL_ANSWERS = ['yes', 'no', 'unclear', 'not applicable'] as const;
export type AppraisalAnswer = (typeof APPRAISAL_ANSWERS)[number];

/** A critical-appraisal checklist (e.g. JBI for case reports), as the cohort's JSON file defines it. */
export interface AppraisalTool {
  id: string;
  title: string;
  citation: string;
  /** Allowed overall judgements, e.g. include / exclude / seek further info. */
  overall: string[];
  items: Array<{ id: string; label: string; question: string }>;
  file: string;
}

/** One appraised source: its tool, an answer (or null: not answered) per item, the overall judgement. */
export interface AppraisalRow {
  sourceId: string;
  tool: string;
  answers: Record<string, AppraisalAnswer | null>;
  overall: string;
  appraiser: string;
  note: string;
  line: number;
}

export interface AppraisalTable {
  file: string;
  tools: AppraisalTool[];
  rows: AppraisalRow[];
}

const ANSWER_SPELLINGS: Record<string, AppraisalAnswer> = {
  yes: 'yes',
  y: 'yes',
  no: 'no',
  n: 'no',
  unclear: 'unclear',
  u: 'unclear',
  "don't know": 'unclear',
  'not applicable': 'not applicable',
  'n/a': 'not applicable',
  na: 'not applicable',
};

/** A checklist JSON text → a tool, or the finding that says why not. */
export function appraisalTool(
  text: string,
  file: string,
): { tool: AppraisalTool | null; findings: Finding[] } {
  const fail = (message: string) => ({
    tool: null,
    findings: [{ file, line: 0, column: 0, severity: 'error' as const, code: 'checklist.invalid', message }],
  });
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail(`not valid JSON: ${(e as Error).message.slice(0, 120)}`);
  }
  const t = json as Partial<AppraisalTool> & Record<string, unknown>;
  if (typeof t.id !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/.test(t.id))
    return fail('a checklist needs an "id" of lower-case letters, digits, - and _');
  if (typeof t.title !== 'string') return fail('a checklist needs a "title"');
  if (!Array.isArray(t.items) || t.items.length === 0) return fail('a checklist needs "items"');
  for (const item of t.items as unknown[]) {
    const i = item as Record<string, unknown>;
    if (typeof i.id !== 'string' || typeof i.label !== 'string' || typeof i.question !== 'string')
      return fail('every item needs "id", "label" and "question" (text)');
  }
  const ids = (t.items as Array<{ id: string }>).map((i) => i.id);
  if (new Set(ids).size !== ids.length) return fail('item ids must be unique');
  return {
    tool: {
      id: t.id,
      title: t.title,
      citation: typeof t.citation === 'string' ? t.citation : '',
      overall: Array.isArray(t.overall) ? t.overall.map(String) : [],
      items: t.items as AppraisalTool['items'],
      file,
    },
    findings: [],
  };
}

/** appraisal.csv → rows checked against the tools: answers, item columns, overall judgement. */
export function appraisalTable(
  table: RawTable | null,
  tools: readonly AppraisalTool[],
): { appraisal: AppraisalTable | null; findings: Finding[] } {
  if (!table) return { appraisal: null, findings: [] };
  const missing = missingColumns(
    table,
    ['source_id', 'tool', 'overall'],
    'expected source_id,tool,<item ids>,overall,appraiser,note',
  );
  if (missing) return { appraisal: null, findings: [missing] };
  const findings: Finding[] = [];
  const at = (line: number, column: number, severity: Finding['severity'], code: string, message: string) =>
    findings.push({ file: table.file, line, column, severity, code, message });
  const field = (name: string) => findColumn(table.header, name);
  const byId = new Map(tools.map((t) => [t.id, t]));
  const rows: AppraisalRow[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((cells, r) => {
    const line = table.lines[r]!;
    const cell = (name: string) => (field(name) >= 0 ? cells[field(name)]!.trim() : '');
    const sourceId = cell('source_id');
    const tool = byId.get(cell('tool'));
    if (sourceId === '')
      return at(line, field('source_id') + 1, 'error', 'appraisal.missing-source', 'source_id is empty');
    if (seen.has(sourceId.toLowerCase()))
      return at(
        line,
        field('source_id') + 1,
        'error',
        'appraisal.duplicate',
        `source "${sourceId}" is appraised again (first at line ${seen.get(sourceId.toLowerCase())})`,
      );
    seen.set(sourceId.toLowerCase(), line);
    if (!tool)
      return at(
        line,
        field('tool') + 1,
        'error',
        'appraisal.unknown-tool',
        `tool "${cell('tool')}" is not one of the cohort's checklists (${tools.map((t) => t.id).join(', ') || 'none configured'})`,
      );
    const answers: AppraisalRow['answers'] = {};
    for (const item of tool.items) {
      const k = field(item.id);
      if (k < 0) {
        at(
          table.headerLine,
          0,
          'error',
          'appraisal.missing-item',
          `no column "${item.id}" for item ${item.id} of ${tool.id} (${item.label})`,
        );
        answers[item.id] = null;
        continue;
      }
      const typed = cells[k]!.trim();
      if (typed === '') {
        at(
          line,
          k + 1,
          'warning',
          'appraisal.unanswered',
          `${item.id} (${item.label}) is not answered: counted as not answered, not as unclear`,
        );
        answers[item.id] = null;
        continue;
      }
      const answer = ANSWER_SPELLINGS[normalizeKey(typed)];
      if (!answer) {
        at(
          line,
          k + 1,
          'error',
          'appraisal.bad-answer',
          `${item.id} "${typed.slice(0, 60)}" is not one of ${APPRAISAL_ANSWERS.join(', ')}`,
        );
        answers[item.id] = null;
      } else answers[item.id] = answer;
    }
    // An answer in a column of another tool's item is a slip (a case report answered as a series).
    const own = new Set(tool.items.map((i) => i.id));
    for (const other of tools)
      for (const item of other.items) {
        const k = field(item.id);
        if (!own.has(item.id) && k >= 0 && cells[k]!.trim() !== '')
          at(
            line,
            k + 1,
            'warning',
            'appraisal.not-in-tool',
            `${item.id} is answered, but ${tool.id} has no item ${item.id}: the answer is ignored`,
          );
      }
    const overall = cell('overall');
    if (tool.overall.length > 0 && !tool.overall.includes(overall.toLowerCase()))
      at(
        line,
        field('overall') + 1,
        overall === '' ? 'warning' : 'error',
        'appraisal.bad-overall',
        `overall "${overall}" is not one of ${tool.overall.join(', ')}`,
      );
    rows.push({
      sourceId,
      tool: tool.id,
      answers,
      overall: overall.toLowerCase(),
      appraiser: cell('appraiser'),
      note: cell('note'),
      line,
    });
  });
  return { appraisal: { file: table.file, tools: [...tools], rows }, findings };
}

/** Every appraised source is a known source, and every source of an included patient is appraised. */
export function checkAppraisalCoverage(
  appraisal: AppraisalTable,
  sources: readonly Source[],
  cases: CaseTable,
  sourcesFile: string,
): Finding[] {
  const findings: Finding[] = [];
  const known = new Set(sources.map((s) => s.id));
  for (const row of appraisal.rows)
    if (!known.has(row.sourceId))
      findings.push({
        file: appraisal.file,
        line: row.line,
        column: 1,
        severity: 'error',
        code: 'appraisal.unknown-source',
        message: `source "${excerpt(row.sourceId)}" is not in ${sourcesFile}`,
      });
  const appraised = new Set(appraisal.rows.map((r) => r.sourceId));
  const cited = new Set<string>();
  for (let i = 0; i < cases.n; i++) if (cases.included[i]) cited.add(cases.sourceIds[i]!);
  for (const s of sources)
    if (cited.has(s.id) && !appraised.has(s.id))
      findings.push({
        file: sourcesFile,
        line: s.line,
        column: 1,
        severity: 'warning',
        code: 'appraisal.not-appraised',
        message: `source "${excerpt(s.id)}" is cited by included patients but has no row in ${appraisal.file}`,
      });
  return findings;
}

/** appraisal.csv: each source appraised with a checklist the appraisal block names. */
export const appraisalInputTable = defineInputTable<AppraisalTable | null>()({
  key: 'appraisal',
  description:
    'Critical appraisal, one row per source: `source_id,tool,<item ids>,overall,appraiser,note` (optional; needs the `appraisal` block).',
  idColumn: 'source_id',
  empty: null,
  extraFiles: (config) => config.appraisal?.tools ?? [],
  normalize: (raw, _context, checklists) => {
    const tools = checklists.map((c) => appraisalTool(c.text, c.file));
    const appraisal = appraisalTable(
      raw,
      tools.flatMap((t) => (t.tool ? [t.tool] : [])),
    );
    return {
      value: appraisal.appraisal,
      findings: [...tools.flatMap((t) => t.findings), ...appraisal.findings],
    };
  },
  check: (appraisal, tables) => {
    const cases = tables.of(casesTable);
    const sources = tables.raw(sourcesTable);
    return appraisal && cases && sources
      ? checkAppraisalCoverage(appraisal, tables.of(sourcesTable), cases, sources.file)
      : [];
  },
});
