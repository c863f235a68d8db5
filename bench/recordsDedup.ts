/**
 * Times reading and de-duplicating a synthetic search of 20,000 records (npx tsx bench/recordsDedup.ts
 * [records]): four RIS "exports" of made-up records, about a third of them duplicated across exports with
 * DOI case and prefix variants, PMID-only and title-variant duplicates, and near misses. Not part of
 * `npm run bench` yet (the records stage is not wired in); prints milliseconds per step.
 */
import { performance } from 'node:perf_hooks';
import { deduplicate } from '../pipeline/records/deduplicate.ts';
import { readRis } from '../pipeline/records/readRis.ts';
import { numberRecords } from '../pipeline/records/searchRecord.ts';
import { seededRandom } from '../pipeline/stats/seededRandom.ts';

const total = Number(process.argv[2] ?? 20000);
const random = seededRandom(24);
const words = [
  'adrenal',
  'leiomyosarcoma',
  'case',
  'report',
  'vena',
  'cava',
  'spinal',
  'metastasis',
  'tumour',
  'review',
  'surgery',
  'outcome',
];
const surnames = ['Smith', 'Müller', 'Tanaka', 'Rossi', 'Lee', 'Garcia', 'Novak', 'Kim'];
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

const databases = ['PubMed', 'Embase', 'Scopus', 'Web of Science'];
const texts = databases.map(() => [] as string[]);
for (let i = 0; i < total; i++) {
  const base = Math.floor(i * 0.7); // about 30 % of records repeat an earlier study
  const title = `${Array.from({ length: 8 }, (_, k) => words[(base * 7 + k * 3) % words.length]).join(' ')} ${base}`;
  const variant = i % 3 === 0 ? title.toUpperCase() + '.' : title;
  const doi = base % 5 === 0 ? '' : i % 2 ? `https://doi.org/10.5555/S.${base}` : `10.5555/s.${base}`;
  const year = 2000 + (base % 25) + (i % 7 === 0 ? 1 : 0);
  const lines = [
    'TY  - JOUR',
    `TI  - ${variant}`,
    `AU  - ${surnames[base % surnames.length]}, ${pick(['A.', 'B.'])}`,
    `PY  - ${year}`,
    'T2  - Synthetic Journal',
  ];
  if (doi) lines.push(`DO  - ${doi}`);
  if (base % 5 === 0 && base % 2 === 0) lines.push(`AN  - PMID: ${30000000 + base}`);
  lines.push('ER  - ', '');
  texts[i % databases.length]!.push(lines.join('\n'));
}
for (let run = 1; run <= 3; run++) {
  const start = performance.now();
  const read = texts.map((t, k) => ({
    database: databases[k]!,
    ...readRis(t.join('\n'), `${databases[k]}.ris`),
  }));
  const afterRead = performance.now();
  const records = numberRecords(read);
  const result = deduplicate(records);
  const afterDedup = performance.now();
  console.log(
    `run ${run}: ${records.length} records: read ${(afterRead - start).toFixed(0)} ms, de-duplicated ${(afterDedup - afterRead).toFixed(0)} ms; ` +
      `${result.links.length} links (${['doi', 'pmid', 'title'].map((r) => `${r} ${result.links.filter((l) => l.rule === r).length}`).join(', ')}), ${result.possible.length} possible`,
  );
}
