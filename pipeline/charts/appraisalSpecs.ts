import { plural } from '../report/formatNumber.ts';
import { chartConfig } from './theme.ts';
import type { AppraisalAnswer } from '../cohortTables/appraisalTable.ts';

/** Okabe–Ito colours (safe for colour-blind readers), and a symbol in each mark so colour is not needed. */
const ANSWERS: Array<{ answer: AppraisalAnswer | 'not answered'; colour: string; symbol: string }> = [
  { answer: 'yes', colour: '#009E73', symbol: '+' },
  { answer: 'no', colour: '#D55E00', symbol: '−' },
  { answer: 'unclear', colour: '#F0E442', symbol: '?' },
  { answer: 'not applicable', colour: '#BBBBBB', symbol: 'NA' },
  { answer: 'not answered', colour: '#FFFFFF', symbol: '' },
];
const colourScale = { domain: ANSWERS.map((a) => a.answer), range: ANSWERS.map((a) => a.colour) };
/** The answer's colour, with its legend below the chart (both charts share it). */
const answerColour = {
  field: 'answer',
  type: 'nominal',
  scale: colourScale,
  title: 'Answer',
  legend: { orient: 'bottom', direction: 'horizontal' },
};

interface Item {
  id: string;
  label: string;
}

/** robvis-style traffic light: one row per source, one column per item, a coloured dot per answer. */
export function trafficLightSpec(
  title: string,
  items: readonly Item[],
  sources: ReadonlyArray<{
    source_id: string;
    answers: Record<string, AppraisalAnswer | null>;
    overall: string;
  }>,
): Record<string, unknown> {
  const columns = [...items.map((i) => `${i.id}. ${i.label}`), 'Overall'];
  const values = sources.flatMap((s) => [
    ...items.map((i) => {
      const answer = s.answers[i.id] ?? 'not answered';
      return {
        source: s.source_id,
        item: `${i.id}. ${i.label}`,
        answer,
        symbol: ANSWERS.find((a) => a.answer === answer)!.symbol,
      };
    }),
    { source: s.source_id, item: 'Overall', answer: 'overall', symbol: s.overall || '–' },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: 'Answer per source and item' },
    config: chartConfig,
    data: { values },
    width: { step: 34 },
    height: { step: 18 },
    // Room right of the last column for the overall judgement, written out.
    padding: { right: 110, left: 5, top: 5, bottom: 5 },
    encoding: {
      x: {
        field: 'item',
        type: 'nominal',
        sort: columns,
        title: null,
        axis: { orient: 'top', labelAngle: -40 },
      },
      y: { field: 'source', type: 'nominal', sort: sources.map((s) => s.source_id), title: null },
    },
    layer: [
      {
        transform: [{ filter: "datum.answer !== 'overall'" }],
        mark: { type: 'circle', size: 190, stroke: '#555', strokeWidth: 0.6, opacity: 1 },
        encoding: {
          color: answerColour,
          tooltip: [{ field: 'source' }, { field: 'item' }, { field: 'answer' }],
        },
      },
      {
        transform: [{ filter: "datum.answer !== 'overall'" }],
        mark: { type: 'text', fontSize: 9, fontWeight: 'bold', color: '#111' },
        encoding: { text: { field: 'symbol' } },
      },
      {
        transform: [{ filter: "datum.answer === 'overall'" }],
        mark: { type: 'text', fontSize: 9, align: 'left', dx: -14, color: '#111' },
        encoding: { text: { field: 'symbol' } },
      },
    ],
  };
}

/** robvis-style summary: per item, the share of sources answering yes, no, unclear, not applicable. */
export function appraisalSummarySpec(
  title: string,
  items: ReadonlyArray<Item & Record<'yes' | 'no' | 'unclear' | 'not_applicable' | 'not_answered', number>>,
  sources: number,
): Record<string, unknown> {
  const key = {
    yes: 'yes',
    no: 'no',
    unclear: 'unclear',
    'not applicable': 'not_applicable',
    'not answered': 'not_answered',
  } as const;
  const values = items.flatMap((i) =>
    ANSWERS.map((a, order) => ({
      item: `${i.id}. ${i.label}`,
      answer: a.answer,
      order,
      n: i[key[a.answer]],
      text: `${i[key[a.answer]]} of ${sources}`,
    })).filter((v) => v.n > 0),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: `Share of the ${plural(sources, 'source')} per answer` },
    config: chartConfig,
    data: { values },
    width: 420,
    height: items.length * 22,
    mark: { type: 'bar', stroke: '#555', strokeWidth: 0.5 },
    encoding: {
      y: { field: 'item', type: 'nominal', sort: items.map((i) => `${i.id}. ${i.label}`), title: null },
      x: {
        field: 'n',
        type: 'quantitative',
        stack: 'normalize',
        title: 'Share of sources',
        axis: { format: '%' },
      },
      color: answerColour,
      order: { field: 'order' },
      tooltip: [{ field: 'item' }, { field: 'answer' }, { field: 'text', title: 'sources' }],
    },
  };
}
