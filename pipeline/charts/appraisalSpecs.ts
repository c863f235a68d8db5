import { plural } from '../report/formatNumber.ts';
import { bundledFontWidths } from '../drawing/bundledFont.ts';
import { textWidth } from '../drawing/fontMetrics.ts';
import { widestFigurePx, type FigureWidth } from './printSize.ts';
import { chartConfig } from './theme.ts';
import { categoryLabelLayer, lineHeight, mostLines, wrappedLabel, wrappedLines } from './wrappedLabels.ts';
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

/** One journal column: titles and the items' key wrap to this width; all text is 10 px or more. */
const SINGLE_TEXT_WIDTH = 300;
const SMALL_FONT = 10;
/** Vega's padding around a chart, and an axis's ticks with the gap before their labels. */
const OUTER_PADDING = 5;
const AXIS_GAP = 8;
/** Item columns of the traffic light at one column: as wide as room allows, within these bounds. */
const SINGLE_STEP = { min: 16, max: 34 };

const widest = (texts: readonly string[], fontSize = SMALL_FONT) =>
  Math.max(0, ...texts.map((t) => textWidth(bundledFontWidths().regular, t, fontSize)));

const header = (title: unknown, subtitle: string) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: { text: title, subtitle },
  config: chartConfig,
});

/**
 * The legend of the answers at one column, drawn by hand from the figure's left edge (`left`, in
 * pixels from the plot): Vega puts a legend under the plot, right of the labels, where its five
 * entries in a row would set the figure's width. Three entries a row; colour and symbol as in the dots.
 */
function answerKeyView(left: number): Record<string, unknown> {
  const column = widest(ANSWERS.map((a) => a.answer)) + 30;
  const values = ANSWERS.map((a, k) => ({
    answer: a.answer,
    x: left + 8 + (k % 3) * column,
    y: 9 + Math.floor(k / 3) * 18,
  }));
  const at = {
    x: { field: 'x', type: 'quantitative', scale: null },
    y: { field: 'y', type: 'quantitative', scale: null },
  };
  return {
    data: { values },
    width: 10,
    height: 36,
    layer: [
      {
        mark: { type: 'circle', size: 120, stroke: '#555', strokeWidth: 0.6, opacity: 1 },
        encoding: { ...at, color: { ...answerColour, legend: null } },
      },
      {
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'middle',
          dx: 10,
          fontSize: SMALL_FONT,
          color: '#333',
        },
        encoding: { ...at, text: { field: 'answer' } },
      },
    ],
  };
}

/** Lines of text under a chart, one a row, from the figure's left edge (`left`, pixels from the plot). */
function textLinesView(lines: readonly string[], left: number): Record<string, unknown> {
  return {
    data: { values: lines.map((line, rank) => ({ line, rank })) },
    width: 10,
    height: { step: lineHeight(SMALL_FONT) },
    mark: { type: 'text', align: 'left', fontSize: SMALL_FONT, color: '#333' },
    encoding: {
      y: { field: 'rank', type: 'ordinal', axis: null },
      x: { value: left },
      text: { field: 'line' },
    },
  };
}

/**
 * robvis-style traffic light: one row per source, one column per item, a coloured dot per answer.
 * At one column (`width` single) the columns are headed by the item ids only, as narrow as the
 * sources' names and the overall judgements leave room for (down to 16 px), with the items and the
 * answers written out in a key under the chart.
 */
export function trafficLightSpec(
  title: string,
  items: readonly Item[],
  sources: ReadonlyArray<{
    source_id: string;
    answers: Record<string, AppraisalAnswer | null>;
    overall: string;
  }>,
  width: FigureWidth = 'double',
): Record<string, unknown> {
  const single = width === 'single';
  const heading = (i: Item) => (single ? i.id : `${i.id}. ${i.label}`);
  // Columns and rows in the order given, by a rank in the data: a sort list of labels would be
  // compiled into an expression.
  const values = sources.flatMap((s, row) => [
    ...items.map((i, column) => {
      const answer = s.answers[i.id] ?? 'not answered';
      return {
        source: s.source_id,
        row,
        item: heading(i),
        column,
        answer,
        symbol: ANSWERS.find((a) => a.answer === answer)!.symbol,
      };
    }),
    {
      source: s.source_id,
      row,
      item: 'Overall',
      column: items.length,
      answer: 'overall',
      symbol: s.overall || '–',
    },
  ]);
  const sourceWidth = widest(sources.map((s) => s.source_id));
  // At one column the item columns get what the source names (left) and the overall judgements
  // (right of the last column) leave of the widest figure whose 10 px text prints at 6 pt.
  const room =
    widestFigurePx('single') -
    2 * OUTER_PADDING -
    sourceWidth -
    AXIS_GAP -
    widest(values.filter((v) => v.answer === 'overall').map((v) => v.symbol)) -
    4;
  const step = single
    ? Math.max(SINGLE_STEP.min, Math.min(SINGLE_STEP.max, Math.floor(room / items.length)))
    : 34;
  // A dot fills its column but for a 3 px gap.
  const dot = single ? Math.min(190, Math.round(((step - 3) ** 2 * Math.PI) / 4)) : 190;
  const fontSize = single ? SMALL_FONT : 9;
  const grid = {
    width: { step },
    height: { step: 18 },
    encoding: {
      x: {
        field: 'item',
        type: 'nominal',
        sort: { field: 'column', op: 'min' },
        title: null,
        axis: { orient: 'top', labelAngle: single ? -90 : -40 },
      },
      y: {
        field: 'source',
        type: 'nominal',
        sort: { field: 'row', op: 'min' },
        title: null,
        ...(single ? { axis: { labelFontSize: SMALL_FONT } } : {}),
      },
    },
    layer: [
      {
        transform: [{ filter: "datum.answer !== 'overall'" }],
        mark: { type: 'circle', size: dot, stroke: '#555', strokeWidth: 0.6, opacity: 1 },
        encoding: {
          color: single ? { ...answerColour, legend: null } : answerColour,
          tooltip: [{ field: 'source' }, { field: 'item' }, { field: 'answer' }],
        },
      },
      {
        transform: [{ filter: "datum.answer !== 'overall'" }],
        mark: { type: 'text', fontSize, fontWeight: 'bold', color: '#111' },
        encoding: { text: { field: 'symbol' } },
      },
      {
        transform: [{ filter: "datum.answer === 'overall'" }],
        // Written from the left of the overall column, past it to the right.
        mark: { type: 'text', fontSize, align: 'left', dx: single ? -step / 2 + 2 : -14, color: '#111' },
        encoding: { text: { field: 'symbol' } },
      },
    ],
  };
  if (!single)
    return {
      ...header(title, 'Answer per source and item'),
      data: { values },
      ...grid,
      // Room right of the last column for the overall judgement, written out.
      padding: { right: 110, left: 5, top: 5, bottom: 5 },
    };
  // The key starts under the source names, at the figure's left edge.
  const left = -(sourceWidth + AXIS_GAP);
  return {
    ...header(
      wrappedLines(title, SINGLE_TEXT_WIDTH, chartConfig.title.fontSize, true),
      'Answer per source and item',
    ),
    vconcat: [
      { data: { values }, ...grid },
      answerKeyView(left),
      textLinesView(
        items.flatMap((i) => wrappedLines(`${i.id}. ${i.label}`, SINGLE_TEXT_WIDTH, SMALL_FONT)),
        left,
      ),
    ],
  };
}

/** The summary at one column: items wrapped to 150 px beside a 170 px plot. */
const SUMMARY_SINGLE = { plotWidth: 170, labelWidth: 150 };

/**
 * robvis-style summary: per item, the share of sources answering yes, no, unclear, not applicable.
 * At one column the plot narrows, the items' labels are wrapped beside it and the answers' key is
 * drawn under it from the left edge.
 */
export function appraisalSummarySpec(
  title: string,
  items: ReadonlyArray<Item & Record<'yes' | 'no' | 'unclear' | 'not_applicable' | 'not_answered', number>>,
  sources: number,
  width: FigureWidth = 'double',
): Record<string, unknown> {
  const single = width === 'single';
  const key = {
    yes: 'yes',
    no: 'no',
    unclear: 'unclear',
    'not applicable': 'not_applicable',
    'not answered': 'not_answered',
  } as const;
  const labels = items.map((i) => wrappedLabel(`${i.id}. ${i.label}`, SUMMARY_SINGLE.labelWidth));
  const values = items.flatMap((i, rank) =>
    ANSWERS.map((a, order) => ({
      item: `${i.id}. ${i.label}`,
      rank,
      answer: a.answer,
      order,
      n: i[key[a.answer]],
      text: `${i[key[a.answer]]} of ${sources}`,
    }))
      .filter((v) => v.n > 0)
      // At one column the item's label is drawn once, with its first bar segment.
      .map((v, k) => (single ? { ...v, ...labels[rank]!, labelRow: k === 0 } : v)),
  );
  const bars = {
    mark: { type: 'bar', stroke: '#555', strokeWidth: 0.5 },
    encoding: {
      x: {
        field: 'n',
        type: 'quantitative',
        stack: 'normalize',
        title: 'Share of sources',
        axis: single ? { format: '%', values: [0, 0.5, 1] } : { format: '%' },
      },
      color: single ? { ...answerColour, legend: null } : answerColour,
      order: { field: 'order' },
      tooltip: [{ field: 'item' }, { field: 'answer' }, { field: 'text', title: 'sources' }],
    },
  };
  // Items in the checklist's order by a rank in the data, not a sort list of labels (an expression).
  const y = { field: 'item', type: 'nominal', sort: { field: 'rank', op: 'min' }, title: null };
  const subtitle = `Share of the ${plural(sources, 'source')} per answer`;
  if (!single)
    return {
      ...header(title, subtitle),
      data: { values },
      width: 420,
      height: items.length * 22,
      ...bars,
      encoding: { ...bars.encoding, y },
    };
  const labelWidth = widest(
    labels.flatMap((l) => l.labelLines),
    chartConfig.axis.labelFontSize,
  );
  return {
    ...header(wrappedLines(title, SINGLE_TEXT_WIDTH, chartConfig.title.fontSize, true), subtitle),
    vconcat: [
      {
        data: { values },
        width: SUMMARY_SINGLE.plotWidth,
        height: { step: Math.max(22, mostLines(labels.map((l) => l.labelLines)) * lineHeight(11) + 6) },
        encoding: { y: { ...y, axis: { labels: false } } },
        layer: [bars, { transform: [{ filter: 'datum.labelRow' }], ...categoryLabelLayer() }],
      },
      answerKeyView(-(labelWidth + AXIS_GAP)),
    ],
  };
}
