import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRis } from '../../pipeline/records/readRis.ts';

const fixture = (name: string) => readFileSync(`test/fixtures/records/${name}`, 'utf8');

describe('readRis', () => {
  it('reads Embase/Ovid RIS (T1, A1, Y1, JF, the DOI in M3) and keeps a record without ER, with a warning at it', () => {
    const { records, findings } = readRis(fixture('embase-ovid.ris'), 'embase-ovid.ris');
    expect(records.map((r) => [r.line, r.title, r.authors, r.year, r.journal, r.doi, r.pmid])).toEqual([
      [
        1,
        'Primary leiomyosarcoma of the adrenal gland with extension into the inferior vena cava: A case report',
        ['Muller, H.', 'Tanaka, K.'],
        '2019',
        'Journal of Synthetic Case Reports',
        '10.5555/adr.2019.001',
        '', // AN is Embase's accession number, not a PMID
      ],
      [
        16,
        'Leiomyosarcoma of the adrenal vein - imaging findings',
        ['Lee, A.'],
        '2022',
        'Synthetic Radiology',
        '',
        '',
      ],
      [
        24,
        'Adrenal leiomyosarcoma in a child',
        ['Novak, P.'],
        '2022',
        'Pediatric Synthetic Surgery',
        '10.5555/PED.2022.3',
        '',
      ],
    ]);
    expect(findings).toEqual([
      expect.objectContaining({ file: 'embase-ovid.ris', line: 16, severity: 'warning', code: 'ris.no-end' }),
    ]);
    expect(findings[0]!.message).toContain('line 24');
  });

  it('reads Scopus RIS with CRLF line ends, a DOI as a resolver URL and an abstract wrapped over lines', () => {
    const { records, findings } = readRis(fixture('scopus.ris'), 'scopus.ris');
    expect(findings).toEqual([]);
    expect(records.map((r) => [r.line, r.title, r.authors, r.year, r.journal, r.doi])).toEqual([
      [
        1,
        'Spinal metastasis of uterine leiomyosarcoma',
        ['Rossi, M.', 'Bianchi, L.'],
        '2020',
        'Synthetic Spine',
        '10.5555/SPINE.2020.7',
      ],
      [
        16,
        'Adrenal leiomyosarcoma in a child',
        ['Garcia, E.'],
        '2022',
        'Pediatric Synthetic Surgery',
        '10.5555/ped.2022.4',
      ],
    ]);
  });

  it('joins a title wrapped onto the next line, reads Web of Science and CINAHL variants and a PMID written as one', () => {
    const text = [
      'TY  - JOUR',
      'AU  - Smith, John',
      'TI  - A title that Web of Science',
      '   wraps onto a second line',
      'T2  - SYNTHETIC ANNALS',
      'DA  - MAR',
      'PY  - 2020',
      'DO  - doi:10.5555/wos.1.',
      'AN  - WOS:000123456700001',
      'ER  -',
      'TY  - JOUR',
      'ID  - 123456789',
      'T1  - A CINAHL record',
      'AU  - Lee, Ann',
      'Y1  - 2018/05//',
      'JO  - Synth Nurs',
      'AN  - PMID: 29000001',
      'DP  - EBSCOhost',
      'ER  - ',
    ].join('\n');
    const { records, findings } = readRis(text, 'x.ris');
    expect(findings).toEqual([]);
    expect(records[0]).toMatchObject({
      title: 'A title that Web of Science wraps onto a second line',
      journal: 'SYNTHETIC ANNALS',
      year: '2020',
      doi: '10.5555/wos.1',
      pmid: '',
    });
    expect(records[1]).toMatchObject({
      line: 11,
      title: 'A CINAHL record',
      year: '2018',
      journal: 'Synth Nurs',
      pmid: '29000001',
    });
  });

  it('says where a record starts without TY, where text stands outside records, and keeps a record with no title', () => {
    const text =
      'Exported from a tool\n\nTY  - JOUR\nER  - \nAU  - Split, A\nTI  - Second half\nER  - \nER  - \n';
    const { records, findings } = readRis(text, 'x.ris');
    expect(records.map((r) => [r.line, r.title])).toEqual([
      [3, ''],
      [5, 'Second half'],
    ]);
    expect(findings.map((f) => [f.line, f.severity, f.code])).toEqual([
      [1, 'warning', 'ris.outside-record'],
      [3, 'warning', 'record.no-title'],
      [5, 'warning', 'ris.no-type'],
      [8, 'warning', 'ris.end-without-start'],
    ]);
  });

  it('keeps a wrapped line that looks like a tag with one space ("UK - based") as text of the field above', () => {
    const text = 'TY  - JOUR\nTI  - A cohort from the\nUK - based registry\nER  - \n';
    expect(readRis(text, 'x.ris').records[0]!.title).toBe('A cohort from the UK - based registry');
  });

  it('says why a file with tags written with one space gives no records, at the first such line', () => {
    const { records, findings } = readRis('\nTY - JOUR\nTI - One space\nER -\n', 'x.ris');
    expect(records).toEqual([]);
    expect(findings.at(-1)).toMatchObject({ line: 2, severity: 'error', code: 'ris.no-records' });
    expect(findings.at(-1)!.message).toContain('two spaces');
  });
});
