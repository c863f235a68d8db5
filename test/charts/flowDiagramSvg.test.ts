import { describe, expect, it } from 'vitest';
import { flowDiagramSvg, wrapText } from '../../pipeline/charts/flowDiagramSvg.ts';
import { hasUnsafeText } from '../../pipeline/parse/unsafeText.ts';

describe('flowDiagramSvg', () => {
  const flow = {
    file: 'flow.csv',
    boxes: [
      { step: 'identified' as const, label: 'PubMed <script>', count: 80, note: '', line: 2 },
      { step: 'included' as const, label: 'patients', count: 2, note: '', line: 3 },
    ],
  };
  const svg = flowDiagramSvg(flow, 'Flow & "title"');

  it('shows the counts given and says which steps are not reported', () => {
    expect(svg).toContain('PubMed &lt;script&gt; (n = 80)');
    expect(svg).toContain('Included (n = 2)');
    expect(svg).toContain('Records screened (n not reported)');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('Flow &amp; &quot;title&quot;');
  });

  it('holds no character XML cannot hold, even when a label has one (well-formed SVG)', () => {
    const hostile = flowDiagramSvg(
      { file: 'flow.csv', boxes: [{ ...flow.boxes[0]!, label: 'Pub\u0001Med\ud800\u001b[31m' }] },
      'Flow\u0007',
    );
    expect(hostile).toContain('PubMed[31m (n = 80)');
    expect(hostile).toContain('>Flow</text>');
    expect(hasUnsafeText(hostile)).toBe(false);
  });

  it('wraps long labels by words', () => {
    expect(wrapText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('averyveryverylongword x', 5)).toEqual(['averyveryverylongword', 'x']);
  });
});
