import { describe, expect, it } from 'vitest';
import { checkConfigText } from '../../pipeline/config/checkConfigText.ts';
import { checkFilePaths } from '../../pipeline/config/checkFilePaths.ts';

describe('checkConfigText', () => {
  it('finds every string and key with an unsafe character, by JSON Pointer', () => {
    const json = {
      ok: 'fine, with tab\tand newline\n',
      list: ['a', 'b\u0007', { 'a/b~c': 'x\u2029' }],
      'k\u0000': 1,
      n: 5,
      nothing: null,
    };
    expect(checkConfigText(json).map((p) => [p.pointer, p.severity])).toEqual([
      ['/list/1', 'error'],
      ['/list/2/a~1b~0c', 'error'],
      ['/k\u0000', 'error'],
    ]);
    expect(checkConfigText(json).map((p) => p.message)).toEqual([
      'text holds the invisible character U+0007 (control character), which a report cannot show: delete it',
      'text holds the invisible character U+2029 (paragraph separator), which a report cannot show: delete it',
      'key holds the invisible character U+0000 (NUL), which a report cannot show: delete it',
    ]);
  });

  it('refuses a title, subtitle or label of more than 200 characters (emoji count as one)', () => {
    const json = {
      title: 'x'.repeat(200),
      panels: [{ title: 'y'.repeat(201), subtitle: '🙂'.repeat(200) }],
      statistics: [{ label: 'z '.repeat(101) }],
      description: 'd'.repeat(5_000),
    };
    expect(checkConfigText(json).map((p) => [p.pointer, p.message])).toEqual([
      [
        '/panels/0/title',
        'title has 201 characters, more than the 200 a title or label may have (figures are a journal column wide): shorten it, and say the rest in a description',
      ],
      [
        '/statistics/0/label',
        'label has 202 characters, more than the 200 a title or label may have (figures are a journal column wide): shorten it, and say the rest in a description',
      ],
    ]);
  });

  it('finds nothing in clean text', () => {
    expect(checkConfigText({ a: ['Besançon – “x” 🙂'], b: { c: 'd' } })).toEqual([]);
  });
});

describe('checkFilePaths', () => {
  it('accepts relative names inside the folder, subfolders and dots in names included', () => {
    expect(
      checkFilePaths({
        cases: 'cases.csv',
        sources: 'lit/sources.v2.csv',
        flow: './flow.csv',
        published: '..x.csv',
      }),
    ).toEqual([]);
  });

  it('names each bad entry at its pointer', () => {
    const problems = checkFilePaths({ cases: '../c.csv', sources: '/abs.csv' });
    expect(problems.map((p) => p.pointer)).toEqual(['/files/cases', '/files/sources']);
    expect(problems[0]!.message).toBe(
      '"../c.csv" steps out of the folder with "..": a file must be inside the cohort folder, named relative to it (e.g. "cases.csv")',
    );
  });
});
