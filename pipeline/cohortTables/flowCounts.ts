import { closestMatch } from '../parse/closestMatch.ts';
import { findColumn } from '../parse/columnKey.ts';
import { isAmbiguousThousands, parseDecimal } from '../parse/parseDecimal.ts';
import { ambiguousNumberMessage } from '../parse/parseNumber.ts';
import { missingColumns } from '../parse/missingColumns.ts';
import type { Finding, RawTable } from '../types.ts';
import { excerpt } from '../parse/excerpt.ts';

/**
 * PRISMA 2020 steps (the template for new reviews with searches of databases, registers and other
 * sources), in the order records flow through them. `many` steps take one row per database, method
 * or reason and count as their sum; every other step is one box with one count.
 */
export const FLOW_STEP_INFO = {
  identified: { arm: 'databases', many: true, box: 'Records identified from databases and registers' },
  duplicates_removed: { arm: 'databases', many: true, box: 'Duplicate records removed' },
  removed_automation: {
    arm: 'databases',
    many: true,
    box: 'Records marked as ineligible by automation tools',
  },
  removed_other: { arm: 'databases', many: true, box: 'Records removed for other reasons' },
  screened: { arm: 'databases', many: false, box: 'Records screened' },
  excluded_screening: { arm: 'databases', many: true, box: 'Records excluded' },
  sought_retrieval: { arm: 'databases', many: false, box: 'Reports sought for retrieval' },
  not_retrieved: { arm: 'databases', many: true, box: 'Reports not retrieved' },
  assessed: { arm: 'databases', many: false, box: 'Reports assessed for eligibility' },
  excluded_fulltext: { arm: 'databases', many: true, box: 'Reports excluded' },
  other_identified: {
    arm: 'other',
    many: true,
    box: 'Records identified from other methods (websites, organisations, citation searching, …)',
  },
  other_sought_retrieval: { arm: 'other', many: false, box: 'Reports sought for retrieval' },
  other_not_retrieved: { arm: 'other', many: true, box: 'Reports not retrieved' },
  other_assessed: { arm: 'other', many: false, box: 'Reports assessed for eligibility' },
  other_excluded: { arm: 'other', many: true, box: 'Reports excluded' },
  included_studies: { arm: 'included', many: false, box: 'Studies included in review' },
  included_reports: { arm: 'included', many: false, box: 'Reports of included studies' },
  included_patients: { arm: 'included', many: false, box: 'Patients included' },
} as const;
export type FlowStep = keyof typeof FLOW_STEP_INFO;
export const FLOW_STEPS = Object.keys(FLOW_STEP_INFO) as FlowStep[];

/**
 * Names from before the full PRISMA 2020 vocabulary. `included` was the box below "reports
 * assessed", so it is read as the reports of included studies; it says nothing about patients.
 */
const OLDER_STEP_NAMES = new Map<string, FlowStep>([['included', 'included_reports']]);

/** Own keys only: a step written "constructor" must not find Object's. */
const isFlowStep = (name: string): name is FlowStep => Object.hasOwn(FLOW_STEP_INFO, name);

/** The row that says whose search the flow is: `scope`, label `review` or a source_id. */
const SCOPE_STEP = 'scope';

export interface FlowBox {
  step: FlowStep;
  /** The step as the file writes it (an older name stays visible in messages). */
  written: string;
  label: string;
  count: number;
  note: string;
  line: number;
}

/**
 * Whose search the flow counts: this review's own (then its included patients are this cohort's
 * rows), the search reported in a source paper (a different set of patients), or not stated.
 */
export type FlowScope =
  | { kind: 'unstated' }
  | { kind: 'review'; line: number }
  | { kind: 'source'; sourceId: string; line: number; column: number };

export interface FlowCounts {
  file: string;
  boxes: FlowBox[];
  /** 1-based column of `count`, where findings about a count point. */
  countColumn: number;
  scope: FlowScope;
}

const STEP_HELP: Record<FlowStep, string> = {
  identified: 'records identified, one row per database or register',
  duplicates_removed: 'duplicate records removed before screening',
  removed_automation: 'records marked as ineligible by automation tools',
  removed_other: 'records removed before screening for other reasons, one row per reason',
  screened: 'records screened',
  excluded_screening: 'records excluded at screening, one row per reason',
  sought_retrieval: 'reports sought for retrieval',
  not_retrieved: 'reports not retrieved',
  assessed: 'reports assessed for eligibility',
  excluded_fulltext: 'reports excluded, one row per reason',
  other_identified:
    'records identified from other methods (websites, organisations, citation searching), one row per method',
  other_sought_retrieval: 'other methods: reports sought for retrieval',
  other_not_retrieved: 'other methods: reports not retrieved',
  other_assessed: 'other methods: reports assessed for eligibility',
  other_excluded: 'other methods: reports excluded, one row per reason',
  included_studies: 'studies included in the review',
  included_reports: 'reports of included studies',
  included_patients: 'patients included, compared with the included rows of cases.csv',
};

/** The unknown-step message doubles as the reference of every step. */
const STEP_REFERENCE =
  `scope (whose search: label "review" or a source_id, no count), ` +
  FLOW_STEPS.map((s) => `${s} (${STEP_HELP[s]})`).join(', ') +
  ', and included (the older name of included_reports)';

/** flow.csv (`step,label,count,note`) → boxes; unknown steps and non-counts become findings. */
export function flowCounts(table: RawTable | null): { flow: FlowCounts | null; findings: Finding[] } {
  if (!table) return { flow: null, findings: [] };
  const findings: Finding[] = [];
  const col = (name: string) => findColumn(table.header, name);
  const missing = missingColumns(table, ['step', 'label', 'count'], 'expected step,label,count,note');
  if (missing) return { flow: null, findings: [missing] };
  const cell = (row: readonly string[], name: string) =>
    col(name) >= 0 ? (row[col(name)] ?? '').trim() : '';
  const error = (line: number, column: string, code: string, message: string) =>
    findings.push({ file: table.file, line, column: col(column) + 1, severity: 'error', code, message });
  const boxes: FlowBox[] = [];
  const firstLine = new Map<string, number>();
  let scope: FlowScope = { kind: 'unstated' };
  table.rows.forEach((row, i) => {
    const line = table.lines[i]!;
    const written = cell(row, 'step');
    const step = OLDER_STEP_NAMES.get(written) ?? written;
    const once = written === SCOPE_STEP || (isFlowStep(step) && !FLOW_STEP_INFO[step].many);
    if (once && firstLine.has(step)) {
      const message = `step "${excerpt(written)}" is given twice (first on line ${firstLine.get(step)}); it is one box with one count`;
      error(line, 'step', 'flow.repeated-step', message);
      return;
    }
    firstLine.set(step, line);
    const text = cell(row, 'count');
    if (written === SCOPE_STEP) {
      const label = cell(row, 'label');
      if (text !== '')
        error(line, 'count', 'flow.bad-scope', `scope takes no count, found "${excerpt(text)}"`);
      else if (label === '')
        error(
          line,
          'label',
          'flow.bad-scope',
          'scope needs a label: "review" or the source_id of the paper whose search this is',
        );
      else if (label.toLowerCase() === 'review') scope = { kind: 'review', line };
      else scope = { kind: 'source', sourceId: label, line, column: col('label') + 1 };
      return;
    }
    if (!isFlowStep(step)) {
      const near = closestMatch(written, [SCOPE_STEP, ...FLOW_STEPS, ...OLDER_STEP_NAMES.keys()]);
      const hint = near ? `did you mean "${near}"? ` : '';
      error(
        line,
        'step',
        'flow.unknown-step',
        `step "${excerpt(written)}" is not a flow step; ${hint}steps: ${STEP_REFERENCE}`,
      );
      return;
    }
    const count = parseDecimal(text);
    if (count === null || count < 0 || !Number.isInteger(count)) {
      const message = isAmbiguousThousands(text.trim())
        ? `count ${ambiguousNumberMessage(text)}`
        : `count "${excerpt(text)}" is not a whole number of records`;
      error(line, 'count', 'flow.bad-count', message);
      return;
    }
    // Above 2^53 a double skips whole numbers: the count would be rounded silently.
    if (!Number.isSafeInteger(count)) {
      const limit = Number.MAX_SAFE_INTEGER.toLocaleString('en-US');
      error(
        line,
        'count',
        'flow.bad-count',
        `count "${excerpt(text)}" is more than ${limit}, the largest count held exactly`,
      );
      return;
    }
    boxes.push({ step, written, label: cell(row, 'label'), count, note: cell(row, 'note'), line });
    if (written !== step) {
      const message =
        `step "${excerpt(written)}" is read as ${step} (${STEP_HELP[step]}), not as a count of patients, ` +
        `so it is not compared with cases.csv; write included_patients for the patients the flow includes`;
      findings.push({
        file: table.file,
        line,
        column: col('step') + 1,
        severity: 'info',
        code: 'flow.older-step',
        message,
      });
    }
  });
  return { flow: { file: table.file, boxes, countColumn: col('count') + 1, scope }, findings };
}

/** The rows of one step (an older name counts as the step it stands for). */
export const rowsOf = (flow: FlowCounts, step: FlowStep) => flow.boxes.filter((b) => b.step === step);

/** Sum of a step's rows, or null when the flow does not give the step. */
export function stepTotal(flow: FlowCounts, step: FlowStep): number | null {
  const rows = rowsOf(flow, step);
  return rows.length ? rows.reduce((s, b) => s + b.count, 0) : null;
}

export const hasArm = (flow: FlowCounts, arm: 'databases' | 'other') =>
  flow.boxes.some((b) => FLOW_STEP_INFO[b.step].arm === arm);

/** One arm, top to bottom: each box, then what is taken away before the next box. */
const ARMS: Record<'databases' | 'other', Array<{ box: FlowStep; minus: FlowStep[] }>> = {
  databases: [
    { box: 'identified', minus: ['duplicates_removed', 'removed_automation', 'removed_other'] },
    { box: 'screened', minus: ['excluded_screening'] },
    { box: 'sought_retrieval', minus: ['not_retrieved'] },
    { box: 'assessed', minus: ['excluded_fulltext'] },
  ],
  other: [
    // PRISMA 2020 draws no removal or screening box in this arm: every record is a report sought.
    { box: 'other_identified', minus: [] },
    { box: 'other_sought_retrieval', minus: ['other_not_retrieved'] },
    { box: 'other_assessed', minus: ['other_excluded'] },
  ],
};

interface Running {
  /** Records still flowing, or null when no box above gave a count to start from. */
  value: number | null;
  /** How `value` was reached, e.g. "screened 150 - excluded_screening 120". */
  sum: string;
  /**
   * Steps taking records away that the flow does not give since the last stated box. A step left
   * out is not read as 0: `value` is then only an upper bound on the box below.
   */
  notGiven: string[];
}

const listed = (names: readonly string[]) =>
  names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/** "identified 80 - excluded_screening 69 = 11", plus what is not given when it is a bound. */
const explain = (r: Running) =>
  `${r.sum} = ${r.value}${r.notGiven.length ? ` at most, with ${listed(r.notGiven)} not given` : ''}`;

/** A stated count contradicts what flows in: any difference, or more than a bound allows. */
const contradicts = (stated: number, r: Running) =>
  r.value !== null && (r.notGiven.length ? stated > r.value : stated !== r.value);

/**
 * Each box whose count should follow from the boxes above it, checked per arm; a box that does not
 * add up is a warning at its row and count. Reports of included studies = what is left of both
 * arms; included studies cannot outnumber their reports; included patients are compared with the
 * included rows of cases.csv only when the flow is this cohort's own (or does not say).
 */
export function checkFlowArithmetic(flow: FlowCounts, includedRows: number, casesFile: string): Finding[] {
  const findings: Finding[] = [];
  const at = (step: FlowStep, severity: Finding['severity'], message: string, code = 'flow.arithmetic') => {
    const box = rowsOf(flow, step)[0]!;
    findings.push({ file: flow.file, line: box.line, column: flow.countColumn, severity, code, message });
  };
  const name = (step: FlowStep) => rowsOf(flow, step)[0]?.written ?? step;
  const follow = (arm: 'databases' | 'other'): Running => {
    let running: Running = { value: null, sum: '', notGiven: [] };
    for (const { box, minus } of ARMS[arm]) {
      const stated = stepTotal(flow, box);
      if (stated !== null) {
        if (contradicts(stated, running))
          at(
            box,
            'warning',
            `${name(box)}: ${stated} does not follow from the boxes above (${explain(running)})`,
          );
        running = { value: stated, sum: `${name(box)} ${stated}`, notGiven: [] };
      }
      for (const step of minus) {
        const taken = stepTotal(flow, step);
        if (running.value === null) continue;
        if (taken === null) running = { ...running, notGiven: [...running.notGiven, step] };
        else
          running = {
            ...running,
            value: running.value - taken,
            sum: `${running.sum} - ${name(step)} ${taken}`,
          };
      }
    }
    return running;
  };
  const arms = (['databases', 'other'] as const)
    .filter((arm) => hasArm(flow, arm))
    .map((arm) => ({ arm, ...follow(arm) }));

  // Reports of included studies: what both arms leave, added (a bound if either arm's is one).
  const known = arms.every((a) => a.value !== null) && arms.length > 0;
  const left: Running = {
    value: known ? arms.reduce((s, a) => s + a.value!, 0) : null,
    sum: arms.length === 1 ? arms[0]!.sum : arms.map((a) => a.value).join(' + '),
    notGiven: arms.flatMap((a) => a.notGiven),
  };
  const expectedReports = left.value;
  const how =
    arms.length === 1
      ? explain(left)
      : arms
          .map((a) => `${a.arm === 'databases' ? 'databases and registers' : 'other methods'}: ${explain(a)}`)
          .join('; ') + `; ${left.sum} = ${left.value}${left.notGiven.length ? ' at most' : ''}`;
  const reports = stepTotal(flow, 'included_reports');
  if (reports !== null && contradicts(reports, left))
    at(
      'included_reports',
      'warning',
      `${name('included_reports')}: ${reports} does not follow from the boxes above (${how})`,
    );

  const studies = stepTotal(flow, 'included_studies');
  const reportsBound = reports ?? expectedReports;
  if (studies !== null && reportsBound !== null && studies > reportsBound) {
    const whence = reports !== null ? `${name('included_reports')} ${reports}` : how;
    at(
      'included_studies',
      'warning',
      `included_studies: ${studies} studies but only ${reportsBound} reports of included studies (${whence}); every included study has at least one report`,
    );
  }

  const patients = stepTotal(flow, 'included_patients');
  if (patients !== null && flow.scope.kind === 'source')
    at(
      'included_patients',
      'info',
      `included_patients: ${patients} in the search of ${flow.scope.sourceId}; not compared with the ${includedRows} included rows of ${casesFile}, as that search is not this cohort's own`,
      'flow.included-not-compared',
    );
  else if (patients !== null && patients !== includedRows)
    at(
      'included_patients',
      'warning',
      `included_patients: ${patients} in the flow diagram, but ${casesFile} has ${includedRows} included rows`,
      'flow.included-mismatch',
    );
  return findings;
}

/** A scope naming a source must name one in sources.csv. */
export function checkFlowScope(
  flow: FlowCounts,
  sourceIds: ReadonlySet<string>,
  sourcesFile: string,
): Finding[] {
  const { scope } = flow;
  if (scope.kind !== 'source' || sourceIds.has(scope.sourceId)) return [];
  const near = closestMatch(scope.sourceId, sourceIds);
  return [
    {
      file: flow.file,
      line: scope.line,
      column: scope.column,
      severity: 'error',
      code: 'flow.unknown-source',
      message: `scope "${excerpt(scope.sourceId)}" is neither "review" nor a source_id in ${sourcesFile}${near ? `; did you mean "${excerpt(near)}"?` : ''}`,
    },
  ];
}
