import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readRecordExport, recordFormat } from '../../pipeline/records/readRecordExport.ts';
import type { RecordsRead } from '../../pipeline/records/searchRecord.ts';
import { bibtexText, risText } from '../../pipeline/references/referenceFiles.ts';
import type { ReferenceFields } from '../../pipeline/references/referenceFields.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('recordFormat', () => {
  it('goes by the content first (a PubMed .txt, an Ovid RIS .txt), then by the name', () => {
    expect(recordFormat('\n\nPMID- 1\n', 'pubmed.txt')).toBe('nbib');
    expect(recordFormat('TY  - JOUR\n', 'ovid.txt')).toBe('ris');
    expect(recordFormat('@article{a,}', 'x.txt')).toBe('bibtex');
    expect(recordFormat('% comment\n@article{a,}', 'x.bib')).toBe('bibtex');
    expect(recordFormat('title,doi\n', 'x.csv')).toBe('table');
  });
});

describe('readRecordExport', () => {
  it('reads RIS with a byte-order mark and CRLF line ends', async () => {
    const text = '\ufeffTY  - JOUR\r\nTI  - With BOM\r\nER  - \r\n';
    const { records, findings } = await readRecordExport(bytes(text), 'x.ris');
    expect(findings).toEqual([]);
    expect(records).toMatchObject([{ line: 1, title: 'With BOM' }]);
  });

  it('reads Latin-1 MEDLINE text with the warning tables get, accents intact', async () => {
    const latin1 = Uint8Array.from(
      [...'PMID- 5\nAU  - M', 0xfc, ...'ller H\n'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0))),
    );
    const { records, findings } = await readRecordExport(latin1, 'x.nbib');
    expect(records[0]!.authors).toEqual(['Müller H']);
    expect(findings).toEqual([
      expect.objectContaining({ line: 2, severity: 'warning', code: 'file.not-utf8' }),
    ]);
  });

  it('reads a CSV export by header, case-insensitively, authors split at ; and identifiers with prefixes', async () => {
    const csv =
      'Title;Authors;YEAR;Journal;DOI;PMID\n"A title";"Smith, J.; Jones, K.";2020;J Synth;https://doi.org/10.5555/x;PMID: 123\nNo ids;;;;not a doi;abc\n';
    const { records, findings } = await readRecordExport(bytes(csv), 'records.csv');
    expect(records).toEqual([
      {
        file: 'records.csv',
        line: 2,
        title: 'A title',
        authors: ['Smith, J.', 'Jones, K.'],
        year: '2020',
        journal: 'J Synth',
        doi: '10.5555/x',
        pmid: '123',
      },
      {
        file: 'records.csv',
        line: 3,
        title: 'No ids',
        authors: [],
        year: '',
        journal: '',
        doi: '',
        pmid: '',
      },
    ]);
    expect(findings.map((f) => [f.line, f.column, f.code])).toEqual([
      [1, 0, 'file.delimiter'],
      [3, 5, 'record.bad-identifier'],
      [3, 6, 'record.bad-identifier'],
    ]);
  });

  it('says so when a table has no title column', async () => {
    const { records, findings } = await readRecordExport(bytes('name,doi\nx,10.5555/1\n'), 'r.csv');
    expect(records).toEqual([]);
    expect(findings).toEqual([
      expect.objectContaining({ line: 1, severity: 'error', code: 'header.missing' }),
    ]);
  });

  it('reads an .xlsx sheet, rows at their sheet row numbers, Vancouver authors split at commas', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Records');
    sheet.addRow(['title', 'author', 'year', 'doi']);
    sheet.addRow(['From Excel', 'Smith J, Jones K', 2019, '10.5555/XL']); // the year a number cell
    const book = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { records } = await readRecordExport(book, 'records.xlsx');
    expect(records).toEqual([
      {
        file: 'records.xlsx',
        line: 2,
        title: 'From Excel',
        authors: ['Smith J', 'Jones K'],
        year: '2019',
        journal: '',
        doi: '10.5555/XL',
        pmid: '',
      },
    ]);
  });

  it("reads back our own RIS and BibTeX writers' output to the same fields", async () => {
    const refs: ReferenceFields[] = [
      {
        id: 'S1',
        authors: ['Müller H', 'Núñez J'],
        moreAuthors: true,
        title: 'Adrenal {leiomyosarcoma} & the IVC: 100% of 1_2 cases ~ $5',
        journal: 'BMC Endocr Disord 2023;23:276',
        year: '2023',
        volume: '23',
        issue: '1',
        pages: '276',
        doi: '10.1186/s12902-023-01488-3',
        pmid: '38012345',
        url: '',
      },
      {
        id: 'S2',
        authors: ['Tanaka K'],
        moreAuthors: false,
        title: 'Second',
        journal: 'J Synth',
        year: '1999',
        volume: '',
        issue: '',
        pages: '',
        doi: '',
        pmid: '',
        url: '',
      },
    ];
    const expected = refs.map((r) => ({
      title: r.title,
      authors: r.authors,
      year: r.year,
      journal: r.journal,
      doi: r.doi,
      pmid: r.pmid,
    }));
    const fields = (read: RecordsRead) =>
      read.records.map(({ title, authors, year, journal, doi, pmid }) => ({
        title,
        authors,
        year,
        journal,
        doi,
        pmid,
      }));
    const ris = await readRecordExport(bytes(risText(refs)), 'refs.ris');
    expect(ris.findings).toEqual([]);
    expect(fields(ris)).toEqual(expected);
    const bib = await readRecordExport(bytes(bibtexText(refs)), 'refs.bib');
    expect(bib.findings).toEqual([]);
    expect(fields(bib)).toEqual(expected);
  });
});
