import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowDiagramSvg, flowTitle } from '../../pipeline/charts/flowDiagramSvg.ts';
import { flowCounts, type FlowCounts } from '../../pipeline/cohortTables/flowCounts.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import { hasUnsafeText } from '../../pipeline/parse/unsafeText.ts';
import { bundledFontWidths } from '../../pipeline/drawing/bundledFont.ts';
import { textWidth } from '../../pipeline/drawing/fontMetrics.ts';
import { printSize } from '../../pipeline/charts/printSize.ts';
import { fitsOneColumn } from '../helpers/svgText.ts';

const flowFrom = (text: string): FlowCounts => flowCounts(parseCsv(text, 'flow.csv', 'x').table).flow!;

/** The diagram's words in drawing order, a box's wrapped lines joined again by spaces. */
const wordsOf = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/\u00a0/g, ' ')).join(' ');

const numbers = (svg: string, pattern: RegExp) =>
  [...svg.matchAll(pattern)].map((m) => m.slice(1).map(Number));

/** Synthetic (see test/fixtures/flow/README.md): every step of both arms. */
const TWO_ARM = readFileSync('test/fixtures/flow/two-arm.csv', 'utf8');

describe('flowDiagramSvg', () => {
  const oneArm = flowFrom('step,label,count\nidentified,PubMed <script>,80\nincluded_patients,patients,2\n');
  const svg = flowDiagramSvg(oneArm, 'Flow & "title"');

  it('shows the counts given, escaped, and draws every other box of the template as not reported', () => {
    const words = wordsOf(svg);
    expect(words).toContain('• PubMed &lt;script&gt; (n = 80)');
    expect(words).toContain('Patients included (n = 2)');
    for (const box of [
      'Records screened',
      'Reports sought for retrieval',
      'Reports not retrieved',
      'Reports assessed for eligibility',
      'Reports excluded',
      'Records excluded',
      'Duplicate records removed',
      'Records marked as ineligible by automation tools',
      'Records removed for other reasons',
      'Studies included in review',
      'Reports of included studies',
    ])
      expect(words).toContain(`${box} (n not reported)`);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('Flow &amp; &quot;title&quot;');
    expect(words).toContain('Identification of studies via databases and registers');
    expect(words).not.toContain('other methods');
  });

  it('draws the other-methods arm beside the databases arm, every box with its count', () => {
    const two = flowDiagramSvg(flowFrom(TWO_ARM), 'Two arms');
    const words = wordsOf(two);
    for (const text of [
      'Identification of studies via databases and registers',
      'Identification of studies via other methods',
      'Records identified (n = 210): • PubMed (n = 120) • Embase (n = 80) • ClinicalTrials.gov (n = 10)',
      'Records removed before screening: • Duplicate records removed (n = 50)',
      '• Records marked as ineligible by automation tools (n = 5)',
      '• Records removed for other reasons (n = 5): – published before 1990 (n = 5)',
      'Records screened (n = 150) titles and abstracts',
      'Records excluded (n = 120): • not about the disease (n = 100) • no patient data (n = 20)',
      'Reports sought for retrieval (n = 30)',
      'Reports not retrieved (n = 2)',
      'Reports assessed for eligibility (n = 28)',
      'Reports excluded (n = 12): • not leiomyosarcoma (n = 8) • no follow-up reported (n = 4)',
      'Records identified (n = 9): • citation searching (n = 6) • websites (n = 3)',
      'Reports sought for retrieval (n = 9)',
      'Reports not retrieved (n = 1)',
      'Reports assessed for eligibility (n = 8)',
      'Reports excluded (n = 2): • same patient as an included report (n = 2)',
      'Studies included in review (n = 20) case reports and case series',
      'Reports of included studies (n = 22)',
      'Patients included (n = 25)',
    ])
      expect(words).toContain(text);
    expect(words).not.toContain('not reported');
    // The other arm's last box runs down, then left, into the one included box.
    expect(
      numbers(two, /<polyline points="([\d.]+),([\d.]+) ([\d.]+),([\d.]+) ([\d.]+),([\d.]+)"/g),
    ).toHaveLength(1);
    // Databases: 3 down + 1 into included, 4 sideways; other methods: 2 down, 2 sideways, 1 elbow.
    expect(two.match(/<polyline /g)).toHaveLength(13);
    expect(svg.match(/<polyline /g)).toHaveLength(8);
  });

  it('a step missing from one arm is not reported there, and only there', () => {
    const two = flowDiagramSvg(flowFrom(TWO_ARM.replace('other_not_retrieved,not available,1,\n', '')), 't');
    expect(wordsOf(two).match(/Reports not retrieved \(n not reported\)/g)).toHaveLength(1);
    expect(wordsOf(two)).toContain('Reports not retrieved (n = 2)');
  });

  it('draws the older step "included" as the reports of included studies, not as patients', () => {
    const words = wordsOf(flowDiagramSvg(flowFrom('step,label,count\nincluded,case reports,18\n'), 't'));
    expect(words).toContain('Reports of included studies (n = 18) case reports');
    expect(words).toContain('Patients included (n not reported)');
  });

  it('keeps every box inside the figure, apart from the others, and printable', () => {
    const twoArms = flowFrom(TWO_ARM);
    for (const diagram of [
      svg,
      flowDiagramSvg(twoArms, 'Two arms'),
      flowDiagramSvg(oneArm, 'One arm', 'single'),
      flowDiagramSvg(twoArms, 'Two arms', 'single'),
    ]) {
      const [width, height] = numbers(diagram, /<svg [^>]*width="(\d+)" height="(\d+)"/g)[0]!;
      const boxes = numbers(diagram, /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g);
      expect(boxes.length).toBeGreaterThan(10);
      for (const [x, y, w, h] of boxes) {
        expect(x! >= 0 && y! >= 0 && x! + w! <= width! && y! + h! <= height!).toBe(true);
      }
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1)) {
          const apart =
            a[0]! + a[2]! <= b[0]! ||
            b[0]! + b[2]! <= a[0]! ||
            a[1]! + a[3]! <= b[1]! ||
            b[1]! + b[3]! <= a[1]!;
          expect(apart, `${a} and ${b}`).toBe(true);
        }
      // Every line of a box stays inside it (measured with the font the PNG is drawn in).
      for (const [x, y, line] of [
        ...diagram.matchAll(/<text x="([\d.]+)" y="([\d.]+)"(?: fill="[^"]*")?>([^<]*)<\/text>/g),
      ].map(
        (m) =>
          [
            Number(m[1]),
            Number(m[2]),
            m[3]!
              .replace(/&amp;/g, '&')
              .replace(/&lt;/g, '<')
              .replace(/&gt;/g, '>')
              .replace(/&quot;/g, '"'),
          ] as const,
      )) {
        const box = boxes.find(([bx, by, bw, bh]) => x > bx! && x < bx! + bw! && y > by! && y < by! + bh!);
        if (box)
          expect(x + textWidth(bundledFontWidths().regular, line, 12), line).toBeLessThanOrEqual(
            box[0]! + box[2]!,
          );
      }
      // Printed 17 cm wide (a page's text width), its 12 px text must stay at least 6 pt:
      // 12 px × (17 cm / (width / 96 px per inch × 2.54 cm)) × 0.75 pt per px ≥ 6.
      expect(12 * (17 / ((width! / 96) * 2.54)) * 0.75).toBeGreaterThanOrEqual(6);
    }
  });

  it('at one column (8.5 cm) narrows the boxes, every word kept: one arm fits, two arms print at 5.3 pt', () => {
    const title = 'Study flow of a synthetic review (PRISMA 2020)';
    for (const flow of [oneArm, flowFrom(TWO_ARM)]) {
      const single = flowDiagramSvg(flow, title, 'single');
      const fit = fitsOneColumn(single);
      expect(fit.smallest).toBe(12);
      if (flow === oneArm) expect(fit.fits, `${fit.width} px wide`).toBe(true);
      else expect(printSize(single, 'single').minTextPt).toBeGreaterThan(5.25);
      // The same text as the double layout, only on more lines (a long word may break after its dot).
      const double = flowDiagramSvg(flow, title);
      const letters = (diagram: string) => wordsOf(diagram).replace(/\s+/g, '');
      expect(letters(single)).toEqual(letters(double));
      expect(single.match(/<text /g)!.length).toBeGreaterThan(double.match(/<text /g)!.length);
    }
  });

  it('holds no character XML cannot hold, even when a label has one (well-formed SVG)', () => {
    const hostile = flowDiagramSvg(
      { ...oneArm, boxes: [{ ...oneArm.boxes[0]!, label: 'Pub\u0001Med\ud800\u001b[31m' }] },
      'Flow\u0007',
    );
    expect(wordsOf(hostile)).toContain('PubMed[31m (n = 80)');
    expect(hostile).toContain('>Flow</text>');
    expect(hasUnsafeText(hostile)).toBe(false);
  });
});

describe('flowTitle', () => {
  it('says whose search the flow counts', () => {
    expect(flowTitle({ kind: 'source', sourceId: 'm', line: 2, column: 2 }, 'Marinaccio et al. 2023')).toBe(
      "Study flow of the source paper's search (Marinaccio et al. 2023)",
    );
    expect(flowTitle({ kind: 'review', line: 2 }, '')).toBe(
      "Study flow of this review's search (PRISMA 2020)",
    );
    expect(flowTitle({ kind: 'unstated' }, '')).toBe('Study flow (PRISMA 2020)');
  });
});
