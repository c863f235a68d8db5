import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBibtex } from '../../pipeline/records/readBibtex.ts';

describe('readBibtex', () => {
  it('reads @string macros, nested braces, accents, quoted values, a doi: prefix and a DOI in url', () => {
    const text = readFileSync('test/fixtures/records/references.bib', 'utf8');
    const { records, findings } = readBibtex(text, 'references.bib');
    expect(findings).toEqual([]);
    expect(records.map((r) => [r.line, r.title, r.authors, r.year, r.journal, r.doi])).toEqual([
      [
        4,
        'Primary leiomyosarcoma of the adrenal gland with extension into the inferior vena cava: a case report',
        ['Müller, Hans', 'Tanaka, Kenji'],
        '2019',
        'Journal of Synthetic Case Reports',
        '10.5555/adr.2019.001',
      ],
      [
        12,
        'Leiomyosarcoma of the IVC & adrenal gland – a review',
        ['Núñez, José', 'Synthetic Sarcoma Group'],
        '2023',
        'Synthetic Oncology',
        '10.5555/onc.2023.11',
      ],
    ]);
  });

  it('reads parentheses, # concatenation, month macros, an and inside braces, others, pmid and a DOI that is not LaTeX', () => {
    const text = `@comment{ignored @article{not, title={x}} }
@preamble{"\\newcommand{\\x}{y}"}
@STRING(pre = "Synth")
@Article(k1,
  AUTHOR = {{Barnes and Noble} and Doe, Jane and others},
  Title = pre # " " # {Reports},
  month = mar,
  date = {2017-03-01},
  doi = {https://dx.doi.org/10.5555/a--b\\_c},
  pmid = {PMID: 28000001},
)`;
    const { records, findings } = readBibtex(text, 'x.bib');
    expect(findings).toEqual([]);
    expect(records).toEqual([
      {
        file: 'x.bib',
        line: 4,
        title: 'Synth Reports',
        authors: ['Barnes and Noble', 'Doe, Jane'],
        year: '2017',
        journal: '',
        doi: '10.5555/a--b_c',
        pmid: '28000001',
      },
    ]);
  });

  it('locates an entry it cannot read, leaves it out with an error, reads on at the next @, and warns of an unknown macro', () => {
    const text = [
      '@article{good1, title = {One}, year = 2001}',
      '@article{bad, title = {Unclosed, year = 2002',
      '',
      '@article{good2, title = {Two}, journal = undefinedmacro}',
    ].join('\n');
    const { records, findings } = readBibtex(text, 'x.bib');
    // the unclosed brace swallows the rest of the file; reading resumes inside it at the next @
    expect(records.map((r) => [r.line, r.title])).toEqual([
      [1, 'One'],
      [4, 'Two'],
    ]);
    expect(findings.map((f) => [f.line, f.column, f.severity, f.code])).toEqual([
      [2, 0, 'error', 'bibtex.syntax'],
      [4, 42, 'warning', 'bibtex.unknown-string'],
    ]);
    expect(findings[0]!.message).toContain('"{" is never closed');
  });
});
