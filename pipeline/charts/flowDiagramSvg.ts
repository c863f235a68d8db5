import type { FlowBox, FlowCounts, FlowStep } from '../engine/flowCounts.ts';
import { escapeHtml } from '../report/escapeHtml.ts';
import { CHART_FONT } from './theme.ts';

const WIDTH = 320;
const GAP = 60;
const LINE = 16;
const PAD = 10;
const CHARS = 46;

/** Words → lines of at most `chars` characters (a word longer than that gets a line of its own). */
export function wrapText(text: string, chars = CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

interface Box {
  x: number;
  y: number;
  lines: string[];
  height: number;
}

const box = (x: number, y: number, lines: string[]): Box => ({
  x,
  y,
  lines,
  height: lines.length * LINE + 2 * PAD,
});

function listLines(title: string, boxes: readonly FlowBox[]): string[] {
  const lines = wrapText(title);
  for (const b of boxes) lines.push(...wrapText(`• ${b.label} (n = ${b.count})`));
  return lines;
}

/**
 * PRISMA 2020 flow diagram as standalone SVG: main boxes down the left, exclusions to the right.
 * Steps the source does not give are drawn as "not reported", never filled in.
 */
export function flowDiagramSvg(flow: FlowCounts, title: string): string {
  const of = (step: FlowStep) => flow.boxes.filter((b) => b.step === step);
  const count = (step: FlowStep) => {
    const b = of(step);
    return b.length ? `n = ${b.reduce((s, x) => s + x.count, 0)}` : 'n not reported';
  };
  const rows: Array<{ main: string[]; side: string[] | null }> = [
    {
      main: listLines('Records identified from:', of('identified')),
      side:
        of('duplicates_removed').length || of('removed_other').length
          ? listLines('Records removed before screening:', [
              ...of('duplicates_removed'),
              ...of('removed_other'),
            ])
          : null,
    },
    {
      main: wrapText(`Records screened (${count('screened')})`),
      side: of('excluded_screening').length ? listLines('Records excluded:', of('excluded_screening')) : null,
    },
    {
      main: wrapText(`Reports assessed for eligibility (${count('assessed')})`),
      side: of('excluded_fulltext').length ? listLines('Reports excluded:', of('excluded_fulltext')) : null,
    },
    {
      main: [
        ...wrapText(`Included (${count('included')})`),
        ...of('included').flatMap((b) => wrapText(b.label)),
      ],
      side: null,
    },
  ];
  const parts: string[] = [];
  let y = 40;
  const mains: Box[] = [];
  for (const row of rows) {
    const main = box(20, y, row.main);
    const side = row.side ? box(20 + WIDTH + GAP, y, row.side) : null;
    const height = Math.max(main.height, side?.height ?? 0);
    main.height = height;
    mains.push(main);
    for (const b of [main, side]) {
      if (!b) continue;
      parts.push(
        `<rect x="${b.x}" y="${b.y}" width="${WIDTH}" height="${height}" rx="4" fill="white" stroke="#333"/>`,
      );
      b.lines.forEach((l, k) =>
        parts.push(`<text x="${b.x + PAD}" y="${b.y + PAD + (k + 1) * LINE - 4}">${escapeHtml(l)}</text>`),
      );
    }
    if (side) parts.push(arrow(20 + WIDTH, y + height / 2, 20 + WIDTH + GAP, y + height / 2));
    y += height + 36;
  }
  for (let k = 1; k < mains.length; k++) {
    const a = mains[k - 1]!;
    parts.push(arrow(20 + WIDTH / 2, a.y + a.height, 20 + WIDTH / 2, mains[k]!.y));
  }
  const width = 20 + 2 * WIDTH + GAP + 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="${CHART_FONT}, sans-serif" font-size="12" role="img" aria-label="${escapeHtml(title)}">
<defs><marker id="arrowhead" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 Z" fill="#333"/></marker></defs>
<rect width="${width}" height="${y}" fill="white"/>
<text x="20" y="24" font-size="14" font-weight="bold">${escapeHtml(title)}</text>
${parts.join('\n')}
</svg>`;
}

function arrow(x1: number, y1: number, x2: number, y2: number): string {
  return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#333" stroke-width="1.2" marker-end="url(#arrowhead)"/>`;
}
