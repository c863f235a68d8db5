import {
  appraisalTable,
  appraisalTool,
  type AppraisalTable,
} from '../../pipeline/cohortTables/appraisalTable.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import type { Finding } from '../../pipeline/types.ts';

/** A synthetic three-item checklist, as a cohort's checklists/<id>.json would define it. */
export const TOOL_JSON = JSON.stringify({
  id: 'tri',
  title: 'Synthetic three-item checklist',
  citation: 'Synthetic, for tests',
  overall: ['include', 'exclude', 'seek further info'],
  items: [
    { id: 'q1', label: 'One', question: 'First question?' },
    { id: 'q2', label: 'Two', question: 'Second question?' },
    { id: 'q3', label: 'Three', question: 'Third question?' },
  ],
});

/** appraisal.csv text (synthetic) read against the synthetic checklist. */
export function appraisalOf(csv: string): { appraisal: AppraisalTable | null; findings: Finding[] } {
  const tool = appraisalTool(TOOL_JSON, 'checklists/tri.json').tool!;
  return appraisalTable(parseCsv(csv, 'appraisal.csv', 'z').table, [tool]);
}
