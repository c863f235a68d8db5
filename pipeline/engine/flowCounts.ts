import { parseDecimal } from '../parse/parseDecimal.ts';
import { missingColumns } from '../parse/missingColumns.ts';
import type { Finding, RawTable } from '../types.ts';
import { excerpt } from '../parse/excerpt.ts';

/** PRISMA 2020 steps, in the order records flow through them. */
export const FLOW_STEPS = [
  'identified',
  'duplicates_removed',
  'removed_other',
  'screened',
  'excluded_screening',
  'assessed',
  'excluded_fulltext',
  'included',
] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];

export interface FlowBox {
  step: FlowStep;
  label: string;
  count: number;
  note: string;
  line: number;
}

export interface FlowCounts {
  file: string;
  boxes: FlowBox[];
}

/** flow.csv (`step,label,count,note`) → boxes; unknown steps and non-counts become findings. */
export function flowCounts(table: RawTable | null): { flow: FlowCounts | null; findings: Finding[] } {
  if (!table) return { flow: null, findings: [] };
  const findings: Finding[] = [];
  const col = (name: string) => table.header.indexOf(name);
  const missing = missingColumns(table, ['step', 'label', 'count'], 'expected step,label,count,note');
  if (missing) return { flow: null, findings: [missing] };
  const boxes: FlowBox[] = [];
  table.rows.forEach((row, i) => {
    const line = table.lines[i]!;
    const step = row[col('step')]!.trim() as FlowStep;
    if (!FLOW_STEPS.includes(step)) {
      const message = `step "${excerpt(step)}" is not one of ${FLOW_STEPS.join(', ')}`;
      findings.push({
        file: table.file,
        line,
        column: col('step') + 1,
        severity: 'error',
        code: 'flow.unknown-step',
        message,
      });
      return;
    }
    const text = row[col('count')]!.trim();
    const count = parseDecimal(text);
    if (count === null || count < 0 || !Number.isInteger(count)) {
      const message = `count "${excerpt(text)}" is not a whole number of records`;
      findings.push({
        file: table.file,
        line,
        column: col('count') + 1,
        severity: 'error',
        code: 'flow.bad-count',
        message,
      });
      return;
    }
    const note = col('note') >= 0 ? row[col('note')]!.trim() : '';
    boxes.push({ step, label: row[col('label')]!.trim(), count, note, line });
  });
  return { flow: { file: table.file, boxes }, findings };
}

const total = (boxes: readonly FlowBox[], step: FlowStep) =>
  boxes.filter((b) => b.step === step).reduce((s, b) => s + b.count, 0);
const has = (boxes: readonly FlowBox[], step: FlowStep) => boxes.some((b) => b.step === step);

/**
 * Each box whose count should follow from the boxes above it, checked; a box that does not add up
 * is a warning at its line. The included count is also checked against the rows actually included.
 */
export function checkFlowArithmetic(flow: FlowCounts, includedRows: number, casesFile: string): Finding[] {
  const { boxes } = flow;
  const findings: Finding[] = [];
  const warn = (step: FlowStep, message: string) => {
    const box = boxes.find((b) => b.step === step)!;
    findings.push({
      file: flow.file,
      line: box.line,
      column: 0,
      severity: 'warning',
      code: 'flow.arithmetic',
      message,
    });
  };
  // Records entering each stage, following PRISMA 2020: what is left after the stage above.
  let flowing: number | null = has(boxes, 'identified') ? total(boxes, 'identified') : null;
  let from = 'records identified';
  if (flowing !== null) {
    flowing -= total(boxes, 'duplicates_removed') + total(boxes, 'removed_other');
    if (has(boxes, 'duplicates_removed') || has(boxes, 'removed_other'))
      from = 'records identified minus those removed';
  }
  const stages: Array<{ box: FlowStep; excluded: FlowStep; name: string }> = [
    { box: 'screened', excluded: 'excluded_screening', name: 'screened' },
    { box: 'assessed', excluded: 'excluded_fulltext', name: 'assessed' },
  ];
  for (const stage of stages) {
    if (has(boxes, stage.box)) {
      const stated = total(boxes, stage.box);
      if (flowing !== null && stated !== flowing) {
        warn(
          stage.box,
          `${stage.name}: ${stated} does not follow from the boxes above (${from} = ${flowing})`,
        );
      }
      flowing = stated;
      from = `${stage.name}`;
    }
    if (flowing !== null && has(boxes, stage.excluded)) {
      flowing -= total(boxes, stage.excluded);
      from = `${from} ${flowing + total(boxes, stage.excluded)} minus ${total(boxes, stage.excluded)} excluded`;
    }
  }
  if (has(boxes, 'included')) {
    const included = total(boxes, 'included');
    if (flowing !== null && included !== flowing) {
      warn('included', `included: ${included} does not follow from the boxes above (${from} = ${flowing})`);
    }
    if (included !== includedRows) {
      warn(
        'included',
        `included: ${included} in the flow diagram, but ${casesFile} has ${includedRows} included rows`,
      );
    }
  }
  return findings;
}
