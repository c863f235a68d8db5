import { describe, expect, it } from 'vitest';
import { otherFormatHint, tableFile } from '../../pipeline/parse/tableFile.ts';

describe('tableFile', () => {
  it('reads the format from the extension and the sheet after # of a workbook only', () => {
    expect(tableFile('cases.csv')).toEqual({ path: 'cases.csv', format: 'csv' });
    expect(tableFile('Cases.XLSX')).toEqual({ path: 'Cases.XLSX', format: 'xlsx' });
    expect(tableFile('extraction.xlsx#Patients')).toEqual({
      path: 'extraction.xlsx',
      format: 'xlsx',
      sheet: 'Patients',
    });
    expect(tableFile('extraction.xlsx#Sheet #2')).toEqual({
      path: 'extraction.xlsx',
      format: 'xlsx',
      sheet: 'Sheet #2',
    });
    expect(tableFile('cases#1.csv')).toEqual({ path: 'cases#1.csv', format: 'csv' });
    expect(tableFile('old.xls')).toEqual({ path: 'old.xls', format: 'unsupported' });
    expect(tableFile('macros.xlsm').format).toBe('unsupported');
    expect(tableFile('calc.ods').format).toBe('unsupported');
  });
});

describe('otherFormatHint', () => {
  it('points at a file of the same name in another format', () => {
    expect(otherFormatHint('cases.csv', ['sources.csv', 'Cases.xlsx'], 'cases')).toBe(
      'cases.csv not found; the folder has Cases.xlsx — name it in cohort.json files.cases, or save the sheet as CSV UTF-8',
    );
    expect(otherFormatHint('tables/sources.xlsx', ['sources.csv'], 'sources')).toBe(
      'tables/sources.xlsx not found; the folder has tables/sources.csv — name it in cohort.json files.sources',
    );
  });

  it('says nothing when there is no such file', () => {
    expect(otherFormatHint('cases.csv', ['sources.csv', 'cases-old.xlsx'], 'cases')).toBeNull();
    expect(otherFormatHint('cases.csv', [], 'cases')).toBeNull();
  });
});
