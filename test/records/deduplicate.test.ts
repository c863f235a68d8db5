import { describe, expect, it } from 'vitest';
import { deduplicate, type DedupDecision } from '../../pipeline/records/deduplicate.ts';
import type { IdentifiedRecord } from '../../pipeline/records/searchRecord.ts';

let line = 0;
/** A synthetic record; only what a test names differs from empty. */
const rec = (id: string, fields: Partial<IdentifiedRecord>): IdentifiedRecord => ({
  id,
  database: id.split('-')[0]!,
  file: `${id.split('-')[0]}.ris`,
  line: ++line,
  title: '',
  authors: [],
  year: '',
  journal: '',
  doi: '',
  pmid: '',
  ...fields,
});

const T = 'Primary leiomyosarcoma of the adrenal gland: a case report';
// Planted: a1~b1 (DOI case and resolver prefix), a2~c1 (PMID only), a3~b3 (title variants, year +1,
// surname in another form), b1~c2 (DOI with doi: prefix, so a1, b1, c2 are one group).
// Near misses that must stay apart: a4/b4 (same title, different DOIs), a5/b5 (same title, different
// PMIDs), a6/b6 (same title, first authors differ), a7/b7 (same title, years 2 apart), a8/b8
// (different titles, same author and year).
const records: IdentifiedRecord[] = [
  rec('a-1', { title: 'One', doi: '10.5555/ABC.1', authors: ['Smith J'], year: '2019' }),
  rec('a-2', { title: 'Two', pmid: '31000002' }),
  rec('a-3', { title: T, authors: ['Müller H', 'Tanaka K'], year: '2019' }),
  rec('a-4', { title: 'Twin title', doi: '10.5555/twin.1', authors: ['Lee A'], year: '2020' }),
  rec('a-5', { title: 'Second twin', pmid: '1', authors: ['Lee A'], year: '2020' }),
  rec('a-6', { title: 'Third twin', authors: ['Kim S'], year: '2021' }),
  rec('a-7', { title: 'Fourth twin', authors: ['Park J'], year: '2015' }),
  rec('a-8', { title: 'Adrenal leiomyosarcoma', authors: ['Rossi M'], year: '2018' }),
  rec('b-1', { title: 'One (corrected title)', doi: 'https://doi.org/10.5555/abc.1' }),
  rec('b-3', {
    title: 'PRIMARY LEIOMYOSARCOMA OF THE ADRENAL GLAND - A CASE REPORT.',
    authors: ['Muller, Hans'],
    year: '2020',
  }),
  rec('b-4', { title: 'Twin title.', doi: '10.5555/twin.2', authors: ['Lee, A.'], year: '2020' }),
  rec('b-5', { title: 'Second twin', pmid: '2', authors: ['Lee A'], year: '2020' }),
  rec('b-6', { title: 'Third twin', authors: ['Cho S'], year: '2021' }),
  rec('b-7', { title: 'Fourth twin', authors: ['Park J'], year: '2017' }),
  rec('b-8', { title: 'Adrenal leiomyosarcomas', authors: ['Rossi M'], year: '2018' }),
  rec('c-1', { title: 'Something else entirely', pmid: '031000002' }),
  rec('c-2', { title: 'One', doi: 'doi:10.5555/Abc.1' }),
];

describe('deduplicate', () => {
  it('reports exactly the planted links, each with its rule, and the unsettled near misses as possible duplicates', () => {
    const result = deduplicate(records);
    expect(result.links).toEqual([
      { record: 'b-1', duplicateOf: 'a-1', rule: 'doi' },
      { record: 'b-3', duplicateOf: 'a-3', rule: 'title' },
      { record: 'c-1', duplicateOf: 'a-2', rule: 'pmid' },
      { record: 'c-2', duplicateOf: 'a-1', rule: 'doi' },
    ]);
    expect(result.groupOf.get('c-2')).toBe('a-1');
    expect(result.groupOf.get('a-4')).toBe('a-4');
    expect(result.groupOf.get('b-4')).toBe('b-4');
    expect(result.possible).toEqual([
      { record: 'b-6', other: 'a-6', reason: 'same title, first authors differ (kim / cho)' },
      { record: 'b-7', other: 'a-7', reason: 'same title, years 2015 and 2017' },
    ]);
    expect(result.findings.map((f) => [f.file, f.line, f.severity, f.code])).toEqual([
      ['b.ris', records[12]!.line, 'warning', 'records.possible-duplicate'],
      ['b.ris', records[13]!.line, 'warning', 'records.possible-duplicate'],
    ]);
    expect(result.findings[0]!.message).toContain('a-6 (a.ris:');
  });

  it('never merges through a chain: a title match does not join two groups with different DOIs', () => {
    const chain = [
      rec('x-1', { title: 'Chain', doi: '10.5555/x', authors: ['Lee A'], year: '2020' }),
      rec('x-2', { title: 'Chain', authors: ['Lee A'], year: '2020' }),
      rec('x-3', { title: 'Chain', doi: '10.5555/y', authors: ['Lee A'], year: '2020' }),
    ];
    const { links, possible } = deduplicate(chain);
    expect(links).toEqual([{ record: 'x-2', duplicateOf: 'x-1', rule: 'title' }]);
    expect(possible).toEqual([]);
  });

  it('says so when one DOI carries two PMIDs', () => {
    const { links, possible } = deduplicate([
      rec('p-1', { doi: '10.5555/z', pmid: '5' }),
      rec('p-2', { doi: '10.5555/Z', pmid: '6' }),
    ]);
    expect(links).toEqual([]);
    expect(possible).toEqual([{ record: 'p-2', other: 'p-1', reason: 'same DOI but different PMIDs' }]);
  });

  it('applies dedup.csv both ways: "same" links what no rule would, "different" parts what a rule would, and settles a possible duplicate', () => {
    const decision = (record: string, duplicateOf: string, d: 'same' | 'different'): DedupDecision => ({
      record,
      duplicateOf,
      decision: d,
      reason: 'checked the full texts',
      file: 'dedup.csv',
      line: 2,
    });
    const result = deduplicate(records, [
      decision('a-8', 'b-8', 'same'),
      decision('b-3', 'a-3', 'different'),
      decision('a-6', 'b-6', 'different'),
      decision('c-2', 'b-1', 'different'), // c-2 and b-1 share a DOI; the reviewer keeps them apart
    ]);
    expect(result.links).toEqual([
      { record: 'b-1', duplicateOf: 'a-1', rule: 'doi' },
      { record: 'b-8', duplicateOf: 'a-8', rule: 'reviewer' },
      { record: 'c-1', duplicateOf: 'a-2', rule: 'pmid' },
    ]);
    expect(result.possible.map((p) => p.record)).toEqual(['b-7']);
  });

  it('pairs 2,000 records by DOI variants without comparing all pairs (the timing of 20,000 is bench/recordsDedup.ts)', () => {
    const many: IdentifiedRecord[] = [];
    for (let i = 0; i < 1000; i++) {
      many.push(
        rec(`m-${i}`, {
          title: `Synthetic title ${i}`,
          doi: `10.5555/m.${i}`,
          authors: ['Lee A'],
          year: '2020',
        }),
      );
      many.push(
        rec(`n-${i}`, {
          title: `synthetic title ${i}.`,
          doi: `10.5555/M.${i}`,
          authors: ['Lee, A.'],
          year: '2020',
        }),
      );
    }
    const { links, possible } = deduplicate(many);
    expect(links).toHaveLength(1000);
    expect(links.every((l) => l.rule === 'doi' && l.record === l.duplicateOf.replace('m-', 'n-'))).toBe(true);
    expect(possible).toEqual([]);
  });

  it('warns once per later record of a title many records share, not once per pair', () => {
    const errata = Array.from({ length: 30 }, (_, i) =>
      rec(`e-${i}`, { title: 'Erratum', authors: [`Author${i} A`], year: '2020' }),
    );
    const { links, possible } = deduplicate(errata);
    expect(links).toEqual([]);
    expect(possible).toHaveLength(29);
    expect(possible[0]).toEqual({
      record: 'e-1',
      other: 'e-0',
      reason: 'same title, first authors differ (author0 / author1)',
    });
  });
});
