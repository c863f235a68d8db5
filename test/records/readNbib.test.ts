import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readNbib } from '../../pipeline/records/readNbib.ts';

describe('readNbib', () => {
  it('reads PubMed text: continuation lines, AU over FAU, DOI from LID or AID [doi] (not [pii]), year of DP', () => {
    const text = readFileSync('test/fixtures/records/pubmed.nbib', 'utf8');
    const { records, findings } = readNbib(text, 'pubmed.nbib');
    expect(findings).toEqual([]);
    expect(records.map((r) => [r.line, r.pmid, r.title, r.authors, r.year, r.journal, r.doi])).toEqual([
      [
        1,
        '31000001',
        'Primary leiomyosarcoma of the adrenal gland with extension into the inferior vena cava: a case report.',
        ['Müller H', 'Tanaka K'],
        '2019',
        'Journal of synthetic case reports',
        '10.5555/ADR.2019.001',
      ],
      [
        18,
        '31000002',
        'Spinal metastasis of uterine leiomyosarcoma.',
        ['Rossi M'],
        '2020',
        'Synth Spine',
        '10.5555/spine.2020.7',
      ],
      [
        25,
        '31000003',
        'Leiomyosarcoma of the adrenal vein: imaging findings.',
        ['Lee A', 'Park J'],
        '2021',
        'Synthetic Radiology',
        '',
      ],
    ]);
  });

  it('starts a record at PMID- even without a blank line, and locates stray lines and a record without PMID', () => {
    const text = 'PMID- 1\nTI  - One\nPMID- 2\nTI  - Two\nnot a tag line\n\nTI  - No PMID line\nPMID- x12\n';
    const { records, findings } = readNbib(text, 'x.nbib');
    expect(records.map((r) => [r.line, r.pmid, r.title])).toEqual([
      [1, '1', 'One'],
      [3, '2', 'Two'],
      [7, '', 'No PMID line'],
      [8, '', ''],
    ]);
    expect(findings.map((f) => [f.line, f.code])).toEqual([
      [5, 'nbib.stray-text'],
      [7, 'nbib.no-pmid-line'],
      [8, 'record.no-title'],
      [8, 'nbib.bad-pmid'],
    ]);
  });
});
