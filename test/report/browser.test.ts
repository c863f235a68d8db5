/**
 * The report as a reader sees it: both reports are opened in a real Chromium (Debian's
 * /usr/bin/chromium through playwright-core; nothing is downloaded or installed at run time).
 *
 * - adrenal-lms: every figure has drawn marks, no console or page error, no request leaves the file
 *   system, the headline cards show the numbers of stats.json, hovering a bar shows its count;
 *   every bar panel draws its not-reported segments (screenshot: test/artifacts/not-reported-bars.png);
 *   the page printed to PDF holds every case row and every word of the notes (read back with
 *   pdftotext, skipped with a message where poppler-utils is absent); a full-page screenshot goes to
 *   test/artifacts/adrenal-lms.png for a person to look at.
 * - test/fixtures/hostile: markup in notes and case ids stays text (no dialog, no img, no script
 *   but the report's own).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSES } from '../../pipeline/analyses/index.ts';
import { resultsByKey } from '../../pipeline/analyses/analysis.ts';
import { TOOLTIP_SCRIPT } from '../../pipeline/report/tooltipScript.ts';
import { DEFAULT_FIGURE_OPTIONS } from '../../pipeline/charts/figureOptions.ts';
import { shippedAdrenalCohort } from '../analyses/survivalFixture.ts';
import { runCohort } from '../../pipeline/run.ts';
import { statsJsonReviver } from '../../pipeline/io/statsJson.ts';
import type { Stats } from '../../pipeline/stages/analyze.ts';
import type { CohortConfig } from '../../pipeline/types.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) {
  console.warn(
    `browser.test.ts: skipped, ${CHROMIUM} not found. Install Debian's chromium package ` +
      '(apt-get install chromium) to run the real-browser checks of the report.',
  );
}

/** poppler-utils' pdftotext reads the printed page back as text. */
const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;
if (!HAS_PDFTOTEXT) {
  console.warn(
    'browser.test.ts: the print-to-PDF check is skipped, pdftotext not found. Install poppler-utils ' +
      '(apt-get install poppler-utils) to run it.',
  );
}

/** Text as a sequence of words (letters and digits only), so line breaks and punctuation do not matter. */
const words = (text: string) => (text.match(/[A-Za-z0-9]+/g) ?? []).join(' ');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const TIMEOUT = 60_000;

const HOSTILE = {
  script: '<script>alert(1)</script>',
  img: '"><img src=x onerror=alert(1)>',
  caseId: 'SYN-<b>x</b>',
};

/** What the headline cards print (sections.ts): percent to 1 decimal, numbers to at most 1. */
const percentText = (p: number) => `${p.toFixed(1)}%`;
const numberText = (x: number) => String(Math.round(x * 10) / 10);

/** Everything a page does that a test may object to. */
interface Watched {
  page: Page;
  requests: string[];
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
}

describe.skipIf(!HAS_CHROMIUM)('report in a real browser (Chromium)', () => {
  let tmp: string;
  let browser: Browser;
  let adrenalDir: string;
  let hostileDir: string;
  let stats: Stats;
  let config: CohortConfig;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'casepool-browser-'));
    adrenalDir = join(tmp, 'adrenal-lms');
    hostileDir = join(tmp, 'hostile');
    const adrenal = await runCohort('data/adrenal-lms', adrenalDir, { png: false, cwd: ROOT });
    expect(adrenal.exitCode, JSON.stringify(adrenal.findings)).toBe(0);
    const hostile = await runCohort('test/fixtures/hostile', hostileDir, { png: false, cwd: ROOT });
    expect(hostile.exitCode, JSON.stringify(hostile.findings)).toBe(0);
    stats = JSON.parse(readFileSync(join(adrenalDir, 'stats.json'), 'utf8'), statsJsonReviver) as Stats;
    config = JSON.parse(readFileSync(join(ROOT, 'data/adrenal-lms/cohort.json'), 'utf8')) as CohortConfig;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Included patients for whom a statistic's variable is not reported (all minus reported denominator). */
  function notReported(id: string): number {
    const all = stats.statistics.find((s) => s.id === id)!;
    const reported = stats.statistics.find((s) => s.id === `${id}.reported`) ?? all;
    return all.denominator - reported.denominator;
  }

  /** Opens a report in a fresh context, recording requests, console errors, page errors, dialogs. */
  async function open(dir: string): Promise<Watched> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const watched: Watched = { page, requests: [], consoleErrors: [], pageErrors: [], dialogs: [] };
    page.on('request', (r) => watched.requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') watched.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => watched.pageErrors.push(String(e)));
    page.on('dialog', (d) => {
      watched.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss().catch(() => {});
    });
    await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
    return watched;
  }

  function expectQuiet(w: Watched) {
    expect(w.consoleErrors, 'console errors').toEqual([]);
    expect(w.pageErrors, 'page errors').toEqual([]);
    expect(w.dialogs, 'dialogs').toEqual([]);
    expect(w.requests.length, 'the page itself is requested').toBeGreaterThan(0);
    const outside = w.requests.filter(
      (u) => !u.startsWith('file://') && !u.startsWith('data:') && !u.startsWith('about:'),
    );
    expect(outside, 'requests leaving the file system').toEqual([]);
  }

  it(
    'draws every figure, makes no request off the file system and logs no error',
    async () => {
      const w = await open(adrenalDir);
      const { page } = w;
      // Every analysis's figures, in the order their sections come (panels, combined, survival, …).
      const { input, context } = await shippedAdrenalCohort();
      const read = { ...input, results: resultsByKey(stats as unknown as Record<string, unknown>) };
      const expectedFigures = ANALYSES.flatMap((a) => {
        const result = (stats as unknown as Record<string, unknown>)[a.id];
        return result === undefined
          ? []
          : (a.figures?.(result, context, DEFAULT_FIGURE_OPTIONS, read) ?? []).map((f) => `figure-${f.id}`);
      });
      expect(expectedFigures.slice(0, 2)).toEqual(config.panels.slice(0, 2).map((p) => `figure-${p.id}`));
      expect(expectedFigures).toContain('figure-combined');
      expect(expectedFigures).toContain('figure-survival-overall');
      const figureIds = await page.$$eval('figure', (fs) => fs.map((f) => f.id));
      expect(figureIds).toEqual(expectedFigures);

      for (const panel of config.panels) {
        const figure = page.locator(`#figure-${panel.id}`);
        expect(await figure.locator('svg').count(), `panel ${panel.id} svg`).toBe(1);
        // One bar per statistic as published and one as recomputed; a zero bar is still a path. Then
        // one not-reported segment per recomputed bar whose variable is not reported for someone.
        const bars = figure.locator('svg path[aria-roledescription="bar"]');
        const gaps = panel.statistics.filter((id) => notReported(id) > 0).length;
        expect(await bars.count(), `panel ${panel.id} bars`).toBe(2 * panel.statistics.length + gaps);
        // Drawn, not just present: the widest bar has a real size on screen.
        const widest = await bars.evaluateAll((els) =>
          Math.max(...els.map((e) => (e as SVGGraphicsElement).getBoundingClientRect().width)),
        );
        expect(widest, `panel ${panel.id} widest bar (px)`).toBeGreaterThan(1);
        const svgBox = await figure.locator('svg').boundingBox();
        expect(svgBox?.width ?? 0).toBeGreaterThan(100);
        expect(svgBox?.height ?? 0).toBeGreaterThan(50);
      }

      for (const id of expectedFigures.filter((f) => f.startsWith('figure-survival-'))) {
        const figure = page.locator(`#${id}`);
        expect(await figure.locator('svg').count(), `${id} svg`).toBe(1);
        const lines = figure.locator('svg path[aria-roledescription="line mark"]');
        expect(await lines.count(), `${id} curves`).toBeGreaterThan(0);
        const drawn = await lines.evaluateAll((els) =>
          els.map((e) => {
            const box = (e as SVGGraphicsElement).getBoundingClientRect();
            return { steps: (e.getAttribute('d') ?? '').split('L').length, width: box.width };
          }),
        );
        for (const d of drawn) {
          expect(d.steps, `${id} curve has steps`).toBeGreaterThan(2);
          expect(d.width, `${id} curve width (px)`).toBeGreaterThan(0);
        }
        expect(Math.max(...drawn.map((d) => d.width)), `${id} longest curve (px)`).toBeGreaterThan(50);
        // The confidence band is drawn too.
        expect(await figure.locator('svg path[aria-roledescription="area mark"]').count()).toBeGreaterThan(0);
      }

      expectQuiet(w);
    },
    TIMEOUT,
  );

  it(
    'shows the headline numbers of stats.json',
    async () => {
      const { page } = await open(adrenalDir);
      const expected = new Map<string, string>([
        ['n_included', String(stats.n_included)],
        ['n_excluded', String(stats.n_excluded)],
      ]);
      for (const [id, c] of Object.entries(stats.continuous)) {
        const asMean = config.continuous.find((x) => x.id === id)?.headline === 'mean';
        if (c.n > 0 && asMean && c.mean !== null) expected.set(`${id}.mean`, numberText(c.mean));
        if (c.n > 0 && !asMean && c.median !== null) expected.set(`${id}.median`, numberText(c.median));
      }
      // Both shares as equals, the reported one first.
      for (const id of config.headline) {
        const s = stats.statistics.find((x) => x.id === id);
        expect(s, `headline statistic ${id} in stats.json`).toBeDefined();
        if (!s) continue;
        const r = stats.statistics.find((x) => x.id === `${id}.reported`)!;
        const share = (x: typeof s) => (x.percent === null ? '–' : percentText(x.percent));
        expected.set(`${id}.reported`, `${r.numerator} of ${r.denominator} reported · ${share(r)}`);
        expected.set(id, `${s.numerator} of ${s.denominator} included · ${share(s)}`);
      }
      const survival = stats.survival;
      if (survival) {
        const months = (m: { estimate: number | null }) =>
          m.estimate === null ? 'not reached' : `${numberText(m.estimate)} ${survival.time_unit}`;
        expected.set('survival.median', months(survival.overall.median));
        expected.set('survival.median_followup', months(survival.median_followup));
      }

      const shown = await page.$$eval('[data-stat]', (els) =>
        els.map((e) => ({
          id: e.getAttribute('data-stat') ?? '',
          value: (e.textContent ?? '').replace(/\s+/g, ' ').trim(),
        })),
      );
      expect(new Map(shown.map((s) => [s.id, s.value]))).toEqual(expected);
      // Visible, not only in the DOM.
      await page.locator('[data-stat="n_included"]').waitFor({ state: 'visible' });
    },
    TIMEOUT,
  );

  it(
    'shows count, denominator and patients when a bar is hovered',
    async () => {
      const w = await open(adrenalDir);
      const { page } = w;
      const tooltip = page.locator('#tooltip');
      expect(await tooltip.isVisible()).toBe(false);
      // The first recomputed bar of panel A with patients behind it (a zero bar has no area to hover).
      const panel = config.panels[0]!;
      const statistic = panel.statistics
        .map((id) => stats.statistics.find((s) => s.id === id)!)
        .find((s) => s.numerator > 0);
      expect(statistic, `panel ${panel.id} has a non-empty bar`).toBeDefined();
      const bar = page.locator(
        `#figure-${panel.id} svg path[aria-roledescription="bar"][aria-label^=${JSON.stringify(`${statistic!.label}, recomputed:`)}]`,
      );
      expect(await bar.count()).toBe(1);
      await bar.hover();
      await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
      const text = (await tooltip.textContent()) ?? '';
      expect(text).toContain(`${statistic!.numerator} of ${statistic!.denominator}`);
      expect(text).toContain(percentText(statistic!.percent!));
      expect(text).toContain(statistic!.case_ids[0]!);
      // Leaving the chart hides it again.
      await page.locator('h1').hover();
      await tooltip.waitFor({ state: 'hidden', timeout: 5_000 });
      expectQuiet(w);
    },
    TIMEOUT,
  );

  it(
    'draws the not-reported share of every bar panel (screenshot: test/artifacts/not-reported-bars.png)',
    async () => {
      const { page } = await open(adrenalDir);
      let segments = 0;
      for (const panel of config.panels) {
        for (const id of panel.statistics) {
          const s = stats.statistics.find((x) => x.id === id)!;
          const gap = page.locator(
            `#figure-${panel.id} svg path[aria-roledescription="bar"][aria-label^=${JSON.stringify(`${s.label}: not reported for `)}]`,
          );
          const missing = notReported(id);
          expect(await gap.count(), `${panel.id} ${id}: not-reported segment`).toBe(missing > 0 ? 1 : 0);
          if (missing === 0) continue;
          segments++;
          expect(await gap.getAttribute('aria-label')).toContain(
            `not reported for ${missing} of ${s.denominator}`,
          );
          // Drawn to scale: the segment's share of the plot is the not-reported share of all included.
          const width = await gap.evaluate((e) => (e as SVGGraphicsElement).getBBox().width);
          // The x axis line spans the plot: 0 to 100%.
          const axis = await page
            .locator(`#figure-${panel.id} svg .role-axis-domain line`)
            .evaluateAll((els) => Math.max(...els.map((e) => (e as SVGGraphicsElement).getBBox().width)));
          expect(width / axis, `${panel.id} ${id}: segment width`).toBeCloseTo(missing / s.denominator, 2);
        }
      }
      expect(segments, 'the adrenal cohort has variables not reported for some patients').toBeGreaterThan(5);
      // The chemotherapy panel: 31 of 37 not reported must be visible, not hidden.
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, 'not-reported-bars.png');
      await page.locator(`#figure-${config.panels[4]!.id} svg`).screenshot({ path });
      expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
    },
    TIMEOUT,
  );

  it.skipIf(!HAS_PDFTOTEXT)(
    'prints every case row and every word of the notes (print to PDF, read back with pdftotext)',
    async () => {
      const { page } = await open(adrenalDir);
      const pdf = join(tmp, 'adrenal-lms.pdf');
      await page.pdf({ path: pdf, format: 'A4', printBackground: true });
      const run = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(run.status, run.stderr).toBe(0);
      const text = run.stdout;
      const printed = words(text);
      const cases = parse(readFileSync(join(ROOT, 'data/adrenal-lms/cases.csv')), {
        columns: true,
        bom: true,
      }) as Array<Record<string, string>>;
      expect(cases.length).toBeGreaterThan(30);
      for (const c of cases) {
        expect(text, `case ${c.case_id} printed`).toContain(c.case_id!);
        // Notes end to end: the words of the last part of each note are in the PDF, in order.
        const note = words(c.notes ?? '');
        if (note) expect(printed, `notes of ${c.case_id}`).toContain(note.split(' ').slice(-8).join(' '));
      }
      // The last column is printed too (nothing cut off on the right).
      const last = words((await page.locator('#cases thead th').last().textContent()) ?? '');
      expect(last).not.toBe('');
      expect(printed).toContain(last);
      // No scroll box and no collapsed details in print.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.scroll').evaluate((e) => getComputedStyle(e).overflow)).toBe('visible');
      expect(await page.locator('#cases details summary').first().isVisible()).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'saves a full-page screenshot to test/artifacts/adrenal-lms.png',
    async () => {
      const { page } = await open(adrenalDir);
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, 'adrenal-lms.png');
      await page.screenshot({ path, fullPage: true });
      expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
    },
    TIMEOUT,
  );

  it(
    'keeps markup from the input files as text (hostile fixture)',
    async () => {
      const w = await open(hostileDir);
      const { page } = w;
      // Give anything injected a moment to fire (an img onerror runs after load).
      await page.waitForTimeout(300);

      const scripts = await page.$$eval('script', (els) => els.map((e) => e.textContent ?? ''));
      expect(scripts).toHaveLength(1);
      expect(scripts[0]).toContain(TOOLTIP_SCRIPT.trim());
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('#cases b, #cases script, #cases img').count()).toBe(0);

      const table = (await page.locator('#cases').textContent()) ?? '';
      for (const s of Object.values(HOSTILE)) expect(table).toContain(s);
      await page.getByText(HOSTILE.script, { exact: true }).waitFor({ state: 'visible' });
      await page.getByText(HOSTILE.img, { exact: true }).waitFor({ state: 'visible' });
      await page.getByText(HOSTILE.caseId, { exact: true }).first().waitFor({ state: 'visible' });

      // The case id reaches the hover text of bars; it must arrive there as text too.
      const bar = page
        .locator(`figure svg path[aria-roledescription="bar"][aria-label*=${JSON.stringify(HOSTILE.caseId)}]`)
        .first();
      await bar.hover();
      const tooltip = page.locator('#tooltip');
      await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
      expect(await tooltip.textContent()).toContain(HOSTILE.caseId);
      expect(await tooltip.evaluate((t) => t.children.length)).toBe(0);

      expectQuiet(w);
    },
    TIMEOUT,
  );
});
