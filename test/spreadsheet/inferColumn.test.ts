// One column of a user's table at a time: its type, label, unit, terms and the cells it cannot place.
// Every value is synthetic.
import { describe, expect, it } from 'vitest';
import { headerLabel, headerUnit, inferColumn } from '../../pipeline/spreadsheet/inferColumn.ts';
import { notReportedNotations } from '../../pipeline/values/notReported.ts';

const notations = notReportedNotations(
  { name: 'x', label: 'x', description: '', type: 'text' },
  {},
  undefined,
)!;
const infer = (header: string, texts: string[], dates = 0) =>
  inferColumn(
    header,
    texts.map((text, k) => ({ text, line: k + 2 })),
    notations,
    dates,
  );

describe('headerLabel and headerUnit', () => {
  it.each([
    ['case_id', 'Case id', undefined],
    ['Age (years)', 'Age', 'years'],
    ['Follow-up (mo)', 'Follow-up', 'months'],
    ['Size, mm', 'Size', 'mm'],
    ['Tumour size', 'Tumour size', undefined],
  ])('%j → %j, unit %j', (header, label, unit) => {
    expect(headerLabel(header)).toBe(label);
    expect(headerUnit(header)).toBe(unit);
  });
});

describe('inferColumn', () => {
  it('reads numbers with the unit of the header, listing what is not a number', () => {
    const c = infer('Age (years)', ['54', '~60', '38', 'NR', '62 y', '47', 'approximately 45', '71', '66']);
    expect([c.type, c.unit, c.label]).toEqual(['number', 'years', 'Age']);
    expect(c.unplaced).toEqual([
      { line: 3, text: '~60', why: 'not a number' },
      { line: 8, text: 'approximately 45', why: 'not a number' },
    ]);
    expect([...c.notations]).toEqual([['NR', 1]]);
  });

  it('reads an age written with "y" as a number, not a duration', () => {
    expect(infer('age', ['54 y', '60 years', '38']).type).toBe('number');
  });

  it('reads sizes and durations', () => {
    const size = infer('Tumour size', ['11 cm', '10 x 6 x 11 cm', '8', 'c. 9 cm', '12']);
    expect([size.type, size.unit, size.unplaced.map((u) => u.text)]).toEqual(['size', 'cm', ['c. 9 cm']]);
    const followUp = infer('Follow-up (months)', ['8', '12 months', '2 years', '>12 months', '5']);
    expect([followUp.type, followUp.unit, followUp.unplaced.map((u) => u.text)]).toEqual([
      'duration',
      'months',
      ['>12 months'],
    ]);
    expect(infer('Delay (weeks)', ['3', '4', '10 days']).unit).toBe('weeks');
  });

  it('reads yes/no, but not a column of 0 and 1 only', () => {
    expect(infer('Surgery', ['yes', 'Y', 'no', 'N', 'NR']).type).toBe('boolean');
    expect(infer('Lesions', ['0', '1', '1', '0']).type).toBe('number');
  });

  it('reads a category with its spellings grouped', () => {
    const c = infer('Gender', ['F', 'female', 'Woman', 'M', 'male', 'n/a', 'F']);
    expect(c.type).toBe('category');
    expect(c.spellings!.groups.map((g) => [g.label, g.spellings])).toEqual([
      ['Female', ['F', 'female', 'Woman']],
      ['Male', ['M', 'male']],
    ]);
    expect([...c.notations]).toEqual([['n/a', 1]]);
  });

  it('reads a list with two separators', () => {
    const c = infer('Metastatic sites', [
      'lung; liver',
      'lung, bone',
      'none',
      'Lung',
      'bone, liver',
      'liver',
    ]);
    expect([c.type, c.separators]).toEqual(['list', [';', ',']]);
    expect(c.spellings!.groups.map((g) => [g.label, g.count])).toEqual([
      ['lung', 3],
      ['liver', 3],
      ['bone', 2],
      ['none', 1],
    ]);
  });

  it('reads a list from one cell with ";" when its items repeat', () => {
    expect(infer('metastasis', ['lung', 'liver', 'bone; liver; lung', 'none', 'lung']).type).toBe('list');
  });

  it('keeps a comma inside a category term when only one cell has one', () => {
    const c = infer('diagnosis', ['needle biopsy, adrenal', 'surgery', 'surgery', 'autopsy']);
    expect(c.type).toBe('category');
  });

  it('reads dates, in Excel or typed, as a date column', () => {
    expect(infer('Diagnosed', [], 5).type).toBe('date');
    expect(infer('Date of diagnosis', ['2018-03-04', '2020-01-20', '04/05/2021']).type).toBe('date');
  });

  it('reads long or all-different texts as free text', () => {
    expect(
      infer('Comments', [
        'A long sentence that a paper gave about this patient.',
        'Another such sentence, and more words.',
      ]).type,
    ).toBe('text');
    expect(infer('Histology', ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7']).type).toBe('text');
  });
});
