/**
 * --serve end to end: the CLI in a child process serves a synthetic cohort copy; Debian's Chromium
 * (through playwright-core, as in test/report/browser.test.ts; skipped where absent) opens the page;
 * the test edits the CSV and sees the page reload with the new number, then a bad edit show the
 * failure banner over the last good numbers. Editors' scratch files trigger no run.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startCli, waitFor } from '../helpers/cliProcess.ts';
import { syntheticAdrenalCohort, tempOut } from '../helpers/cohortCopy.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.warn(`serve.test.ts: the browser part is skipped, ${CHROMIUM} not found`);

/** A GET with a Host header of the test's choosing (fetch does not let one set it). */
function get(url: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname, headers: host ? { host } : {} },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function startServe(cohort: string, out: string) {
  return startCli(['--serve', '--cohort', cohort, '--out', out]);
}

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

describe('--serve', () => {
  it('serves on 127.0.0.1 only, to its own host name, inside the report folder; the file on disk stays offline', async () => {
    const cohort = syntheticAdrenalCohort();
    const out = tempOut();
    const { child, output, exited } = startServe(cohort, out);
    const [, url] = await waitFor(output, /serving (http:\/\/127\.0\.0\.1:\d+\/) on this machine only/);
    await waitFor(output, /watching .* for changes/);
    const page = await get(url!);
    expect(page.status).toBe(200);
    expect(page.body).toContain('new EventSource("/.casepool/events")');
    expect(page.body).toContain("connect-src 'self'");
    // The written report is the self-contained file: no live script, no connection allowed.
    const onDisk = readFileSync(join(out, 'index.html'), 'utf8');
    expect(onDisk).not.toContain('EventSource');
    expect(onDisk).not.toContain('connect-src');
    expect((await get(`${url}stats.json`)).body).toBe(readFileSync(join(out, 'stats.json'), 'utf8'));
    expect((await get(url!, 'attacker.example:80')).status).toBe(421);
    expect((await get(`${url}..%2F..%2Fetc%2Fpasswd`)).status).toBe(400);
    expect((await get(`${url}no-such-file.csv`)).status).toBe(404);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(get(url!)).rejects.toThrow();
  }, 90_000);

  it.skipIf(!HAS_CHROMIUM)(
    'the open page reloads after a good edit, shows the banner after a bad one and keeps the last numbers; ~$cases.csv triggers nothing',
    async () => {
      const cohort = syntheticAdrenalCohort();
      const out = tempOut();
      const { child, output, exited } = startServe(cohort, out);
      const [, url] = await waitFor(output, /serving (http:\/\/127\.0\.0\.1:\d+\/)/);
      await waitFor(output, /watching .* for changes/);
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
      const page = await browser.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      await page.goto(url!, { waitUntil: 'load' });
      const included = page.locator('[data-stat="n_included"]');
      expect(await included.textContent()).toBe('49');

      // Excel's owner file appears (it opened the CSV): no run. Then the real edit: one run.
      writeFileSync(join(cohort, '~$cases.csv'), 'owner');
      writeFileSync(join(cohort, '.~lock.cases.csv#'), 'owner');
      await new Promise((r) => setTimeout(r, 600));
      appendFileSync(join(cohort, 'cases.csv'), 'SYN-50,synthetic,60,F,R,,,,,,,,,,,,SYNTHETIC,yes,\n');
      await page.waitForFunction(
        () => document.querySelector('[data-stat="n_included"]')?.textContent === '50',
        null,
        { timeout: 45_000 },
      );
      expect(output.text.match(/changed: re-running/g)).toHaveLength(1);

      appendFileSync(join(cohort, 'cases.csv'), 'SYN-51,synthetic,abc,F,R,,,,,,,,,,,,SYNTHETIC,yes,\n');
      const banner = page.locator('#casepool-live-banner');
      await banner.waitFor({ state: 'visible', timeout: 45_000 });
      expect(await banner.textContent()).toMatch(/cases\.csv:52:3: error: age "abc" is not a number/);
      expect(await included.textContent()).toBe('50');
      // A reload (or a new tab) still shows the failure, over the last good report.
      await page.reload({ waitUntil: 'load' });
      await banner.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await included.textContent()).toBe('50');
      expect(consoleErrors, 'no CSP violation or script error').toEqual([]);

      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(output.text).toMatch(/stopped watching/);
    },
    120_000,
  );
});
