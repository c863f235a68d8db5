import { describe, expect, it } from 'vitest';
import { bundledFontWidths } from '../../pipeline/drawing/bundledFont.ts';
import { textWidth } from '../../pipeline/drawing/fontMetrics.ts';
import { wrapText } from '../../pipeline/charts/wrapText.ts';

const { regular, bold } = bundledFontWidths();
const wrap = (text: string, maxWidth: number, fontSize = 11) => wrapText(regular, text, fontSize, maxWidth);

describe('wrapText', () => {
  it('keeps every line within the width, and every word in order', () => {
    const text = 'Pain (abdominal, flank, back or groin) and weight loss at presentation';
    // Widths every single word fits in (the widest, "(abdominal,", is 66 px at 11 px).
    for (const maxWidth of [70, 90, 120, 200]) {
      const lines = wrap(text, maxWidth);
      for (const line of lines) expect(textWidth(regular, line, 11)).toBeLessThanOrEqual(maxWidth);
      expect(lines.join(' ')).toBe(text);
      // Greedy: the first word of each line would not have fitted on the line before.
      for (let k = 1; k < lines.length; k++)
        expect(textWidth(regular, `${lines[k - 1]} ${lines[k]!.split(' ')[0]}`, 11)).toBeGreaterThan(
          maxWidth,
        );
    }
  });

  it('wraps by the font’s widths, not by counting characters', () => {
    // Same number of characters; "W" is about three times as wide as "i" in DejaVu Sans.
    const narrow = wrap('iiii iiii iiii iiii', 60);
    const wide = wrap('WWWW WWWW WWWW WWWW', 60);
    expect(narrow.length).toBeLessThan(wide.length);
    expect(wide).toEqual(['WWWW', 'WWWW', 'WWWW', 'WWWW']);
    // A larger font or bold takes more lines for the same width.
    expect(wrap('Hazard ratios (Cox regression)', 180)).toHaveLength(1);
    expect(wrapText(bold, 'Hazard ratios (Cox regression)', 14, 180)).toHaveLength(2);
  });

  it('keeps no-break spaces together and returns no line for empty text', () => {
    expect(wrap('Records identified (n\u00a0=\u00a013)', 120)).toEqual([
      'Records identified',
      '(n\u00a0=\u00a013)',
    ]);
    expect(wrap('', 100)).toEqual([]);
    expect(wrap('  \n ', 100)).toEqual([]);
  });

  it('breaks a word wider than the line after a slash, hyphen or dot, else gives it a line of its own', () => {
    expect(wrap('• ClinicalTrials.gov (n\u00a0=\u00a010)', 84, 12)).toEqual([
      '•',
      'ClinicalTrials.',
      'gov (n\u00a0=\u00a010)',
    ]);
    // A word that fits is never broken, nor a dot before a digit.
    expect(wrap('ClinicalTrials.gov', 110, 12)).toEqual(['ClinicalTrials.gov']);
    expect(wrap('version 12.5.1234567890123', 60)).toEqual(['version', '12.5.1234567890123']);
    expect(wrap('patients with extramedullary/extradural metastasis', 140, 12)).toEqual([
      'patients with',
      'extramedullary/',
      'extradural metastasis',
    ]);
    expect(wrap('x averyveryverylongwordwithoutbreaks y', 60)).toEqual([
      'x',
      'averyveryverylongwordwithoutbreaks',
      'y',
    ]);
  });
});
