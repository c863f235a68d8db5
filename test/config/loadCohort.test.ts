import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCohort, MAX_CONFIG_DEPTH, pointerBeyondDepth } from '../../pipeline/config/loadCohort.ts';
import type { CohortConfig } from '../../pipeline/types.ts';

const DATA = fileURLToPath(new URL('../../data/', import.meta.url));
const MINIMAL = fileURLToPath(new URL('../fixtures/config/minimal/', import.meta.url));
const ADRENAL_TEXT = readFileSync(join(DATA, 'adrenal-lms', 'cohort.json'), 'utf8');
const adrenal = () => JSON.parse(ADRENAL_TEXT) as CohortConfig;

let tmp: string;
let count = 0;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'casepool-cohort-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Writes `text` as cohort.json in a fresh folder; returns the folder and the text. */
function writeCohort(text: string): { dir: string; text: string } {
  const dir = join(tmp, `variant-${++count}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'cohort.json'), text);
  return { dir, text };
}

/** The adrenal cohort.json, edited, written back as JSON.stringify(…, null, 2) does. */
function variant(edit: (config: CohortConfig) => void): { dir: string; text: string } {
  const config = adrenal();
  edit(config);
  return writeCohort(JSON.stringify(config, null, 2) + '\n');
}

/** Line and column (1-based) of `offset` in `text`, counted here. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

/** Offset of the only occurrence of `needle` in `text`. */
function offsetOf(text: string, needle: string): number {
  const offset = text.indexOf(needle);
  expect(offset, `"${needle}" must be in the text`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(needle, offset + 1), `"${needle}" must occur once`).toBe(-1);
  return offset;
}

/** Where the value of `"key": value` starts, for a pair that occurs once in the text. */
function valuePosition(text: string, key: string, value: string) {
  const pair = `"${key}": ${value}`;
  return positionAt(text, offsetOf(text, pair) + pair.length - value.length);
}

describe('loadCohort: the shipped cohorts', () => {
  it.each(['adrenal-lms', 'spinal-lms'])('loads data/%s/cohort.json with no findings', (name) => {
    const { config, findings } = loadCohort(join(DATA, name));
    expect(findings).toEqual([]);
    expect(config?.id).toBe(name);
  });

  it('loads the adrenal cohort unchanged when written back by JSON.stringify', () => {
    const { dir } = variant(() => {});
    const { config, findings } = loadCohort(dir);
    expect(findings).toEqual([]);
    expect(config).toEqual(adrenal());
  });

  it('loads a cohort.json that starts with a BOM', () => {
    const { dir } = writeCohort('\uFEFF' + ADRENAL_TEXT);
    expect(loadCohort(dir).findings).toEqual([]);
  });

  it('gives the optional sections of a minimal cohort as empty lists', () => {
    const { config, findings } = loadCohort(MINIMAL);
    expect(findings).toEqual([]);
    expect(config).toMatchObject({
      id: 'minimal',
      derived: [],
      statistics: [],
      continuous: [],
      panels: [],
      headline: [],
      tests: [],
      checks: [],
    });
    expect(config?.survival).toBeUndefined();
  });
});

describe('loadCohort: files that cannot be read', () => {
  it('reports a missing cohort.json', () => {
    const dir = join(tmp, 'no-such-folder');
    expect(loadCohort(dir, 'shown/cohort.json')).toEqual({
      config: null,
      findings: [
        {
          file: 'shown/cohort.json',
          line: 0,
          column: 0,
          severity: 'error',
          code: 'config.unreadable',
          message: 'file not found: every cohort folder needs a cohort.json',
        },
      ],
    });
  });

  const text = JSON.stringify(adrenal(), null, 2);
  const idLine = `"id": "adrenal-lms",`;
  // Each case: the broken text, and where in it the file stops being JSON: the start of `needle`
  // plus `shift` characters (at the end of the text when needle is empty).
  it.each<[string, string, string, number]>([
    ['an unquoted value', text.replace('"id": "adrenal-lms"', '"id": adrenal-lms'), 'adrenal-lms,', 0],
    ['a single-quoted key', text.replace('"title": "Primary', "'title': \"Primary"), "'title'", 0],
    ['a missing comma', text.replace(idLine, idLine.slice(0, -1)), '"title": "Primary', 0],
    [
      'a trailing comma in an object',
      text.replace('"duplicate_of"\n', '"duplicate_of",\n'),
      '},\n  "appraisal"',
      0,
    ],
    [
      'a trailing comma in an array',
      text.replace('"outcome_dead"\n  ]', '"outcome_dead",\n  ]'),
      '"outcome_dead",\n  ]',
      '"outcome_dead",\n  '.length,
    ],
    ['a comment', text.replace('  "files"', '  // where the data are\n  "files"'), '// where', 0],
    ['a stray letter', text.replace('"files": {', 'x"files": {'), 'x"files"', 0],
    ['True for true', text.replace('"exclusiveMin": true', '"exclusiveMin": True'), 'True', 0],
    ['a cut-off file', text.slice(0, text.indexOf('"statistics"') + 20), '', 0],
  ])(
    'reports %s as config.not-json at the line and column where the JSON breaks',
    (_, broken, needle, shift) => {
      expect(broken).not.toBe(text);
      expect(() => JSON.parse(broken) as unknown).toThrow();
      const { dir } = writeCohort(broken);
      const { config, findings } = loadCohort(dir, 'cohort.json');
      expect(config).toBeNull();
      expect(findings).toHaveLength(1);
      const at = positionAt(broken, needle === '' ? broken.length : offsetOf(broken, needle) + shift);
      expect(findings[0]).toMatchObject({
        file: 'cohort.json',
        ...at,
        severity: 'error',
        code: 'config.not-json',
      });
      expect(findings[0]!.message).toMatch(/^cohort\.json is not valid JSON: \S/);
      expect(findings[0]!.message).not.toContain('\n');
    },
  );

  it.each([
    ['an empty file', ''],
    ['a file of spaces', '   '],
  ])('reports %s as config.not-json on line 1', (_, broken) => {
    const { dir } = writeCohort(broken);
    const { config, findings } = loadCohort(dir);
    expect(config).toBeNull();
    expect(findings).toMatchObject([{ line: 1, code: 'config.not-json' }]);
  });
});

describe('loadCohort: schema errors', () => {
  it('names an unknown top-level key and suggests the known one', () => {
    const { dir, text } = variant((c) => {
      (c as unknown as Record<string, unknown>).colums = [];
    });
    const { config, findings } = loadCohort(dir);
    expect(config).toBeNull();
    expect(findings).toEqual([
      {
        file: join(dir, 'cohort.json'),
        ...valuePosition(text, 'colums', '[]'),
        severity: 'error',
        code: 'config.invalid',
        message: '/colums: unknown key "colums"; did you mean "columns"?',
      },
    ]);
  });

  it('reports "columns" renamed to "colums" as a missing key and an unknown one', () => {
    const { dir, text } = variant((c) => {
      const record = c as unknown as Record<string, unknown>;
      record.colums = record.columns;
      delete record.columns;
    });
    const { findings } = loadCohort(dir);
    expect(findings.map((f) => [f.message, f.line])).toEqual(
      expect.arrayContaining([
        ['/: missing key "columns"', 1],
        ['/colums: unknown key "colums"; did you mean "columns"?', valuePosition(text, 'colums', '[').line],
      ]),
    );
    expect(findings).toHaveLength(2);
  });

  it('names an unknown key inside a column and suggests the known one, at its line', () => {
    let k = -1;
    const { dir, text } = variant((c) => {
      k = c.columns.findIndex((col) => col.name === 'sex');
      (c.columns[k] as unknown as Record<string, unknown>).vocabulry = 'sex';
    });
    const { findings } = loadCohort(dir);
    expect(findings).toMatchObject([
      {
        ...valuePosition(text, 'vocabulry', '"sex"'),
        code: 'config.invalid',
        message: `/columns/${k}/vocabulry: unknown key "vocabulry"; did you mean "vocabulary"?`,
      },
    ]);
  });

  it('lists the allowed values of a misspelt column type', () => {
    let k = -1;
    const { dir, text } = variant((c) => {
      k = c.columns.findIndex((col) => col.name === 'sex');
      (c.columns[k] as unknown as Record<string, unknown>).type = 'categroy';
    });
    const { findings } = loadCohort(dir);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject(valuePosition(text, 'type', '"categroy"'));
    expect(findings[0]!.message).toMatch(
      new RegExp(`^/columns/${k}/type: must be one of "id", .*"category"`),
    );
  });

  it('reports a missing required key of a column at the column', () => {
    let k = -1;
    const { dir, text } = variant((c) => {
      k = c.columns.findIndex((col) => col.name === 'age');
      delete (c.columns[k] as unknown as Record<string, unknown>).label;
    });
    const { findings } = loadCohort(dir);
    const columnStart = text.lastIndexOf('{', offsetOf(text, '"name": "age"'));
    expect(findings).toEqual([
      expect.objectContaining({
        ...positionAt(text, columnStart),
        message: `/columns/${k}: missing key "label"`,
      }),
    ]);
  });
});

describe('loadCohort: references the schema cannot check', () => {
  it('reports a statistic whose condition names an undefined variable', () => {
    let k = -1;
    const { dir, text } = variant((c) => {
      k = c.statistics.findIndex((s) => s.id === 'sex_female');
      c.statistics[k]!.when = { variable: 'sx', in: ['female'] };
    });
    const { config, findings } = loadCohort(dir);
    expect(config).toBeNull();
    expect(findings).toEqual([
      {
        file: join(dir, 'cohort.json'),
        ...valuePosition(text, 'variable', '"sx"'),
        severity: 'error',
        code: 'config.invalid',
        message: `/statistics/${k}/when/variable: "sx" is not a column or derived variable; did you mean "sex"?`,
      },
    ]);
  });

  it('reports a term that is not in the vocabulary, with a did-you-mean', () => {
    let k = -1;
    const { dir, text } = variant((c) => {
      k = c.statistics.findIndex((s) => s.id === 'sex_female');
      c.statistics[k]!.when = { variable: 'sex', in: ['femal'] };
    });
    const { findings } = loadCohort(dir);
    expect(findings).toMatchObject([
      {
        ...positionAt(text, offsetOf(text, '"femal"')),
        severity: 'error',
        message: `/statistics/${k}/when/in/0: "femal" is not a term of the vocabulary of "sex"; did you mean "female"?`,
      },
    ]);
  });

  it('reports an undefined term nested in all/not, with the whole pointer', () => {
    let k = -1;
    const { dir, text } = variant((c) => {
      k = c.statistics.findIndex((s) => s.id === 'sex_female');
      c.statistics[k]!.when = {
        all: [{ variable: 'sex', in: ['female'] }, { not: { variable: 'metastasis', in: ['none', 'livr'] } }],
      };
    });
    const { findings } = loadCohort(dir);
    expect(findings).toMatchObject([
      {
        ...positionAt(text, offsetOf(text, '"livr"')),
        message: `/statistics/${k}/when/all/1/not/in/1: "livr" is not a term of the vocabulary of "metastasis"; did you mean "liver"?`,
      },
    ]);
  });

  it('reports a panel that names an undefined statistic', () => {
    let k = -1;
    let i = -1;
    const { dir, text } = variant((c) => {
      k = c.panels.findIndex((p) => p.statistics.includes('ext_ivc_with_kidney'));
      i = c.panels[k]!.statistics.indexOf('ext_ivc_with_kidney');
      c.panels[k]!.statistics[i] = 'ext_ivc_with_kidny';
    });
    const { findings } = loadCohort(dir);
    expect(findings).toMatchObject([
      {
        ...positionAt(text, offsetOf(text, '"ext_ivc_with_kidny"')),
        severity: 'error',
        message: `/panels/${k}/statistics/${i}: statistic "ext_ivc_with_kidny" is not defined under "statistics"; did you mean "ext_ivc_with_kidney"?`,
      },
    ]);
  });

  it('reports a column with an undefined vocabulary', () => {
    let k = -1;
    const { dir, text } = variant((c) => {
      k = c.columns.findIndex((col) => col.name === 'sex');
      c.columns[k]!.vocabulary = 'sexx';
    });
    const { findings } = loadCohort(dir);
    expect(findings).toMatchObject([
      {
        ...valuePosition(text, 'vocabulary', '"sexx"'),
        severity: 'error',
        message: `/columns/${k}/vocabulary: vocabulary "sexx" is not defined under "vocabularies"; did you mean "sex"?`,
      },
    ]);
  });

  it('keeps the config when there are only warnings, and places each at its line', () => {
    const { dir, text } = variant((c) => {
      c.vocabularies.sex!.terms[0]!.synonyms!.push('man');
    });
    const { config, findings } = loadCohort(dir);
    expect(config).not.toBeNull();
    const maleTerm = text.lastIndexOf('{', offsetOf(text, '"id": "male"'));
    expect(findings).toMatchObject([
      {
        ...positionAt(text, maleTerm),
        severity: 'warning',
        code: 'vocabulary.shared-spelling',
        message:
          '/vocabularies/sex/terms/1: spelling "man" belongs to both "female" and "male"; it will mean "female"',
      },
    ]);
  });

  it('reads a minimum block, and refuses an unknown key or a count below 1 in it, at its place', () => {
    const ok = variant((c) => (c.minimum = { coxEvents: 10, survivalGroupPatients: 3 }));
    expect(loadCohort(ok.dir)).toMatchObject({
      findings: [],
      config: { minimum: { coxEvents: 10, survivalGroupPatients: 3 } },
    });
    const bad = variant((c) => (c.minimum = { coxEvent: 10 } as CohortConfig['minimum']));
    const [finding] = loadCohort(bad.dir).findings;
    expect(finding).toMatchObject({
      severity: 'error',
      line: positionAt(bad.text, offsetOf(bad.text, '"coxEvent"')).line,
    });
    expect(finding!.message).toMatch(/^\/minimum.*coxEvent/);
    const zero = variant((c) => (c.minimum = { sensitivityPatients: 0 }));
    expect(loadCohort(zero.dir).findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^\/minimum\/sensitivityPatients: /),
    ]);
  });

  it('reports several problems at once, each at its own line', () => {
    const { dir, text } = variant((c) => {
      c.headline[0] = 'sex_femal';
      c.continuous[0]!.variable = 'sex';
    });
    const { findings } = loadCohort(dir);
    const continuousSex = text.indexOf('"variable": "sex"', offsetOf(text, '"continuous": ['));
    expect(findings.map((f) => [f.line, f.column, f.message])).toEqual([
      [
        ...Object.values(positionAt(text, offsetOf(text, '"sex_femal"'))),
        '/headline/0: statistic "sex_femal" is not defined under "statistics"; did you mean "sex_female"?',
      ],
      [
        ...Object.values(positionAt(text, continuousSex + '"variable": '.length)),
        '/continuous/0/variable: "sex" is not a number, size or duration column',
      ],
    ]);
  });
});

describe('loadCohort: hostile cohort.json', () => {
  const codes = (findings: Array<{ line: number; column: number; code: string; severity: string }>) =>
    findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.code}`);

  it.each([
    ['a control character in a statistic label', '\u0001', 'U+0001 (control character)'],
    ['a line separator in a statistic label', '\u2028', 'U+2028 (line separator)'],
    ['a lone surrogate in a statistic label', '\ud800', 'U+D800 (lone surrogate)'],
  ])('%s is an error at that label', (_, character, named) => {
    const { dir, text } = variant((c) => {
      c.statistics[0]!.label = `Fe${character}male`;
    });
    const { config, findings } = loadCohort(dir);
    expect(config).toBeNull();
    const escaped = JSON.stringify(`Fe${character}male`);
    const at = positionAt(text, offsetOf(text, `"label": ${escaped}`) + '"label": '.length);
    expect(codes(findings)).toEqual([`${at.line}:${at.column} error config.invalid`]);
    expect(findings[0]!.message).toContain('/statistics/0/label');
    expect(findings[0]!.message).toContain(named);
  });

  it('a control character in a key is an error at that key', () => {
    const { dir } = variant((c) => {
      (c as unknown as Record<string, unknown>).reference = { citation: 'x', 'no\u001bte': 'y' };
    });
    const { findings } = loadCohort(dir);
    // The schema refuses the key; the message names the character and shows the key without it.
    expect(findings.map((f) => f.code)).toEqual(['config.invalid']);
    expect(findings[0]!.message).toBe(
      '/reference/note: key "note" holds the invisible character U+001B (escape): delete it',
    );
  });

  it.each([
    ['../outside.csv', 'steps out of the folder with ".."'],
    ['data/../../outside.csv', 'steps out of the folder'],
    ['/etc/passwd', 'is an absolute path'],
    ['C:/cases.csv', 'is an absolute path'],
    ['sub\\cases.csv', 'uses "\\"'],
    ['  ', 'is empty'],
  ])('files.cases "%s" is an error at /files/cases', (name, why) => {
    const { dir, text } = variant((c) => {
      c.files.cases = name;
    });
    const { config, findings } = loadCohort(dir);
    expect(config).toBeNull();
    const at = valuePosition(text, 'cases', JSON.stringify(name));
    expect(codes(findings)).toEqual([`${at.line}:${at.column} error config.invalid`]);
    expect(findings[0]!.message).toContain('/files/cases');
    expect(findings[0]!.message).toContain(why);
  });

  it('a files entry in a subfolder is fine', () => {
    const { dir } = variant((c) => {
      c.files.published = 'extra/published.csv';
    });
    expect(loadCohort(dir).findings).toEqual([]);
  });

  it.each([
    ['riskTimes', 26, 'must NOT have more than 25 items'],
    ['at', 51, 'must NOT have more than 50 items'],
  ] as const)('survival.%s with %d entries is an error', (key, n, words) => {
    const { dir } = variant((c) => {
      c.survival![key] = Array.from({ length: n }, (_, k) => k);
    });
    const { findings } = loadCohort(dir);
    expect(findings.map((f) => f.code)).toEqual(['config.invalid']);
    expect(findings[0]!.message).toBe(`/survival/${key}: ${words}`);
  });

  it('a pattern that backtracks catastrophically is an error naming it, at the pattern', () => {
    const { dir, text } = variant((c) => {
      c.vocabularies.symptom!.terms[0]!.patterns = ['pain', '^(a+)+$'];
    });
    const { config, findings } = loadCohort(dir);
    expect(config).toBeNull();
    const at = positionAt(text, offsetOf(text, '"^(a+)+$"'));
    expect(codes(findings)).toEqual([`${at.line}:${at.column} error config.invalid`]);
    expect(findings[0]!.message).toContain('/vocabularies/symptom/terms/0/patterns/1');
    expect(findings[0]!.message).toContain('pattern "^(a+)+$"');
  });

  it('a cohort.json above the size limit is refused unread', async () => {
    const { INPUT_LIMITS } = await import('../../pipeline/parse/inputLimits.ts');
    const { dir } = writeCohort(
      ADRENAL_TEXT.replace('{', `{"$schema": "${'x'.repeat(INPUT_LIMITS.configBytes)}",`),
    );
    const { config, findings } = loadCohort(dir, 'cohort.json');
    expect(config).toBeNull();
    expect(findings).toMatchObject([{ file: 'cohort.json', line: 0, column: 0, code: 'config.unreadable' }]);
    expect(findings[0]!.message).toMatch(/file is 4 MB, more than the 4 MB an input may have/);
  });
});

describe('pointerBeyondDepth', () => {
  it('is the pointer of the first value nested deeper than the limit, or null', () => {
    expect(pointerBeyondDepth({ a: [1, { b: 2 }] }, 3)).toBeNull();
    expect(pointerBeyondDepth({ a: [1, { b: { c: 1 } }] }, 3)).toBe('/a/1/b');
    expect(pointerBeyondDepth({ 'x/y': { '~': {} } }, 2)).toBe('/x~1y/~0');
    expect(pointerBeyondDepth(7, 0)).toBeNull();
  });

  it('measures a depth that recursion could not (no stack overflow)', () => {
    const deep = JSON.parse('['.repeat(200_000) + ']'.repeat(200_000)) as unknown;
    expect(pointerBeyondDepth(deep, MAX_CONFIG_DEPTH)).toBe('/0'.repeat(MAX_CONFIG_DEPTH));
  });
});
