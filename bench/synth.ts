/**
 * Seeded synthetic cohort in the adrenal-lms format, for benchmarks:
 *
 *   npm run synth -- --n 100000 --seed 1 --out bench/runs/n100000
 *
 * Writes cases.csv (the header of data/adrenal-lms/cases.csv, cells in the notations people type),
 * sources.csv, appraisal.csv, and cohort.json + published.csv + checklists/ copied from data/adrenal-lms
 * (its full cohort.json: every analysis, appraisal and sensitivity included). Shaped like a real pool,
 * not a convenient one: about one source per 7 patients (1 to 13 patients each, adjacent rows), published
 * over 1960–2025 (every year of the span is drawn at 10^3 patients and more; 2 % of sources undated), each
 * appraised with the case-report checklist. Same seed and n → the same bytes; the first k rows (and their
 * sources) do not depend on n. Rows are written in chunks, so a million rows never sit in one string.
 * Every row is valid input: no errors, no warnings.
 */
import {
  closeSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seededRandom } from '../pipeline/stats/seededRandom.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE = join(ROOT, 'data', 'adrenal-lms');

type Random = () => number;

class Draw {
  private spare: number | null = null;
  constructor(readonly random: Random) {}
  chance(p: number): boolean {
    return this.random() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
  /** Weighted choice: `[item, weight]` pairs. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.random() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  /** Standard normal (Box–Muller, both values used). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.random();
    const v = this.random();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
  /** k distinct items (k ≤ items.length), in drawn order. */
  distinct<T>(items: readonly T[], k: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < k && pool.length > 0; i++)
      out.push(pool.splice(Math.floor(this.random() * pool.length), 1)[0]!);
    return out;
  }
}

// ------------------------------------------------------------------ vocabulary as typed

interface Vocab {
  terms: Array<{ id: string; synonyms?: string[] }>;
}

function loadSynonyms(): Record<string, Record<string, string[]>> {
  const config = JSON.parse(readFileSync(join(TEMPLATE, 'cohort.json'), 'utf8')) as {
    vocabularies: Record<string, Vocab>;
  };
  const out: Record<string, Record<string, string[]>> = {};
  for (const [name, vocab] of Object.entries(config.vocabularies)) {
    out[name] = {};
    for (const t of vocab.terms) out[name]![t.id] = t.synonyms?.length ? t.synonyms : [t.id];
  }
  return out;
}

const SEX = { female: ['F', 'female', 'woman'], male: ['M', 'male', 'man'] } as const;
const SIDE = { right: ['R', 'right', 'rt'], left: ['L', 'left', 'lt'], bilateral: ['bilateral', 'both'] };
const YES = ['yes', 'y'];
const NO = ['no', 'n'];
const NONE = ['none', 'no', 'absent'];
const EXCLUSION_REASONS = [
  'SYNTHETIC: adrenal origin doubted by the source',
  'SYNTHETIC: same patient as an earlier report',
  'SYNTHETIC: histology not confirmed',
];

const SYMPTOM_WEIGHTS: Array<[string, number]> = [
  ['abdominal_pain', 30],
  ['flank_pain', 12],
  ['back_pain', 10],
  ['groin_pain', 2],
  ['chest_pain', 2],
  ['incidental', 14],
  ['abdominal_mass', 8],
  ['weight_loss', 7],
  ['fever', 5],
  ['fatigue', 5],
  ['nausea', 4],
  ['cough', 2],
  ['dyspnea', 3],
  ['leg_edema', 4],
  ['hypertension', 3],
  ['sweating', 2],
  ['anorexia', 2],
  ['other', 2],
];
const VEIN_WEIGHTS: Array<[string, number]> = [
  ['ivc', 40],
  ['right_atrium', 6],
  ['renal_vein', 16],
  ['iliac_vein', 5],
  ['hepatic_vein', 4],
  ['adrenal_vein', 8],
];
const ORGAN_WEIGHTS: Array<[string, number]> = [
  ['kidney', 30],
  ['liver', 20],
  ['pancreas', 8],
  ['spleen', 6],
  ['diaphragm', 8],
  ['colon', 5],
  ['stomach', 4],
  ['duodenum', 3],
];
const METASTASIS_WEIGHTS: Array<[string, number]> = [
  ['lung', 30],
  ['liver', 25],
  ['bone', 12],
  ['lymph_node', 12],
  ['pancreas', 3],
  ['brain', 3],
  ['thoracic_wall', 2],
  ['muscle', 2],
  ['peritoneum', 5],
  ['skin', 2],
];
const DIAGNOSIS_WEIGHTS: Array<[string, number]> = [
  ['surgery', 60],
  ['needle_biopsy_adrenal', 20],
  ['needle_biopsy_metastasis', 8],
  ['autopsy', 4],
];

export const HEADER = [
  'case_id',
  'source_id',
  'age',
  'sex',
  'side',
  'size',
  'symptoms',
  'venous_extension',
  'local_invasion',
  'metastasis',
  'diagnosis',
  'surgery',
  'chemotherapy',
  'radiotherapy',
  'outcome',
  'followup',
  'notes',
  'include',
  'exclusion_reason',
];

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One decimal when it is not a whole number: 9.5, 11. */
const oneDecimal = (x: number) => String(Math.round(x * 10) / 10);

function formatSize(d: Draw, cm: number): string {
  const others = () => cm * (0.45 + 0.55 * d.random());
  switch (
    d.weighted<number>([
      [0, 30],
      [1, 25],
      [2, 25],
      [3, 10],
      [4, 10],
    ])
  ) {
    case 0:
      return oneDecimal(cm);
    case 1:
      return `${oneDecimal(cm)} cm`;
    case 2: {
      const dims = [cm, others(), others()].map(oneDecimal);
      const at = d.int(0, 2);
      [dims[0], dims[at]] = [dims[at]!, dims[0]!];
      return `${dims.join(' x ')} cm`;
    }
    case 3:
      return `${[others(), others(), cm].map(oneDecimal).join('×')}cm`;
    default:
      return `${Math.round(cm * 10)} x ${Math.round(others() * 10)} mm`;
  }
}

/** Follow-up in one of the ways people type it; the text is the truth. */
function formatFollowup(d: Draw, months: number): string {
  const days = months * 30.4375;
  if (days < 45)
    return d.chance(0.6)
      ? `${Math.max(1, Math.round(days))} days`
      : `${Math.max(1, Math.round(days / 7))} weeks`;
  if (months < 9 && d.chance(0.25)) return `${Math.round(days / 7)} weeks`;
  if (months >= 20 && d.chance(0.2)) return `${Math.round(months / 12)} years`;
  const m = Math.round(months);
  return d.pick([`${m}`, `${m}`, `${m} mo`, `${m} months`]);
}

function list(d: Draw, synonyms: Record<string, string[]>, weights: Array<[string, number]>, k: number) {
  const chosen: string[] = [];
  for (let tries = 0; chosen.length < k && tries < 20; tries++) {
    const t = d.weighted(weights);
    if (!chosen.includes(t)) chosen.push(t);
  }
  return chosen.map((t) => d.pick(synonyms[t]!)).join(d.chance(0.5) ? '; ' : ';');
}

/** Cells of one patient row. */
function row(d: Draw, i: number, synonyms: ReturnType<typeof loadSynonyms>): string[] {
  const empty = (p: number) => d.chance(p);
  const age = empty(0.2) ? '' : String(Math.round(Math.min(85, Math.max(14, 54 + 14 * d.normal()))));
  const sex = empty(0.2) ? '' : d.pick(d.chance(0.55) ? SEX.female : SEX.male);
  const side = empty(0.25)
    ? ''
    : d.pick(
        SIDE[
          d.weighted<keyof typeof SIDE>([
            ['right', 48],
            ['left', 47],
            ['bilateral', 5],
          ])
        ],
      );
  const cm = Math.min(45, Math.max(1, Math.exp(Math.log(9) + 0.5 * d.normal())));
  const size = empty(0.3) ? '' : formatSize(d, cm);
  const symptoms = empty(0.25)
    ? ''
    : list(
        d,
        synonyms.symptom!,
        SYMPTOM_WEIGHTS,
        d.weighted([
          [1, 60],
          [2, 30],
          [3, 10],
        ]),
      );
  const findings = (
    p: number,
    pNone: number,
    vocab: string,
    weights: Array<[string, number]>,
    max: number,
  ) => (empty(p) ? '' : d.chance(pNone) ? d.pick(NONE) : list(d, synonyms[vocab]!, weights, d.int(1, max)));
  const venous = findings(0.35, 0.5, 'vein', VEIN_WEIGHTS, 3);
  const invasion = findings(0.35, 0.55, 'organ', ORGAN_WEIGHTS, 2);
  const metastasis = findings(0.3, 0.45, 'metastatic_site', METASTASIS_WEIGHTS, 3);
  const dx = empty(0.25) ? null : d.weighted(DIAGNOSIS_WEIGHTS);
  const diagnosis = dx === null ? '' : d.pick(synonyms.diagnosis![dx]!);
  const yesNo = (pYes: number) => d.pick(d.chance(pYes) ? YES : NO);
  // A surgical diagnosis means the tumour was resected: never "no" (that would be an input error).
  const surgery = dx === 'surgery' ? (empty(0.2) ? '' : d.pick(YES)) : empty(0.3) ? '' : yesNo(0.55);
  const chemotherapy = empty(0.3) ? '' : yesNo(0.4);
  const radiotherapy = empty(0.35) ? '' : yesNo(0.2);
  // Autopsy means dead; otherwise alive / dead / not reported.
  const status =
    dx === 'autopsy'
      ? 'dead'
      : d.weighted<string>([
          ['alive', 40],
          ['dead', 35],
          ['', 25],
        ]);
  const outcome = status === '' ? '' : d.pick(synonyms.outcome![status]!.slice(0, 3));
  let followup = '';
  if (status === 'dead') {
    // Dead always comes with a time (else the row is a warning): exponential, median ~14 months.
    const months = dx === 'autopsy' ? 0.1 + 2 * d.random() : (-Math.log(1 - d.random()) * 14) / Math.LN2;
    followup = formatFollowup(d, Math.min(240, months));
  } else if (status === 'alive' && !empty(0.15)) {
    followup = formatFollowup(d, Math.min(240, 1 + (-Math.log(1 - d.random()) * 30) / Math.LN2));
  }
  const inclusion = d.weighted<string>([
    ['yes', 60],
    ['', 36],
    ['no', 4],
  ]);
  const reason = inclusion === 'no' ? d.pick(EXCLUSION_REASONS) : '';
  return [
    `SYN-${String(i + 1).padStart(7, '0')}`,
    'synthetic',
    age,
    sex,
    side,
    size,
    symptoms,
    venous,
    invasion,
    metastasis,
    diagnosis,
    surgery,
    chemotherapy,
    radiotherapy,
    outcome,
    followup,
    'SYNTHETIC',
    inclusion,
    reason,
  ];
}

/** The id of the k-th synthetic source (0-based). */
const sourceId = (k: number) => `SYN-S${String(k + 1).padStart(6, '0')}`;

/**
 * The sources, drawn from their own seeded stream (so the patients' cells are those of any other
 * shape): how many patients each has, its publication year, and its appraisal.
 */
class SourceDraw {
  private readonly d: Draw;
  private left = 0;
  count = 0;
  constructor(seed: number) {
    this.d = new Draw(seededRandom(seed * 7919 + 17));
  }
  /** The source of the next patient: a new one after the last one's 1 to 13 patients. */
  next(): string {
    if (this.left === 0) {
      this.left = this.d.int(1, 13);
      this.count++;
    }
    this.left--;
    return sourceId(this.count - 1);
  }
}

/** A source's year: more recent years more often (case reports grow), 2 % not given. */
function sourceYearText(d: Draw): string {
  if (d.chance(0.02)) return '';
  return String(2025 - Math.floor(66 * d.random() ** 1.6));
}

const CASE_REPORT_ITEMS = 8;
/** A case-report appraisal: answers, and the overall judgement by the rule the README gives. */
function appraisalRow(d: Draw, id: string): string[] {
  const answers = Array.from({ length: CASE_REPORT_ITEMS }, () =>
    d.weighted<string>([
      ['yes', 55],
      ['unclear', 30],
      ['no', 10],
      ['not applicable', 5],
    ]),
  );
  const applicable = answers.filter((a) => a !== 'not applicable');
  const unclear = applicable.filter((a) => a === 'unclear').length;
  const yes = applicable.filter((a) => a === 'yes').length;
  const overall = unclear >= 3 ? 'seek further info' : yes >= applicable.length / 2 ? 'include' : 'exclude';
  return [id, 'jbi-case-report', ...answers, '', '', overall, 'SYNTHETIC', 'SYNTHETIC: drawn answers'];
}

/** Writes a complete cohort folder; returns the bytes of cases.csv. */
export function writeSyntheticCohort(options: { n: number; seed: number; out: string }): number {
  const { n, seed, out } = options;
  mkdirSync(out, { recursive: true });
  // The real cohort's accepted warnings are about its own rows: the synthetic copy has none.
  const config = JSON.parse(readFileSync(join(TEMPLATE, 'cohort.json'), 'utf8')) as {
    files: Record<string, string>;
  };
  delete config.files.accepted;
  writeFileSync(join(out, 'cohort.json'), `${JSON.stringify(config, null, 2)}\n`);
  copyFileSync(join(TEMPLATE, 'published.csv'), join(out, 'published.csv'));
  cpSync(join(TEMPLATE, 'checklists'), join(out, 'checklists'), { recursive: true });

  const synonyms = loadSynonyms();
  const d = new Draw(seededRandom(seed));
  const sources = new SourceDraw(seed);
  const fd = openSync(join(out, 'cases.csv'), 'w');
  let bytes = 0;
  try {
    let chunk: string[] = [HEADER.join(',')];
    const flush = () => {
      const text = `${chunk.join('\n')}\n`;
      bytes += writeSync(fd, text);
      chunk = [];
    };
    for (let i = 0; i < n; i++) {
      const cells = row(d, i, synonyms);
      cells[1] = sources.next();
      chunk.push(cells.map(csvCell).join(','));
      if (chunk.length >= 5000) flush();
    }
    if (chunk.length > 0) flush();
  } finally {
    closeSync(fd);
  }
  writeSources(out, seed, n, sources.count);
  return bytes;
}

/** A surname of letters only, different for each k (surnames are compared without digits): Qa, Qb, … */
function letterName(k: number): string {
  let name = '';
  for (let x = k; ; x = Math.floor(x / 26) - 1) {
    name = String.fromCharCode(97 + (x % 26)) + name;
    if (x < 26) break;
  }
  return `Q${name}`;
}

/** sources.csv and appraisal.csv for the first `count` synthetic sources. */
function writeSources(out: string, seed: number, n: number, count: number): void {
  const d = new Draw(seededRandom(seed * 104729 + 3));
  const sourcesHeader = readFileSync(join(TEMPLATE, 'sources.csv'), 'utf8').split(/\r?\n/, 1)[0]!.split(',');
  const appraisalHeader = readFileSync(join(TEMPLATE, 'appraisal.csv'), 'utf8').split(/\r?\n/, 1)[0]!;
  const sfd = openSync(join(out, 'sources.csv'), 'w');
  const afd = openSync(join(out, 'appraisal.csv'), 'w');
  try {
    let sourceLines: string[] = [sourcesHeader.join(',')];
    let appraisalLines: string[] = [appraisalHeader];
    for (let k = 0; k < count; k++) {
      const id = sourceId(k);
      const fields: Record<string, string> = {
        source_id: id,
        // An author of its own per source: a shared one would make the duplicate check pair patients.
        authors: `${letterName(k)} S`,
        year: sourceYearText(d),
        title: `Synthetic source ${k + 1} (seed ${seed}, n = ${n}): not a publication`,
        note: 'SYNTHETIC: generated rows for benchmarks; no real case report behind any row',
      };
      sourceLines.push(sourcesHeader.map((h) => csvCell(fields[h] ?? '')).join(','));
      appraisalLines.push(appraisalRow(d, id).map(csvCell).join(','));
      if (sourceLines.length >= 5000 || k === count - 1) {
        writeSync(sfd, `${sourceLines.join('\n')}\n`);
        writeSync(afd, `${appraisalLines.join('\n')}\n`);
        sourceLines = [];
        appraisalLines = [];
      }
    }
  } finally {
    closeSync(sfd);
    closeSync(afd);
  }
}

function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const n = Number(values.n);
  const seed = Number(values.seed);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--n must be a positive integer, got ${values.n}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  const out = values.out ?? join(ROOT, 'bench', 'runs', `synth-n${n}-seed${seed}`);
  const start = performance.now();
  const bytes = writeSyntheticCohort({ n, seed, out });
  const ms = performance.now() - start;
  console.log(
    `synth: ${n} rows (seed ${seed}) → ${out}/cases.csv, ${(bytes / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
