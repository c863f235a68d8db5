import { describe, expect, it } from 'vitest';
import { latexToText } from '../../pipeline/records/latexText.ts';

describe('latexToText', () => {
  it.each([
    ['{\\"u}ber', 'über'],
    ['M\\"{u}ller', 'Müller'],
    ["Jos{\\'e}", 'José'],
    ["\\'{\\i}", 'í'],
    ['Fran\\c{c}ois', 'François'],
    ['\\v{S}koda', 'Škoda'],
    ['Erd\\H{o}s', 'Erdős'],
    ['{\\ss} {\\o} {\\aa}', 'ß ø å'],
    ['\\textbackslash{} \\textasciitilde{} \\& \\% \\_', '\\ ~ & % _'],
    ['pages 1--2 --- and~so', 'pages 1–2 — and so'],
    ['\\emph{Mycobacterium} in {DNA}', 'Mycobacterium in DNA'],
    ['$\\beta$-blockers', 'β-blockers'],
  ])('%s → %s', (latex, text) => {
    expect(latexToText(latex)).toBe(text);
  });

  it('gives composed letters (NFC), so they compare equal to typed ones', () => {
    expect(latexToText('{\\"u}')).toBe('\u00fc');
  });
});
