// The codebook read by the pipeline (cohort.json files.codebook): into columns, vocabularies and default
// analyses, under cohort.json's own text; its mistakes found at its cells; and an edit in it changing
// exactly what was edited. The tables are the synthetic ones of test/fixtures/spreadsheets.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main as pipeline } from '../../pipeline/cli/cli.ts';
import { loadCohort } from '../../pipeline/config/loadCohort.ts';
import { main as newCohort } from '../../pipeline/cli/newCohort.ts';
import { POOLED } from '../helpers/pooledSpreadsheet.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'casepool-codebook-'));

/** A cohort folder from the synthetic spreadsheet, as new-cohort --from writes it. */
async function inferredFolder(): Promise<string> {
  const dir = join(scratch(), 'pooled');
  expect(await newCohort([dir, '--from', POOLED], () => {})).toBe(0);
  return dir;
}

const edit = (dir: string, name: string, from: string, to: string) => {
  const text = readFileSync(join(dir, name), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(dir, name), text.replace(from, to));
};

/** stats.json of a run, as text. */
async function statsOf(dir: string): Promise<string> {
  const out = join(scratch(), 'report');
  const lines: string[] = [];
  expect(await pipeline(['--cohort', dir, '--out', out, '--no-png'], (s) => lines.push(s))).toBe(0);
  return readFileSync(join(out, 'stats.json'), 'utf8');
}

describe('a cohort.json with files.codebook', async () => {
  const dir = await inferredFolder();
  const { config, findings } = loadCohort(dir);

  it('gets its columns, vocabularies and roles from the codebook', () => {
    expect(findings).toEqual([]);
    expect(config!.roles).toEqual({
      caseId: 'Patient No.',
      sourceId: 'Reference',
    });
    expect(config!.columns.find((c) => c.name === 'Side')).toEqual({
      name: 'Side',
      label: 'Side',
      description: 'Inferred: side terms.',
      type: 'category',
      vocabulary: 'side',
    });
    expect(config!.vocabularies.side).toEqual({
      label: 'Side',
      unknown: 'error',
      terms: [
        { id: 'left', label: 'Left', synonyms: ['L', 'Lt.'] },
        { id: 'right', label: 'Right', synonyms: ['R', 'rt'] },
        { id: 'bilateral', label: 'Bilateral' },
      ],
    });
    // A list column's name is a file name: the header's key.
    expect(config!.columns.find((c) => c.label === 'Metastatic sites')).toMatchObject({
      name: 'metastatic_sites',
      type: 'list',
      separator: [';', ','],
    });
    expect(config!.columns.find((c) => c.name === 'Age (years)')!.notReported).toEqual([
      '~60',
      'approximately 45',
    ]);
  });

  it('gets default analyses: proportions, continuous summaries, panels, Table 1, survival', () => {
    expect(config!.statistics.find((s) => s.id === 'side_left')).toEqual({
      id: 'side_left',
      label: 'Side: Left',
      when: { variable: 'Side', in: ['left'] },
    });
    expect(config!.statistics.find((s) => s.id === 'surgery_yes')!.when).toEqual({
      variable: 'Surgery',
      in: [true],
    });
    expect(config!.continuous.map((c) => c.variable)).toEqual([
      'Age (years)',
      'Tumour size',
      'Follow-up (months)',
    ]);
    expect(config!.panels.map((p) => p.id)).toEqual([
      'gender',
      'side',
      'metastatic_sites',
      'surgery',
      'chemo',
      'status',
    ]);
    expect(config!.table1).toEqual({
      by: null,
      variables: [
        { variable: 'Age (years)', label: 'Age' },
        { variable: 'Gender', label: 'Gender' },
        { variable: 'Side', label: 'Side' },
        { variable: 'Tumour size', label: 'Tumour size' },
        { variable: 'Surgery', label: 'Surgery' },
        { variable: 'Chemo', label: 'Chemo' },
        { variable: 'Status', label: 'Status' },
        { variable: 'Follow-up (months)', label: 'Follow-up' },
      ],
    });
    expect(config!.survival).toEqual({
      time: 'Follow-up (months)',
      event: { variable: 'Status', in: ['dead'] },
      censored: { variable: 'Status', in: ['alive'] },
      at: [12, 24],
      riskTimes: [0, 12, 24, 36],
      groupings: [],
    });
  });

  it("lets cohort.json's own text override the codebook's", () => {
    const own = scratch();
    for (const name of ['cases.csv', 'codebook.csv', 'sources.csv'])
      writeFileSync(join(own, name), readFileSync(join(dir, name)));
    const json = JSON.parse(readFileSync(join(dir, 'cohort.json'), 'utf8')) as Record<string, unknown>;
    json.columns = [
      {
        name: 'Age (years)',
        label: 'Age at diagnosis',
        type: 'number',
        unit: 'years',
        max: 100,
        description: 'Own.',
      },
    ];
    json.statistics = [{ id: 'side_left', label: 'Left-sided', when: { variable: 'Side', in: ['left'] } }];
    json.table1 = { by: 'Gender', variables: [{ variable: 'Side', label: 'Side' }] };
    writeFileSync(join(own, 'cohort.json'), JSON.stringify(json));
    const loaded = loadCohort(own).config!;
    expect(loaded.columns.filter((c) => /^age/i.test(c.name))).toEqual([
      {
        name: 'Age (years)',
        label: 'Age at diagnosis',
        type: 'number',
        unit: 'years',
        max: 100,
        description: 'Own.',
      },
    ]);
    expect(loaded.statistics.filter((s) => s.id === 'side_left').map((s) => s.label)).toEqual(['Left-sided']);
    expect(loaded.statistics.length).toBe(config!.statistics.length);
    expect(loaded.table1).toEqual(json.table1);
  });
});

describe('mistakes in the codebook', async () => {
  const dir = await inferredFolder();
  const file = relative(process.cwd(), join(dir, 'codebook.csv'));
  const shown = join(dir, 'codebook.csv');
  const errorsAfter = (from: string, to: string) => {
    const copy = scratch();
    for (const name of ['cases.csv', 'codebook.csv', 'sources.csv', 'cohort.json'])
      writeFileSync(join(copy, name), readFileSync(join(dir, name)));
    edit(copy, 'codebook.csv', from, to);
    const loaded = loadCohort(copy, join(copy, 'cohort.json'));
    expect(loaded.config).toBeNull();
    return loaded.findings.map(
      (f) => `${relative(copy, f.file)}:${f.line}:${f.column}: ${f.severity}: ${f.message}`,
    );
  };
  expect(file).not.toBe(shown);

  it('are errors at their row and column', () => {
    // Row 6 is Side (the header is row 1); type is column 3, unit 4, synonyms 8, summarise 9.
    expect(errorsAfter('Side,Side,category', 'Side,Side,categry')).toEqual([
      'codebook.csv:6:3: error: Side: type "categry" is not one of id, source, number, size, duration, category, list, boolean, yes/no, date, text',
    ]);
    expect(errorsAfter('Tumour size,size,cm', 'Tumour size,size,inches')).toEqual([
      'codebook.csv:7:4: error: Tumour size: unit "inches" must be one of cm, mm for a size column',
    ]);
    expect(errorsAfter('Left: L, Lt.;', 'Links: L, Lt.;')).toEqual([
      'codebook.csv:6:8: error: Side: synonyms of "Links", which is not one of its terms (Left; Right; Bilateral)',
    ]);
    expect(errorsAfter('Left: L, Lt.;', 'Left L, Lt.;')).toEqual([
      'codebook.csv:6:8: error: Side: "Left L, Lt." names no term: write the term, ":" and its spellings (Female: F, woman; Male: M)',
    ]);
  });

  it('found by the config checks are placed at the codebook row they come from', () => {
    const errors = errorsAfter('Side,Side,category', `Side,${'S'.repeat(201)},category`);
    // The label, and where it went: the column's and its vocabulary's label (the label cell), the three
    // statistics' labels and the panel's title (made because the row says summarise), Table 1's label.
    expect(errors[0]).toBe(
      'codebook.csv:6:2: error: label has 201 characters, more than the 200 a title or label may have (figures are a journal column wide): shorten it, and say the rest in a description',
    );
    expect(errors.map((e) => e.split(': ')[0])).toEqual([
      'codebook.csv:6:2',
      'codebook.csv:6:2',
      'codebook.csv:6:9',
      'codebook.csv:6:9',
      'codebook.csv:6:9',
      'codebook.csv:6:9',
      'codebook.csv:6:2',
    ]);
  });
});

describe('the codebook round-trips', async () => {
  const dir = await inferredFolder();
  const before = await statsOf(dir);

  it('a label edited changes that label only', async () => {
    edit(dir, 'codebook.csv', 'Gender,Gender,category', 'Gender,Sex,category');
    const after = await statsOf(dir);
    expect(after).not.toBe(before);
    expect(after).toBe(
      before.replaceAll('"Gender: ', '"Sex: ').replaceAll('"label": "Gender"', '"label": "Sex"'),
    );
    edit(dir, 'codebook.csv', 'Gender,Sex,category', 'Gender,Gender,category');
  });

  it('a synonym moved joins two terms, and changes only what counts them', async () => {
    // "lungs" (P06) joins "lung": the term lungs goes, and lung counts P06 too.
    edit(dir, 'codebook.csv', 'lung; liver; bone; none; lungs,', 'lung; liver; bone; none,lung: lungs');
    const stats = JSON.parse(await statsOf(dir)) as { statistics: Array<{ id: string; case_ids: string[] }> };
    const old = JSON.parse(before) as typeof stats;
    expect(stats.statistics.find((s) => s.id === 'metastatic_sites_lung')!.case_ids).toEqual([
      'P01',
      'P02',
      'P04',
      'P06',
      'P09',
      'P12',
    ]);
    expect(stats.statistics.some((s) => s.id.startsWith('metastatic_sites_lungs'))).toBe(false);
    const untouched = (s: { statistics: Array<{ id: string }> }) =>
      JSON.stringify(s.statistics.filter((x) => !x.id.startsWith('metastatic_sites_lung')));
    expect(untouched(stats)).toBe(untouched(old));
  });
});
