import {
  FLOW_STEP_INFO,
  hasArm,
  rowsOf,
  stepTotal,
  type FlowCounts,
  type FlowScope,
  type FlowStep,
} from '../cohortTables/flowCounts.ts';
import { escapeHtml } from '../report/escapeHtml.ts';
import { bundledFontWidths } from '../drawing/bundledFont.ts';
import type { FigureWidth } from './printSize.ts';
import { CHART_FONT } from './theme.ts';
import { wrapText } from './wrapText.ts';

const LINE = 16;
const PAD = 8;
/** The boxes' text, and the title's (bold). */
const FONT_SIZE = 12;
const TITLE_SIZE = 14;
const MARGIN = 16;
const PHASE_WIDTH = 26;
const ROW_GAP = 30;
/**
 * Box widths per journal column: one arm gets wide boxes; two arms side by side get narrower ones
 * to stay printable. At one column (8.5 cm) a figure up to 482 px wide prints its 12 px text at
 * 6 pt: one arm is 434 px wide there. Two arms are 548 px (5.3 pt, which the caption then says):
 * narrower boxes could not hold a word such as "leiomyosarcoma" on a line.
 */
const LAYOUT = {
  double: {
    one: { main: 300, side: 300, arrow: 40, armGap: 0 },
    two: { main: 200, side: 180, arrow: 24, armGap: 24 },
  },
  single: {
    one: { main: 170, side: 170, arrow: 24, armGap: 0 },
    two: { main: 110, side: 112, arrow: 12, armGap: 10 },
  },
};

/** Words → the lines of a box `width` pixels wide (its padding taken off), by the font's real widths. */
const boxLines = (text: string, width: number) =>
  wrapText(bundledFontWidths().regular, text, FONT_SIZE, width - 2 * PAD);

/** The diagram's title says whose search it counts: a flow copied from a paper is not our own. */
export function flowTitle(scope: FlowScope, sourceCitation: string): string {
  if (scope.kind === 'source') return `Study flow of the source paper's search (${sourceCitation})`;
  if (scope.kind === 'review') return "Study flow of this review's search (PRISMA 2020)";
  return 'Study flow (PRISMA 2020)';
}

const NBSP = '\u00a0';
const countText = (n: number | null) => (n === null ? `n${NBSP}not${NBSP}reported` : `n${NBSP}=${NBSP}${n}`);

/** A line of a box; the file's own labels are drawn grey, under PRISMA's wording in black. */
interface Line {
  text: string;
  label: boolean;
}
const wording = (text: string, width: number): Line[] =>
  boxLines(text, width).map((t) => ({ text: t, label: false }));
const labelled = (text: string, width: number): Line[] =>
  boxLines(text, width).map((t) => ({ text: t, label: true }));

/** A label worth printing: not empty and not just the box's own wording ("records screened"). */
const says = (label: string, wording: string) =>
  label !== '' && !wording.toLowerCase().includes(label.toLowerCase());

/**
 * One step as lines: PRISMA's wording with the total (or "n not reported"), then the file's rows —
 * every database, method or reason as a bullet with its count, a single box's label under it.
 */
function stepLines(flow: FlowCounts, step: FlowStep, width: number, box: string, bullet = ''): Line[] {
  const rows = rowsOf(flow, step);
  const listed = FLOW_STEP_INFO[step].many && (rows.length > 1 || rows.some((r) => says(r.label, box)));
  const total = countText(stepTotal(flow, step));
  const lines = wording(`${bullet}${box} (${total})${listed ? ':' : ''}`, width);
  for (const r of rows) {
    const marker = bullet ? '–' : '•';
    if (listed) lines.push(...labelled(`${marker} ${r.label || r.written} (${countText(r.count)})`, width));
    else if (says(r.label, box)) lines.push(...labelled(r.label, width));
  }
  return lines;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  lines: Line[];
  fill: string;
}

/** Grid rows of the PRISMA 2020 template: identification, three screening rows, included. */
const ROWS = 5;
const PHASES = [
  { name: 'Identification', from: 0, to: 0 },
  { name: 'Screening', from: 1, to: 3 },
  { name: 'Included', from: 4, to: 4 },
];

/** A grid cell of one arm: its main box and the exclusions beside it (null: none in the template). */
interface Cell {
  main: Line[] | null;
  side: Line[] | null;
}

/** The template's boxes as [row][arm] (arm 0: databases and registers, 1: other methods). */
function templateCells(flow: FlowCounts, mainWidth: number, sideWidth: number): Cell[][] {
  const lines = (step: FlowStep, width: number, box: string = FLOW_STEP_INFO[step].box, bullet = '') =>
    stepLines(flow, step, width, box, bullet);
  return [
    [
      {
        main: lines('identified', mainWidth, 'Records identified'),
        side: [
          ...wording('Records removed before screening:', sideWidth),
          ...lines('duplicates_removed', sideWidth, 'Duplicate records removed', '• '),
          ...lines('removed_automation', sideWidth, 'Records marked as ineligible by automation tools', '• '),
          ...lines('removed_other', sideWidth, 'Records removed for other reasons', '• '),
        ],
      },
      { main: lines('other_identified', mainWidth, 'Records identified'), side: null },
    ],
    [
      { main: lines('screened', mainWidth), side: lines('excluded_screening', sideWidth) },
      { main: null, side: null },
    ],
    [
      { main: lines('sought_retrieval', mainWidth), side: lines('not_retrieved', sideWidth) },
      { main: lines('other_sought_retrieval', mainWidth), side: lines('other_not_retrieved', sideWidth) },
    ],
    [
      { main: lines('assessed', mainWidth), side: lines('excluded_fulltext', sideWidth) },
      { main: lines('other_assessed', mainWidth), side: lines('other_excluded', sideWidth) },
    ],
    [
      {
        main: [
          ...lines('included_studies', mainWidth),
          ...lines('included_reports', mainWidth),
          ...lines('included_patients', mainWidth),
        ],
        side: null,
      },
      { main: null, side: null },
    ],
  ];
}

/**
 * PRISMA 2020 flow diagram as standalone SVG, laid out as the 2020 template: the databases and
 * registers arm, the other-methods arm beside it when the flow has one, each main box with its
 * exclusions to the right, and one included box. Every box of the template is drawn; a step the
 * flow does not give says "n not reported", never a number filled in.
 */
export function flowDiagramSvg(flow: FlowCounts, title: string, column: FigureWidth = 'double'): string {
  const two = hasArm(flow, 'other');
  const size = LAYOUT[column][two ? 'two' : 'one'];
  const armWidth = size.main + size.arrow + size.side;
  const left = MARGIN + PHASE_WIDTH + 12;
  const xOf = (arm: 0 | 1, column: 'main' | 'side') =>
    left + arm * (armWidth + size.armGap) + (column === 'side' ? size.main + size.arrow : 0);
  const grid = templateCells(flow, size.main, size.side);
  const arms: Array<0 | 1> = two ? [0, 1] : [0];
  const heightOf = (l: Line[] | null) => (l ? l.length * LINE + 2 * PAD : 0);

  const width = left + arms.length * armWidth + (arms.length - 1) * size.armGap + MARGIN;
  const titleLines = wrapText(bundledFontWidths().bold, title, TITLE_SIZE, width - 2 * MARGIN);
  let y = MARGIN + titleLines.length * 20 + 4;
  const boxes: Box[] = [];
  // Arm headings, as in the template.
  const headings = [
    'Identification of studies via databases and registers',
    'Identification of studies via other methods',
  ];
  const headingLines = arms.map((a) => wording(headings[a]!, armWidth));
  const headingHeight = Math.max(...headingLines.map(heightOf));
  for (const a of arms)
    boxes.push({
      x: xOf(a, 'main'),
      y,
      width: armWidth,
      height: headingHeight,
      lines: headingLines[a]!,
      fill: '#e8edf3',
    });
  y += headingHeight + ROW_GAP / 2;

  const mains: Array<Array<Box | null>> = [];
  const rowTop: number[] = [];
  const rowHeight: number[] = [];
  for (let r = 0; r < ROWS; r++) {
    const height = Math.max(
      ...arms.flatMap((a) => [heightOf(grid[r]![a]!.main), heightOf(grid[r]![a]!.side)]),
    );
    rowTop.push(y);
    rowHeight.push(height);
    mains.push([]);
    for (const a of arms) {
      const cell = grid[r]![a]!;
      const main = cell.main
        ? { x: xOf(a, 'main'), y, width: size.main, height, lines: cell.main, fill: 'white' }
        : null;
      mains[r]![a] = main;
      if (main) boxes.push(main);
      if (cell.side)
        boxes.push({ x: xOf(a, 'side'), y, width: size.side, height, lines: cell.side, fill: 'white' });
    }
    y += height + ROW_GAP;
  }
  const bottom = y - ROW_GAP;

  const parts: string[] = [];
  for (const phase of PHASES) {
    const top = rowTop[phase.from]!;
    const height = rowTop[phase.to]! + rowHeight[phase.to]! - top;
    const cx = MARGIN + PHASE_WIDTH / 2;
    const cy = top + height / 2;
    parts.push(
      `<rect x="${MARGIN}" y="${top}" width="${PHASE_WIDTH}" height="${height}" rx="4" fill="#e8edf3"/>`,
    );
    parts.push(
      `<text x="${cx}" y="${cy + 4}" transform="rotate(-90 ${cx} ${cy})" text-anchor="middle" font-weight="bold">${escapeHtml(phase.name)}</text>`,
    );
  }
  for (const b of boxes) {
    parts.push(
      `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="4" fill="${b.fill}" stroke="#333"/>`,
    );
    b.lines.forEach((l, k) =>
      parts.push(
        `<text x="${b.x + PAD}" y="${b.y + PAD + (k + 1) * LINE - 4}"${l.label ? ' fill="#555"' : ''}>${escapeHtml(l.text)}</text>`,
      ),
    );
  }
  for (const a of arms) {
    // Down each arm from box to box (the other-methods arm has no box in the first screening row).
    const column = mains.map((row) => row[a]).filter((b): b is Box => b !== null && b !== undefined);
    for (let k = 1; k < column.length; k++) {
      const from = column[k - 1]!;
      parts.push(
        arrow([
          [from.x + size.main / 2, from.y + from.height],
          [from.x + size.main / 2, column[k]!.y],
        ]),
      );
    }
    // Main box → its exclusions.
    for (let r = 0; r < ROWS; r++) {
      const main = mains[r]![a];
      if (main && grid[r]![a]!.side)
        parts.push(
          arrow([
            [main.x + size.main, main.y + main.height / 2],
            [xOf(a, 'side'), main.y + main.height / 2],
          ]),
        );
    }
  }
  if (two) {
    // Other methods → the one included box: down, then left, as in the template.
    const from = mains[3]![1]!;
    const to = mains[4]![0]!;
    const x = from.x + size.main / 2;
    const yMid = to.y + to.height / 2;
    parts.push(
      arrow([
        [x, from.y + from.height],
        [x, yMid],
        [to.x + size.main, yMid],
      ]),
    );
  }

  const height = bottom + MARGIN;
  const titleText = titleLines
    .map(
      (l, k) =>
        `<text x="${MARGIN}" y="${MARGIN + 8 + k * 20}" font-size="${TITLE_SIZE}" font-weight="bold">${escapeHtml(l)}</text>`,
    )
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT}, sans-serif" font-size="${FONT_SIZE}" role="img" aria-label="${escapeHtml(title)}">
<defs><marker id="arrowhead" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 Z" fill="#333"/></marker></defs>
<rect width="${width}" height="${height}" fill="white"/>
${titleText}
${parts.join('\n')}
</svg>`;
}

function arrow(points: Array<[number, number]>): string {
  return `<polyline points="${points.map(([x, y]) => `${x},${y}`).join(' ')}" fill="none" stroke="#333" stroke-width="1.2" marker-end="url(#arrowhead)"/>`;
}
