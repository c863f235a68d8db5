import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFlowArithmetic, type FlowCounts } from '../../pipeline/cohortTables/flowCounts.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import { computedFlow } from '../../pipeline/records/computedFlow.ts';
import { deduplicate } from '../../pipeline/records/deduplicate.ts';
import { readRecordExport } from '../../pipeline/records/readRecordExport.ts';
import { screeningAgreement } from '../../pipeline/records/screeningAgreement.ts';
import { readScreeningLog, screeningOutcomes } from '../../pipeline/records/screeningLog.ts';
import { numberRecords, type IdentifiedRecord } from '../../pipeline/records/searchRecord.ts';

const boxes = (flow: FlowCounts) => flow.boxes.map((b) => [b.step, b.label, b.count, b.note]);

const rec = (id: string, database: string, doi = ''): IdentifiedRecord => ({
  id,
  database,
  file: `${database}.ris`,
  line: 1,
  title: `Title of ${id}`,
  authors: [],
  year: '2020',
  journal: '',
  doi,
  pmid: '',
});

/** The log as a table, as screening.csv would be read. */
const log = (rows: string) =>
  parseCsv(`record,stage,reviewer,decision,reason\n${rows}`, 'screening.csv', '').table!;

describe('computedFlow', () => {
  it('proves each box from a small log', () => {
    // 7 records from two databases; d-1 duplicates p-1 by DOI, so 6 are screened.
    const records = [
      rec('p-1', 'PubMed', '10.5555/1'),
      rec('p-2', 'PubMed'),
      rec('p-3', 'PubMed'),
      rec('p-4', 'PubMed'),
      rec('d-1', 'Embase', '10.5555/1'),
      rec('d-2', 'Embase'),
      rec('d-3', 'Embase'),
    ];
    const dedup = deduplicate(records);
    const read = readScreeningLog(
      log(
        [
          'p-1,title_abstract,A,include,', // passes
          'p-2,title_abstract,A,exclude,', // excluded at screening
          'p-3,title_abstract,A,maybe,', // maybe passes
          'p-4,title_abstract,A,include,',
          'd-2,title_abstract,A,include,',
          'd-3,title_abstract,A,exclude,', // excluded at screening
          'd-1,full_text,A,include,', // d-1 names p-1's group: included
          'p-3,full_text,A,not_retrieved,',
          'p-4,full_text,A,exclude,no patient data',
          'd-2,full_text,A,exclude,No  patient data', // the same reason, spelled otherwise
        ].join('\n'),
      ),
      records,
      dedup.groupOf,
    );
    expect(read.findings).toEqual([]);
    const { outcomes, findings } = screeningOutcomes(read.decisions);
    expect(findings).toEqual([]);
    const result = computedFlow(records, dedup, outcomes, { includedPatients: 3 });
    expect(result.findings).toEqual([]);
    expect(boxes(result.flow)).toEqual([
      ['identified', 'PubMed', 4, ''],
      ['identified', 'Embase', 3, ''],
      ['duplicates_removed', '', 1, 'by doi 1'],
      ['screened', '', 6, ''],
      ['excluded_screening', '', 2, ''],
      ['sought_retrieval', '', 4, ''],
      ['not_retrieved', '', 1, ''],
      ['assessed', '', 3, ''],
      ['excluded_fulltext', 'no patient data', 2, ''],
      ['included_studies', '', 1, ''],
      ['included_reports', '', 1, ''],
      ['included_patients', '', 3, ''],
    ]);
    // The arithmetic a typed flow.csv is checked by holds.
    expect(checkFlowArithmetic(result.flow, 3, 'cases.csv')).toEqual([]);
    expect(result.tally).toEqual({
      identified: { PubMed: 4, Embase: 3 },
      duplicatesRemoved: 1,
      duplicatesByRule: { doi: 1 },
      unscreened: 0,
      awaitingFullText: 0,
      includedStudies: 1,
    });
  });

  it('warns of each record the log leaves out, at the record or its last row, and counts it in no box below', () => {
    const records = [rec('p-1', 'PubMed'), rec('p-2', 'PubMed'), rec('p-3', 'PubMed')];
    const dedup = deduplicate(records);
    const read = readScreeningLog(
      log('p-1,title_abstract,A,include,\np-2,title_abstract,A,exclude,\n'),
      records,
      dedup.groupOf,
    );
    const { outcomes } = screeningOutcomes(read.decisions);
    const result = computedFlow(records, dedup, outcomes);
    expect(result.findings.map((f) => [f.file, f.line, f.code])).toEqual([
      ['screening.csv', 2, 'screening.awaiting-full-text'],
      ['PubMed.ris', 1, 'screening.not-screened'],
    ]);
    expect(result.tally).toMatchObject({ unscreened: 1, awaitingFullText: 1 });
    const withEmpty = computedFlow(records, dedup, outcomes, { databases: ['PubMed', 'CINAHL'] });
    expect(
      withEmpty.flow.boxes.filter((b) => b.step === 'identified').map((b) => [b.label, b.count]),
    ).toEqual([
      ['PubMed', 3],
      ['CINAHL', 0],
    ]);
    const count = (step: string) => result.flow.boxes.find((b) => b.step === step)!.count;
    expect([
      count('screened'),
      count('excluded_screening'),
      count('sought_retrieval'),
      count('assessed'),
    ]).toEqual([3, 1, 1, 0]);
  });
});

describe('the synthetic search of test/fixtures/records: four exports and a two-reviewer log', () => {
  it('reproduces the planted links, the boxes and the agreement (kappa from R)', async () => {
    const exports = [
      ['PubMed', 'pubmed.nbib'],
      ['Embase', 'embase-ovid.ris'],
      ['Scopus', 'scopus.ris'],
      ['Web of Science', 'references.bib'],
    ] as const;
    const read = await Promise.all(
      exports.map(async ([database, file]) => ({
        database,
        ...(await readRecordExport(readFileSync(`test/fixtures/records/${file}`), file)),
      })),
    );
    expect(read.flatMap((r) => r.findings).map((f) => [f.file, f.line, f.code])).toEqual([
      ['embase-ovid.ris', 16, 'ris.no-end'],
    ]);
    const records = numberRecords(read);
    const dedup = deduplicate(records);
    expect(dedup.links).toEqual([
      { record: 'embase-1', duplicateOf: 'pubmed-1', rule: 'doi' },
      { record: 'embase-2', duplicateOf: 'pubmed-3', rule: 'title' },
      { record: 'scopus-1', duplicateOf: 'pubmed-2', rule: 'doi' },
      { record: 'webofscience-1', duplicateOf: 'pubmed-1', rule: 'doi' },
    ]);
    expect(dedup.possible).toEqual([]); // embase-3 and scopus-2 share a title, but their DOIs differ

    const table = parseCsv(
      readFileSync('test/fixtures/records/screening.csv', 'utf8'),
      'screening.csv',
      '',
    ).table!;
    const log = readScreeningLog(table, records, dedup.groupOf);
    expect(log.findings).toEqual([]);
    const { outcomes, findings } = screeningOutcomes(log.decisions);
    expect(findings).toEqual([]);
    const { flow } = computedFlow(records, dedup, outcomes);
    expect(boxes(flow)).toEqual([
      ['identified', 'PubMed', 3, ''],
      ['identified', 'Embase', 3, ''],
      ['identified', 'Scopus', 2, ''],
      ['identified', 'Web of Science', 2, ''],
      ['duplicates_removed', '', 4, 'by doi 3, title 1'],
      ['screened', '', 6, ''],
      ['excluded_screening', '', 2, ''],
      ['sought_retrieval', '', 4, ''],
      ['not_retrieved', '', 1, ''],
      ['assessed', '', 3, ''],
      ['excluded_fulltext', 'review, no patient data', 1, ''],
      ['excluded_fulltext', 'wrong population', 1, ''],
      ['included_studies', '', 1, ''],
      ['included_reports', '', 1, ''],
    ]);

    const agreement = screeningAgreement(log.decisions);
    // ab <- c("include","include","exclude","exclude","maybe","include")   # AB, title/abstract, log order
    // cd <- c("include","maybe","exclude","include","maybe","exclude")     # CD
    // r <- psych::cohen.kappa(data.frame(ab, cd)); sprintf("%.15g", c(r$kappa, r$confid[1, 1], r$confid[1, 3]))
    //   → 0.25 -0.362488745168767 0.862488745168767
    // ab2 <- c("include","exclude","not_retrieved","exclude"); cd2 <- c("include","exclude","not_retrieved","include")
    // r <- psych::cohen.kappa(data.frame(ab2, cd2)) → 0.636363636363636 0.0541344429103812 1
    expect(agreement.map((a) => [a.stage, a.reviewers, a.n, a.agreement])).toEqual([
      ['title_abstract', ['AB', 'CD'], 6, 3 / 6],
      ['full_text', ['AB', 'CD'], 4, 3 / 4],
    ]);
    expect(agreement[0]!.kappa).toBeCloseTo(0.25, 12);
    expect(agreement[0]!.kappaCi![0]).toBeCloseTo(-0.362488745168767, 12);
    expect(agreement[0]!.kappaCi![1]).toBeCloseTo(0.862488745168767, 12);
    expect(agreement[1]!.kappa).toBeCloseTo(0.636363636363636, 12);
    expect(agreement[1]!.kappaCi![0]).toBeCloseTo(0.0541344429103812, 12);
    expect(agreement[1]!.kappaCi![1]).toBe(1);
  });
});
