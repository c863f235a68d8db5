/**
 * The hostile round on the output, watch and serve surface (issue #21, items 1, 2, 6, 7, 8): each
 * scenario is what a user or a careless colleague does to the files around a report, run through
 * the command line as they would, asserting the exit code, the message, that the cohort folder is
 * byte-identical, that nothing appears beside --out but casepool's own folders, and that the
 * previous report is intact. Kept apart from test/badInput.test.ts, whose corpus is the input
 * files' contents; these are about the folders, processes and pages around them. All data is the
 * SYNTHETIC base cohort of test/fixtures/bad/base.
 *
 * Signal tests start the CLI in a child process, wait for a line it prints (never a fixed time),
 * and allow tens of seconds for it to end: bounded, and not flaky on a loaded 2-core machine.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../pipeline/cli/cli.ts';
import { startReportServer } from '../../pipeline/cli/serve.ts';
import { cohortCopy, removeTemporaryFolders, tempDir, treeHashes } from '../helpers/badCohort.ts';
import { waitFor } from '../helpers/cliProcess.ts';

afterAll(removeTemporaryFolders);
afterEach(() => vi.restoreAllMocks());

/** The CLI in-process: exit code and every line it printed (stdout and stderr). */
async function cli(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const code = await main(['--no-png', ...args], (line) => lines.push(line));
  vi.restoreAllMocks();
  return { code, lines };
}

/**
 * The CLI in a child process, killed (SIGKILL) if it has not ended after `limitMs`: a run that spins
 * fails the test with `timedOut` instead of hanging it (a synchronous spin ignores the test's timers).
 */
function child(args: string[], env: Record<string, string> = {}, limitMs = 60_000) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'pipeline/cli/cli.ts', ...args], {
    env: { ...process.env, ...env },
  });
  const output = { text: '' };
  proc.stdout.on('data', (d: Buffer) => (output.text += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output.text += d.toString()));
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    proc.kill('SIGKILL');
  }, limitMs);
  const ended = new Promise<{ code: number | null; timedOut: boolean; ms: number }>((resolve) => {
    const started = Date.now();
    proc.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, timedOut, ms: Date.now() - started });
    });
  });
  return { proc, output, ended };
}

/** A synthetic cohort, an output path in a fresh folder, and the folder. */
function setting() {
  const cohort = cohortCopy();
  const parent = tempDir('casepool-surface-');
  return { cohort, parent, out: join(parent, 'report') };
}

/** What a folder holds, by name, links shown as links (their targets), for "nothing else appeared". */
const entries = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .map((e) => (e.isSymbolicLink() ? `${e.name} -> ${readlinkSync(join(dir, e.name))}` : e.name))
    .sort();

const versionFolders = (parent: string) => readdirSync(parent).filter((n) => /^\.casepool-report-/.test(n));

/** The cohort file whose edit should make a run: one more note in a case's notes. */
function editCases(cohort: string, file = 'cases.csv', note = 'edited'): void {
  const path = join(cohort, file);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/SYNTHETIC/, `SYNTHETIC ${note}`));
}

describe("kept reports are the user's (issue #21 item 1)", () => {
  it('mv report report-kept: the next runs write a new report and never delete the kept one', async () => {
    const { cohort, parent, out } = setting();
    const inputs = treeHashes(cohort);
    expect((await cli(['--cohort', cohort, '--out', out])).code).toBe(0);
    const kept = treeHashes(out);
    renameSync(out, join(parent, 'report-kept'));
    for (const time of [1, 2]) {
      const { code, lines } = await cli(['--cohort', cohort, '--out', out]);
      expect(code, `run ${time}`).toBe(0);
      expect(lines.join('\n')).toMatch(/report written to/);
      expect(treeHashes(join(parent, 'report-kept')), `kept report after run ${time}`).toEqual(kept);
    }
    expect(treeHashes(cohort)).toEqual(inputs);
    // Beside --out: the kept name and its version, the report and its version; nothing else.
    const keptVersion = readlinkSync(join(parent, 'report-kept'));
    expect(entries(parent)).toEqual(
      [
        `report -> ${readlinkSync(out)}`,
        `report-kept -> ${keptVersion}`,
        keptVersion,
        readlinkSync(out),
      ].sort(),
    );
  }, 60_000);
});

describe('every wait ends (issue #21 item 2)', () => {
  /** A cohort with a report written, and the lock path beside it. */
  async function withReport() {
    const s = setting();
    expect((await cli(['--cohort', s.cohort, '--out', s.out])).code).toBe(0);
    return { ...s, lock: join(s.parent, '.casepool-report.lock'), report: treeHashes(s.out) };
  }

  it.each([
    [
      'a dangling link at the lock',
      (lock: string) => symlinkSync(join(tmpdir(), 'casepool-nowhere'), lock),
      '',
    ],
    [
      "a dangling link at a stale lock's .takeover guard",
      (lock: string) => {
        // A lock from a process that no longer exists (pid 2^22 + 1 is above Linux's pid_max default).
        writeFileSync(lock, JSON.stringify({ pid: 4194305, host: hostname(), started: 'then' }));
        symlinkSync(join(tmpdir(), 'casepool-nowhere'), `${lock}.takeover`);
      },
      '.takeover',
    ],
  ])(
    '%s: exit 4 at once with one sentence, the previous report intact',
    async (_, plant, suffix) => {
      const { cohort, parent, out, lock, report } = await withReport();
      plant(lock);
      const inputs = treeHashes(cohort);
      const around = entries(parent);
      // CASEPOOL_LOCK_TIMEOUT is the default 60 s: ending at all, and within the 50 s limit, is the point.
      const run = child(['--no-png', '--cohort', cohort, '--out', out], {}, 50_000);
      const { code, timedOut } = await run.ended;
      expect(timedOut, run.output.text).toBe(false);
      expect(code).toBe(4);
      expect(run.output.text).toMatch(
        new RegExp(
          `^casepool: cannot take the lock .*\\.casepool-report\\.lock${suffix.replace('.', '\\.')}: it is a symbolic link, not a lock file casepool wrote; if no casepool run is running, delete it and run again$`,
          'm',
        ),
      );
      expect(run.output.text).not.toMatch(/\n\s+at /);
      expect(treeHashes(out)).toEqual(report);
      expect(treeHashes(cohort)).toEqual(inputs);
      expect(entries(parent)).toEqual(around);
    },
    90_000,
  );

  /** A lock held by this test process, which is alive: a run waits for it. */
  const holdLock = (lock: string) =>
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: 'now' }));

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '--watch: %s while a re-run waits for the lock ends the process promptly (exit 0), nothing written',
    async (signal) => {
      const { cohort, parent, out, lock, report } = await withReport();
      const run = child(['--watch', '--no-png', '--cohort', cohort, '--out', out], {
        CASEPOOL_LOCK_TIMEOUT: '600',
      });
      await waitFor(run.output, /^watching .* for changes/m);
      const written = treeHashes(out);
      holdLock(lock);
      editCases(cohort);
      const inputs = treeHashes(cohort);
      await waitFor(run.output, /is writing to .*; waiting for it \(up to 600 s\)/);
      run.proc.kill(signal);
      const { code, timedOut, ms } = await run.ended;
      expect(timedOut, run.output.text).toBe(false);
      expect(code).toBe(0);
      // Far below the 600 s the lock would have been waited for; generous for a loaded machine.
      expect(ms).toBeLessThan(60_000);
      expect(run.output.text).toMatch(/^stopped watching$/m);
      expect(run.output.text).not.toMatch(/internal error|\n\s+at /);
      expect(report).toBeDefined();
      expect(treeHashes(out)).toEqual(written);
      expect(treeHashes(cohort)).toEqual(inputs);
      // The lock is the test's own, left as it was; no version folder was added.
      expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
      expect(versionFolders(parent)).toHaveLength(1);
    },
    120_000,
  );

  it.each([['--watch'], ['--serve']])(
    '%s: Ctrl-C during the first run (waiting for the lock) ends it with exit 0',
    async (mode) => {
      const { cohort, parent, out, lock, report } = await withReport();
      holdLock(lock);
      const inputs = treeHashes(cohort);
      const run = child([mode, '--no-png', '--cohort', cohort, '--out', out], {
        CASEPOOL_LOCK_TIMEOUT: '600',
      });
      await waitFor(run.output, /is writing to .*; waiting for it \(up to 600 s\)/);
      run.proc.kill('SIGINT');
      const { code, timedOut } = await run.ended;
      expect(timedOut, run.output.text).toBe(false);
      expect(code).toBe(0);
      expect(run.output.text).toMatch(/^stopped watching$/m);
      expect(treeHashes(out)).toEqual(report);
      expect(treeHashes(cohort)).toEqual(inputs);
      expect(versionFolders(parent)).toHaveLength(1);
    },
    120_000,
  );
});

/** The previous report's figure `id` edited as an attacker would: its bytes and its manifest entry. */
function forgeFigure(report: string, edit: (svg: string) => string): string {
  const manifestPath = join(report, 'figures', 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    figures: Record<string, { layout: string | null; root: string; screen: string; svg: string }>;
  };
  const [id, record] = Object.entries(manifest.figures).find(([, r]) => r.layout !== null)!;
  const svgPath = join(report, 'figures', `${id}.svg`);
  const written = edit(readFileSync(svgPath, 'utf8'));
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  writeFileSync(svgPath, written);
  record.svg = sha(written);
  record.screen = sha(written.replace(/<svg\b[^>]*>/, () => record.root));
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return id;
}

/** Every inline script of a page, and the hashes its Content-Security-Policy allows. */
function scriptsAndPolicy(page: string) {
  const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)![1]!;
  const scriptSrc = /script-src ([^;]*)/.exec(policy)![1]!.split(' ');
  const hash = (code: string) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`;
  return { scripts, scriptSrc, hash };
}

describe('figure reuse trusts only what casepool drew (issue #21 item 6)', () => {
  it('a figure edited with its manifest entry to carry a script is drawn again, not inlined', async () => {
    const { cohort, parent, out } = setting();
    expect((await cli(['--cohort', cohort, '--out', out])).code).toBe(0);
    const id = forgeFigure(out, (svg) =>
      svg.replace(
        /(<svg\b[^>]*>)/,
        '$1<script>alert(document.domain)</script><g onmouseover="alert(2)"></g>',
      ),
    );
    const inputs = treeHashes(cohort);
    const { code, lines } = await cli(['--cohort', cohort, '--out', out]);
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(/report written to/);
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    expect(page).not.toMatch(/alert\(|onmouseover/);
    expect(readFileSync(join(out, 'figures', `${id}.svg`), 'utf8')).not.toMatch(/<script|onmouseover/);
    expect(treeHashes(cohort)).toEqual(inputs);
    expect(versionFolders(parent)).toHaveLength(1);
  }, 60_000);

  it('a figure (or the figures folder) linked to a file outside --out is never followed', async () => {
    const { cohort, parent, out } = setting();
    expect((await cli(['--cohort', cohort, '--out', out])).code).toBe(0);
    const elsewhere = tempDir('casepool-elsewhere-');
    // The outside copy is a valid figure, marked, with the manifest edited to match it.
    const id = forgeFigure(out, (svg) => svg.replace(/(<svg\b[^>]*>)/, '$1<!-- from outside -->'));
    renameSync(join(out, 'figures', `${id}.svg`), join(elsewhere, `${id}.svg`));
    symlinkSync(join(elsewhere, `${id}.svg`), join(out, 'figures', `${id}.svg`));
    const outside = treeHashes(elsewhere);
    expect((await cli(['--cohort', cohort, '--out', out])).code).toBe(0);
    expect(readFileSync(join(out, 'figures', `${id}.svg`), 'utf8')).not.toContain('from outside');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('from outside');

    // The same through the folder: figures/ itself a link to a folder outside.
    forgeFigure(out, (svg) => svg.replace(/(<svg\b[^>]*>)/, '$1<!-- from outside -->'));
    const figuresElsewhere = join(elsewhere, 'figures');
    renameSync(join(out, 'figures'), figuresElsewhere);
    symlinkSync(figuresElsewhere, join(out, 'figures'));
    const outsideFolder = treeHashes(elsewhere);
    expect((await cli(['--cohort', cohort, '--out', out])).code).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('from outside');
    expect(treeHashes(elsewhere)).toEqual(outsideFolder);
    expect(outside).toBeDefined();
    expect(versionFolders(parent)).toHaveLength(1);
  }, 90_000);

  it("the page's policy allows no inline script but our own, each by its hash", async () => {
    const { cohort, out } = setting();
    expect((await cli(['--cohort', cohort, '--out', out])).code).toBe(0);
    const { scripts, scriptSrc, hash } = scriptsAndPolicy(readFileSync(join(out, 'index.html'), 'utf8'));
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scripts.length).toBeGreaterThan(0);
    for (const code of scripts) expect(scriptSrc).toContain(hash(code));
  }, 60_000);
});

describe('--watch sees the whole cohort (issue #21 item 7)', () => {
  it('re-runs on an edit in a subfolder (files.cases "sub/cases.csv"), and after the folder is replaced by a copy', async () => {
    const { cohort, out } = setting();
    mkdirSync(join(cohort, 'sub'));
    renameSync(join(cohort, 'cases.csv'), join(cohort, 'sub', 'cases.csv'));
    const config = JSON.parse(readFileSync(join(cohort, 'cohort.json'), 'utf8')) as {
      files: { cases: string };
    };
    config.files.cases = 'sub/cases.csv';
    writeFileSync(join(cohort, 'cohort.json'), JSON.stringify(config, null, 2));
    const run = child(['--watch', '--no-png', '--cohort', cohort, '--out', out], {}, 110_000);
    await waitFor(run.output, /^watching .* for changes/m);

    editCases(cohort, 'sub/cases.csv', 'in-subfolder');
    await waitFor(run.output, /report written to/, 2);
    expect(readFileSync(join(out, 'tidy', 'cases.csv'), 'utf8')).toContain('SYNTHETIC in-subfolder');

    // As an unzip, a restore or a sync tool does: the folder moved away, a copy put in its place.
    renameSync(cohort, `${cohort}-old`);
    cpSync(`${cohort}-old`, cohort, { recursive: true });
    await waitFor(run.output, /^casepool: .* was replaced by another folder; watching the new one$/m);
    await waitFor(run.output, /report written to/, 3);
    editCases(cohort, 'sub/cases.csv', 'after-replace');
    await until(() =>
      readFileSync(join(out, 'tidy', 'cases.csv'), 'utf8').includes('SYNTHETIC after-replace'),
    );
    expect(run.output.text.match(/was replaced by another folder/g)).toHaveLength(1);

    run.proc.kill('SIGINT');
    expect((await run.ended).code).toBe(0);
  }, 120_000);
});

/** Resolves once `check` holds (polled), or fails after `ms`. */
async function until(check: () => boolean, ms = 45_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`not so after ${ms} ms: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A GET that does not follow redirects, with the Host header of the URL. */
function get(url: string): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('--serve and the links we write (issue #21 item 8)', () => {
  it('never redirects off-origin, serves only what casepool wrote, and follows no planted link', async () => {
    const data = tempDir('casepool-surface-data-');
    cpSync(cohortCopy(), join(data, 'base'), { recursive: true });
    const reports = join(tempDir('casepool-surface-reports-'), 'reports');
    mkdirSync(reports);
    writeFileSync(join(reports, 'private-notes.txt'), 'not casepool output');
    const run = child(['--serve', '--no-png', '--data', data, '--reports', reports], {}, 110_000);
    const [, url] = await waitFor(run.output, /serving (http:\/\/127\.0\.0\.1:\d+\/)/);
    await waitFor(run.output, /^watching .* for changes/m);
    const origin = url!.replace(/\/$/, '');

    for (const path of ['/%2Fbase', '/%2F%2Fbase', '/base', '/base/%2Ftidy']) {
      const answer = await get(`${origin}${path}`);
      expect(answer.status, path).toBe(301);
      expect(answer.location, path).toMatch(/^\/[^/\\]/);
    }
    expect((await get(`${origin}/%2Fbase`)).location).toBe('/base/');
    expect((await get(`${origin}/`)).status).toBe(200);
    expect((await get(`${origin}/base/`)).body).toContain('<html');
    // Beside the reports, not written by casepool: not served.
    expect((await get(`${origin}/private-notes.txt`)).status).toBe(404);
    // What held: traversal, and a link planted inside the report to a file outside.
    symlinkSync('/etc/hostname', join(reports, 'base', 'planted.txt'));
    expect((await get(`${origin}/base/planted.txt`)).status).toBe(404);
    expect((await get(`${origin}/base/..%2F..%2F..%2Fetc%2Fhostname`)).status).toBe(400);
    expect((await get(`${origin}/base/.casepool-output`)).status).toBe(404);

    run.proc.kill('SIGINT');
    expect((await run.ended).code).toBe(0);
  }, 120_000);

  it('a cohort folder named javascript:alert(document.domain) is listed as a relative link, never a javascript: URL', async () => {
    const data = tempDir('casepool-surface-data-');
    const name = 'javascript:alert(document.domain)';
    cpSync(cohortCopy(), join(data, name), { recursive: true });
    const inputs = treeHashes(data);
    const reports = join(tempDir('casepool-surface-reports-'), 'reports');
    const { code } = await cli(['--data', data, '--reports', reports]);
    expect(code).toBe(0);
    const index = readFileSync(join(reports, 'index.html'), 'utf8');
    const hrefs = [...index.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs).toEqual(['./javascript%3Aalert(document.domain)/index.html']);
    // As a browser resolves it: a path below reports/, to the report written there.
    const resolved = new URL(hrefs[0]!, 'file:///r/reports/index.html');
    expect(resolved.protocol).toBe('file:');
    expect(decodeURIComponent(resolved.pathname)).toBe(`/r/reports/${name}/index.html`);
    expect(existsSync(join(reports, name, 'index.html'))).toBe(true);
    expect(treeHashes(data)).toEqual(inputs);
    const { scriptSrc } = scriptsAndPolicy(index);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(entries(join(reports, '..'))).toEqual(['reports']);
  }, 60_000);
});

describe('what held stays held', () => {
  it('--serve answers 300 event streams and 50 stalled requests and still serves a page, on 127.0.0.1 only', async () => {
    const { cohort, out } = setting();
    expect((await cli(['--cohort', cohort, '--out', out])).code).toBe(0);
    const server = await startReportServer({ root: out, port: 0 });
    const { Socket } = await import('node:net');
    const sockets: InstanceType<typeof Socket>[] = [];
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const port = Number(new URL(server.url).port);
      const open = (text: string) =>
        new Promise<void>((resolve, reject) => {
          const socket = new Socket();
          sockets.push(socket);
          socket.on('error', reject);
          socket.connect(port, '127.0.0.1', () => {
            socket.write(text);
            resolve();
          });
        });
      for (let k = 0; k < 300; k++)
        await open(`GET /.casepool/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      // Slow clients: a request line and no end of headers.
      for (let k = 0; k < 50; k++) await open(`GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
      const page = await get(`${server.url}index.html`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('EventSource');
    } finally {
      sockets.forEach((s) => s.destroy());
      await server.close();
    }
  }, 60_000);

  it('--serve killed (SIGKILL) while it runs: the next run writes a complete report, the last one kept until then', async () => {
    const { cohort, parent, out } = setting();
    expect((await cli(['--cohort', cohort, '--out', out])).code).toBe(0);
    editCases(cohort);
    const run = child(['--serve', '--no-png', '--cohort', cohort, '--out', out], {}, 60_000);
    // Killed as soon as the run reaches its write stage (or later, on a fast machine: still mid-run or done).
    await waitFor(run.output, /write|serving/);
    run.proc.kill('SIGKILL');
    await run.ended;
    // Either the last report or a complete new one, never a half-written one.
    const now = treeHashes(out);
    expect(now['.casepool-output']).toBeDefined();
    expect((await cli(['--cohort', cohort, '--out', out])).code).toBe(0);
    expect(readFileSync(join(out, 'tidy', 'cases.csv'), 'utf8')).toContain('SYNTHETIC edited');
    expect(versionFolders(parent)).toHaveLength(1);
    expect(readdirSync(parent).filter((n) => n.endsWith('.lock'))).toEqual([]);
    expect(basename(readlinkSync(out))).toMatch(/^\.casepool-report-/);
  }, 90_000);
});
