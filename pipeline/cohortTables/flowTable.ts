import { casesTable } from './casesTable.ts';
import { checkFlowArithmetic, checkFlowScope, flowCounts, type FlowCounts } from './flowCounts.ts';
import { defineInputTable } from './inputTable.ts';
import { sourcesTable } from './sourcesTable.ts';

/** flow.csv: the study-flow counts (PRISMA 2020), checked against the case table and the sources. */
export const flowTable = defineInputTable<FlowCounts | null>()({
  key: 'flow',
  description:
    'PRISMA 2020 study-flow counts (optional). CSV or `.xlsx` (optionally `#Sheet`), as for `cases`.',
  optional: true,
  idColumn: 'step',
  empty: null,
  normalize: (raw) => {
    const { flow, findings } = flowCounts(raw);
    return { value: flow, findings };
  },
  check: (flow, tables) => {
    const cases = tables.of(casesTable);
    const sources = tables.raw(sourcesTable);
    if (!flow) return [];
    return [
      ...(cases ? checkFlowArithmetic(flow, cases.included.filter(Boolean).length, cases.file) : []),
      ...(sources
        ? checkFlowScope(flow, new Set(tables.of(sourcesTable).map((s) => s.id)), sources.file)
        : []),
    ];
  },
});
