import { describe, expect, it } from 'vitest';
import { referenceFields } from '../../pipeline/references/referenceFields.ts';
import { bibtexEscape, bibtexText, risText } from '../../pipeline/references/referenceFiles.ts';

const refs = [
  referenceFields({
    id: 'wong2005',
    fields: {
      authors: 'Wong C, Von Oppell UO, Scott-Coombes D',
      title: 'Cold feet from adrenal leiomyosarcoma',
      journal: 'J R Soc Med',
      year: '2005',
      volume: '98',
      issue: '9',
      pages: '418-20',
      doi: '10.1258/jrsm.98.9.418',
      pmid: '16140856',
    },
    line: 2,
  }),
  referenceFields({
    id: 'tzaida 2017',
    fields: {
      authors: 'Tzaida O, Kokkinos Ch, et al.',
      title: 'Sites & surprises: 100% {odd}\ncase',
      year: '2017',
    },
    line: 3,
  }),
];

/** A small RIS reader for the test: records of TAG  - value lines, ended by ER. */
function readRis(text: string): Array<Record<string, string[]>> {
  const records: Array<Record<string, string[]>> = [];
  let current: Record<string, string[]> = {};
  for (const line of text.split('\r\n')) {
    const m = /^([A-Z][A-Z0-9]) {2}- ?(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'ER') {
      records.push(current);
      current = {};
    } else (current[m[1]!] ??= []).push(m[2]!);
  }
  return records;
}

describe('RIS', () => {
  it('round-trips every field the source holds, authors in order, pages written out in full', () => {
    const [wong, tzaida] = readRis(risText(refs));
    expect(wong).toEqual({
      TY: ['JOUR'],
      ID: ['wong2005'],
      AU: ['Wong C', 'Von Oppell UO', 'Scott-Coombes D'],
      TI: ['Cold feet from adrenal leiomyosarcoma'],
      T2: ['J R Soc Med'],
      PY: ['2005'],
      VL: ['98'],
      IS: ['9'],
      SP: ['418'],
      EP: ['420'],
      DO: ['10.1258/jrsm.98.9.418'],
      AN: ['PMID: 16140856'],
    });
    // Nothing invented for what the source does not hold; a line break in a value does not end the field.
    expect(tzaida).toEqual({
      TY: ['JOUR'],
      ID: ['tzaida 2017'],
      AU: ['Tzaida O', 'Kokkinos Ch'],
      TI: ['Sites & surprises: 100% {odd} case'],
      PY: ['2017'],
      N1: ['The source lists further authors (et al.).'],
    });
  });

  it('ends every line with CRLF and every record with ER', () => {
    const text = risText(refs);
    expect(text.split('\r\n').filter((l) => l.startsWith('ER  -')).length).toBe(2);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});

describe('BibTeX', () => {
  it('writes an @article per source with its fields, authors joined by and, et al. as others', () => {
    const text = bibtexText(refs);
    expect(text).toContain('@article{wong2005,\n  author = {Wong C and Von Oppell UO and Scott-Coombes D},');
    expect(text).toContain('  pages = {418--420},');
    expect(text).toContain('  doi = {10.1258/jrsm.98.9.418},');
    expect(text).toContain('@article{tzaida_2017,\n  author = {Tzaida O and Kokkinos Ch and others},');
    expect(text).not.toMatch(/journal = \{\},|volume = \{\}/);
  });

  it('escapes LaTeX specials so that braces stay balanced', () => {
    expect(bibtexEscape('Sites & surprises: 100% {odd} #1 a_b ~ ^ \\')).toBe(
      'Sites \\& surprises: 100\\% \\{odd\\} \\#1 a\\_b \\textasciitilde{} \\textasciicircum{} \\textbackslash{}',
    );
    const text = bibtexText(refs);
    let depth = 0;
    for (let k = 0; k < text.length; k++) {
      if (text[k] === '\\') {
        k++;
        continue;
      }
      if (text[k] === '{') depth++;
      if (text[k] === '}') depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });
});
