// An unknown term must never move a count silently: by default it stops the run; a vocabulary that
// opts into warnings reads the whole cell as not reported, and the message says exactly that.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cellParser, idValue, ownCopy, plainNumberReader } from '../../pipeline/values/cellParsers.ts';
import { conditionVariables } from '../../pipeline/conditions/conditionVariables.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';
import { analyze } from '../../pipeline/stages/analyze.ts';
import type { StageContext } from '../../pipeline/stages/context.ts';
import { normalize } from '../../pipeline/stages/normalize.ts';
import type { CohortConfig } from '../../pipeline/types.ts';
import { adrenalContext } from '../helpers/stageInput.ts';
import { casesTable } from '../../pipeline/cohortTables/casesTable.ts';

const column = (config: CohortConfig, name: string) => config.columns.find((c) => c.name === name)!;

/** The variable and every derived variable that reads it, directly or through another. */
function dependents(config: CohortConfig, variable: string): Set<string> {
  const out = new Set([variable]);
  for (const d of config.derived) {
    const reads =
      d.type === 'list'
        ? [d.from]
        : d.type === 'boolean'
          ? conditionVariables(d.when)
          : d.rules.flatMap((r) => conditionVariables(r.when));
    if (reads.some((v) => out.has(v))) out.add(d.id);
  }
  return out;
}

/** The adrenal context with every list vocabulary opted into warnings for unknown terms. */
function lenientContext(): StageContext {
  const context = adrenalContext();
  const vocabularies = structuredClone(context.config.vocabularies);
  for (const c of context.config.columns)
    if (c.type === 'list' && c.vocabulary) vocabularies[c.vocabulary]!.unknown = 'warning';
  return { ...context, config: { ...context.config, vocabularies } };
}

describe('cellParser: unknown terms', () => {
  it('is an error by default, with a did-you-mean hint', () => {
    const { config } = adrenalContext();
    const reading = cellParser(column(config, 'symptoms'), config)('flnak pain; weight loss');
    expect(reading.value).toBeNull();
    expect(reading.problems).toEqual([
      {
        severity: 'error',
        code: 'value.unknown-term',
        message:
          'symptoms "flnak pain" is not a known symptom term; did you mean "flank pain"?; leave the cell empty (or write NR) if the paper does not say',
      },
    ]);
  });

  it('opted into warnings, reads the whole list cell as not reported and says so', () => {
    const { config } = lenientContext();
    const reading = cellParser(column(config, 'symptoms'), config)('flnak pain; weight loss');
    expect(reading.value).toBeNull();
    expect(reading.problems.map((p) => p.severity)).toEqual(['warning']);
    expect(reading.problems[0]!.message).toMatch(
      /"flnak pain" .*\(left out: this patient counts as unknown for symptoms and for everything derived from it, and stays in the all-patients denominator\)$/,
    );
  });

  it('reads a cell of known terms as before', () => {
    const { config } = lenientContext();
    const reading = cellParser(column(config, 'symptoms'), config)('flank pain; weight loss');
    expect(reading).toEqual({ value: ['flank_pain', 'weight_loss'], problems: [] });
  });
});

describe('a typo moves counts only as its message states', () => {
  const context = lenientContext();
  const text = readFileSync('test/fixtures/synthetic-adrenal/cases.csv', 'utf8');
  const table = parseCsv(text, 'cases.csv', 'x').table!;
  const listFields = context.config.columns
    .filter((c) => c.type === 'list')
    .map((c) => table.header.indexOf(c.name));
  const sources = parseCsv('source_id,title\nsynthetic,Synthetic\n', 'sources.csv', 'y').table;
  const statsOf = (rows: string[][]) => {
    const normalized = normalize(
      {
        raw: { cases: { ...table, rows }, sources },
        extras: {},
        inputs: [],
        findings: [],
      },
      context,
    );
    const { stats } = analyze(
      {
        cases: normalized.tables.of(casesTable)!,
        published: [],
        inputs: [{ role: 'cases', file: 'cases.csv', sha256: 'x' }],
      },
      context,
    );
    return { stats, findings: normalized.findings };
  };
  const before = statsOf(table.rows).stats;

  it.each(Array.from({ length: 40 }, (_, k) => k + 1))('seed %i', (seed) => {
    const random = seededRandom(seed);
    // Pick a row and a list cell that holds terms, and misspell one of its items (swap two letters).
    let row = 0;
    let field = 0;
    for (;;) {
      row = randomInteger(random, 0, table.rows.length - 1);
      field = listFields[randomInteger(random, 0, listFields.length - 1)]!;
      if (/[a-z]{3}/i.test(table.rows[row]![field]!)) break;
    }
    const items = table.rows[row]![field]!.split(';');
    const k = items.findIndex((item) => /[a-z]{3}/i.test(item));
    items[k] = `${items[k]!.trim()}qx`;
    const rows = table.rows.map((r) => [...r]);
    rows[row]![field] = items.join(';');

    const after = statsOf(rows);
    const warning = after.findings.find((f) => f.code === 'value.unknown-term')!;
    expect(warning.severity).toBe('warning');
    expect(warning.message).toContain(
      `left out: this patient counts as unknown for ${table.header[field]} and`,
    );

    const patient = table.rows[row]![table.header.indexOf('case_id')]!;
    const included = table.rows[row]![table.header.indexOf('include')] !== 'no';
    const touched = dependents(context.config, table.header[field]!);
    for (const b of before.statistics) {
      const a = after.stats.statistics.find((s) => s.id === b.id)!;
      const spec = context.config.statistics.find((s) => `${s.id}.reported` === b.id || s.id === b.id)!;
      if (!conditionVariables(spec.when).some((v) => touched.has(v))) {
        // A statistic that does not read the cell does not move at all.
        expect(a, b.id).toEqual(b);
        continue;
      }
      // "Not reported": the patient may leave a numerator and the reported denominator, nothing else.
      const left = b.case_ids.includes(patient) ? 1 : 0;
      if (b.denominator_kind === 'all') expect(a.denominator, b.id).toBe(b.denominator);
      expect(b.numerator - a.numerator, b.id).toBeGreaterThanOrEqual(0);
      expect(b.numerator - a.numerator, b.id).toBeLessThanOrEqual(included ? 1 : 0);
      if (left === 1) expect(a.case_ids, b.id).not.toContain(patient);
      if (b.denominator_kind === 'reported') {
        expect(b.denominator - a.denominator, b.id).toBeGreaterThanOrEqual(0);
        expect(b.denominator - a.denominator, b.id).toBeLessThanOrEqual(included ? 1 : 0);
      }
    }
  });
});

describe('ownCopy', () => {
  it('gives the same text, short or long (a copy of its own, so no cell keeps the file alive)', () => {
    const file = `${'x'.repeat(100)},a long cell of free text,short`;
    const [, long, short] = file.split(',');
    expect(ownCopy(long!)).toBe('a long cell of free text');
    expect(ownCopy(short!)).toBe('short');
    expect(ownCopy('')).toBe('');
  });
});

describe('plainNumberReader', () => {
  const config = adrenalContext().config;
  const readAt = (name: string, t: string) =>
    plainNumberReader(column(config, name))!(`,${t},`, 1, 1 + t.length);

  it('reads a plain number, size or duration exactly as cellParser does', () => {
    const cases: Array<[string, string[]]> = [
      ['age', ['0', '54', '120', '7.5']],
      ['size', ['11', '0.1', '6.2 cm', '7.2 x 6.5 x 9.2 cm', '102 x 70 mm', '60']],
      ['followup', ['0', '8', '27.6', '240']],
    ];
    for (const [name, texts] of cases) {
      const parse = cellParser(column(config, name), config);
      for (const t of texts) expect(readAt(name, t), `${name} ${t}`).toBe(parse(t).value);
    }
  });

  it('leaves to cellParser every cell out of range or in another notation (undefined)', () => {
    // size must be more than 0 and at most 60; age at most 120.
    for (const [name, t] of [
      ['age', '121'],
      ['age', '54 years'],
      ['age', '-1'],
      ['size', '0'],
      ['size', '61'],
      ['size', '700 mm'],
      ['size', '10 by 6 cm'],
      ['followup', '8 mo'],
      ['followup', '1,000'],
    ] as const)
      expect(readAt(name, t), `${name} ${t}`).toBeUndefined();
  });

  it('is null for a column that is not numeric', () => {
    expect(plainNumberReader(column(config, 'sex'))).toBeNull();
    expect(plainNumberReader(column(config, 'case_id'))).toBeNull();
  });
});

describe('idValue', () => {
  it('is the id trimmed, as cellParser reads an id', () => {
    const config = adrenalContext().config;
    const parse = cellParser(column(config, 'case_id'), config);
    for (const t of [
      'SYN-0000001',
      ' alms-040 ',
      '\u00a0Ünïcode-id\t',
      'a-much-longer-id-than-thirteen-characters',
    ])
      expect(idValue(t), JSON.stringify(t)).toBe(parse(t).value);
    expect(idValue(' x ')).toBe('x');
  });
});
