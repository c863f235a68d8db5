import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../pipeline/cli/cli.ts';
import type { StageTiming } from '../../pipeline/run.ts';
import { lockName } from '../../pipeline/io/outputNames.ts';
import { OUTPUT_MARKER } from '../../pipeline/io/writeOutputAtomically.ts';

const temp = (prefix = 'casepool-cli-') => mkdtempSync(join(tmpdir(), prefix));
/** A copy of the synthetic drug-reactions cohort, as `<parent>/<name>`. */
function cohortCopy(parent = temp(), name = 'drug-reactions'): string {
  const dir = join(parent, name);
  cpSync('test/fixtures/drug-reactions', dir, { recursive: true });
  return dir;
}

let stderr: string[] = [];
const quiet = () => {};
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.CASEPOOL_TEST_FAIL_AT;
  delete process.env.CASEPOOL_LOCK_TIMEOUT;
});
function captureStderr() {
  stderr = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    stderr.push(args.map(String).join(' '));
  });
}
const run = (...args: string[]) => main([...args, '--no-png'], quiet);

describe('--version', () => {
  it("prints casepool's version (package.json) and Node's, writes nothing, and exits 0", async () => {
    const printed: string[] = [];
    const reports = join(temp(), 'reports');
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await main(['--version', '--reports', reports], (line) => printed.push(line))).toBe(0);
    expect(printed).toEqual([`casepool ${version} (Node.js ${process.versions.node})`]);
    expect(existsSync(reports)).toBe(false);
  });
});

describe('usage errors (exit 2)', () => {
  it('--cohort naming a file', async () => {
    captureStderr();
    const cohort = cohortCopy();
    expect(await run('--cohort', join(cohort, 'cohort.json'), '--out', join(temp(), 'rep'))).toBe(2);
    expect(stderr[0]).toMatch(/--cohort .*cohort\.json is a file; give the cohort folder/);
  });

  it('an output inside the cohort folder, in every mode, not only --watch', async () => {
    captureStderr();
    const cohort = cohortCopy();
    const before = readdirSync(cohort).sort();
    expect(await run('--cohort', cohort, '--out', join(cohort, 'report'))).toBe(2);
    expect(await run('--cohort', cohort, '--out', cohort)).toBe(2);
    expect(stderr[0]).toMatch(/must not contain each other or be the same folder/);
    expect(readdirSync(cohort).sort()).toEqual(before);
  });

  it('a cohort folder inside the output folder (replacing it would delete the cohort)', async () => {
    captureStderr();
    const out = join(temp(), 'rep');
    mkdirSync(out);
    writeFileSync(join(out, OUTPUT_MARKER), 'casepool');
    const cohort = cohortCopy(out);
    expect(await run('--cohort', cohort, '--out', out)).toBe(2);
    expect(existsSync(join(cohort, 'cases.csv'))).toBe(true);
  });

  it('an output that reaches into the cohort folder through a symbolic link', async () => {
    captureStderr();
    const cohort = cohortCopy();
    const elsewhere = temp();
    symlinkSync(cohort, join(elsewhere, 'link'));
    expect(await run('--cohort', cohort, '--out', join(elsewhere, 'link', 'report'))).toBe(2);
    expect(existsSync(join(cohort, 'report'))).toBe(false);
  });

  it('--reports inside a cohort folder of --data', async () => {
    captureStderr();
    const data = temp();
    const cohort = cohortCopy(data);
    expect(await main(['--data', data, '--reports', join(cohort, 'reports'), '--no-png'], quiet)).toBe(2);
    expect(existsSync(join(cohort, 'reports'))).toBe(false);
  });
});

describe('reports/index.html', () => {
  it('is never replaced when casepool did not write it (exit 4, before any cohort runs)', async () => {
    captureStderr();
    const data = temp();
    cohortCopy(data);
    const reports = temp();
    writeFileSync(join(reports, 'index.html'), '<p>my own page</p>');
    expect(await main(['--data', data, '--reports', reports, '--no-png'], quiet)).toBe(4);
    expect(stderr).toEqual([
      `casepool: refusing to replace ${join(reports, 'index.html')}: casepool did not write it; choose another --reports, or move it away`,
    ]);
    expect(readFileSync(join(reports, 'index.html'), 'utf8')).toBe('<p>my own page</p>');
    expect(readdirSync(reports)).toEqual(['index.html']);
  });

  it('is replaced when casepool wrote it, also a page from before the marker', async () => {
    const data = temp();
    cohortCopy(data);
    const reports = temp();
    expect(await main(['--data', data, '--reports', reports, '--no-png'], quiet)).toBe(0);
    const ours = readFileSync(join(reports, 'index.html'), 'utf8');
    expect(ours).toContain('data-generator="casepool"');
    writeFileSync(join(reports, 'index.html'), '<html><head><title>casepool reports</title></head></html>');
    expect(await main(['--data', data, '--reports', reports, '--no-png'], quiet)).toBe(0);
    expect(readFileSync(join(reports, 'index.html'), 'utf8')).toContain('data-generator="casepool"');
  });

  it('a truncated stats.json of the previous report: the entry says it could not be read', async () => {
    const data = temp();
    const cohort = cohortCopy(data);
    writeFileSync(join(cohort, 'cohort.json'), '{"id": "drug-reactions",');
    const reports = temp();
    const previous = join(reports, 'drug-reactions');
    mkdirSync(previous);
    writeFileSync(join(previous, OUTPUT_MARKER), 'casepool');
    writeFileSync(join(previous, 'stats.json'), '{"title": "Drug reac');
    expect(await main(['--data', data, '--reports', reports, '--no-png'], quiet)).toBe(1);
    const page = readFileSync(join(reports, 'index.html'), 'utf8');
    expect(page).toContain('last run failed, and the previous report could not be read');
  });
});

describe('environment errors (exit 4, one sentence)', () => {
  it.each([
    [
      'a file',
      (p: string) => writeFileSync(p, 'mine'),
      /refusing to replace .*rep: it is a file, not a folder/,
    ],
    [
      'a dangling symbolic link',
      (p: string) => symlinkSync(join(p, '..', 'gone'), p),
      /rep: it is a symbolic link to .*gone, which does not exist; remove the link/,
    ],
    [
      'a path under a file',
      (p: string) => writeFileSync(p, 'mine'),
      /cannot write .*rep.* \(ENOTDIR\): a part of the path is a file, not a folder/,
      'under',
    ],
  ])('--out is %s', async (_, make, message, under?: string) => {
    captureStderr();
    const cohort = cohortCopy();
    const out = join(temp(), 'rep');
    make(out);
    expect(await run('--cohort', cohort, '--out', under ? join(out, 'report') : out)).toBe(4);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(message);
  });

  it.each([
    ['ENOSPC', /\(ENOSPC\): there is no space left on the device: free some space and run again$/],
    ['EACCES', /\(EACCES\): permission denied: choose a folder you can write to, or fix its permissions$/],
  ])('a write failing with %s (injected): exit 4, the previous report unchanged', async (code, message) => {
    captureStderr();
    const cohort = cohortCopy();
    const out = join(temp(), 'rep');
    expect(await run('--cohort', cohort, '--out', out)).toBe(0);
    const before = readFileSync(join(out, 'stats.json'), 'utf8');
    process.env.CASEPOOL_TEST_FAIL_AT = `write#2:${code}`;
    expect(await run('--cohort', cohort, '--out', out)).toBe(4);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(message);
    expect(readFileSync(join(out, 'stats.json'), 'utf8')).toBe(before);
  });

  it('another run holding the lock: one line saying so, then exit 4 after the wait', async () => {
    captureStderr();
    const cohort = cohortCopy();
    const parent = temp();
    // This test process is alive, so its lock is not stale.
    writeFileSync(join(parent, lockName('rep')), JSON.stringify({ pid: process.pid, host: hostname() }));
    process.env.CASEPOOL_LOCK_TIMEOUT = '0.3';
    expect(await run('--cohort', cohort, '--out', join(parent, 'rep'))).toBe(4);
    expect(stderr).toHaveLength(2);
    expect(stderr[0]).toMatch(
      new RegExp(
        `^another casepool run \\(pid ${process.pid} on .*\\) is writing to .*rep; waiting for it \\(up to 0.3 s\\)$`,
      ),
    );
    expect(stderr[1]).toMatch(
      /has been writing to .*rep for more than 0.3 s; .*delete .*\.casepool-rep\.lock$/,
    );
  });

  // A real full disk and a real read-only file system: small tmpfs mounts, only where this process
  // may mount (root with the capability, as in this project's CI); skipped elsewhere.
  const mountable = (() => {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
    const probe = temp('casepool-mount-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
      execFileSync('umount', [probe], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    } finally {
      rmdirSync(probe);
    }
  })();
  const onTmpfs = async (options: string, work: (dir: string) => Promise<void>) => {
    const dir = temp('casepool-mount-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
    try {
      await work(dir);
    } finally {
      execFileSync('umount', [dir]);
      rmdirSync(dir);
    }
  };

  it.skipIf(!mountable)('a really full disk (64 kB tmpfs): exit 4, nothing left on it', async () => {
    captureStderr();
    const cohort = cohortCopy();
    await onTmpfs('size=64k', async (dir) => {
      expect(await run('--cohort', cohort, '--out', join(dir, 'rep'))).toBe(4);
      expect(stderr).toHaveLength(1);
      expect(stderr[0]).toMatch(/^casepool: cannot write .* \(ENOSPC\): there is no space left/);
      expect(readdirSync(dir)).toEqual([]);
    });
  });

  it.skipIf(!mountable)('a read-only file system: exit 4', async () => {
    captureStderr();
    const cohort = cohortCopy();
    await onTmpfs('ro,size=64k', async (dir) => {
      expect(await run('--cohort', cohort, '--out', join(dir, 'rep'))).toBe(4);
      expect(stderr).toHaveLength(1);
      expect(stderr[0]).toMatch(/\(EROFS\): it is on a read-only file system: choose another folder$/);
    });
  });
});

describe('the process', () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'pipeline/cli/cli.ts', '--no-png', ...args], {
        env: { ...process.env, ...env },
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (code) => resolve({ code, stderr: err }));
    });

  it('an environment error: exit code 4 and one line on stderr, no stack trace', async () => {
    const out = join(temp(), 'rep');
    writeFileSync(out, 'mine');
    const r = await cli(['--cohort', cohortCopy(), '--out', out]);
    expect(r.code).toBe(4);
    expect(r.stderr.trim().split('\n')).toEqual([
      `casepool: refusing to replace ${out}: it is a file, not a folder; choose another --out, or move it away`,
    ]);
  });

  it('a bug (an injected error with no errno meaning): exit code 3 and the internal-error text', async () => {
    const r = await cli(['--cohort', cohortCopy(), '--out', join(temp(), 'rep')], {
      CASEPOOL_TEST_FAIL_AT: 'lock#1:EBUG',
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /^casepool: internal error \(a bug in casepool, not in your files\): Error: EBUG/,
    );
  });
});

describe('what a run prints', () => {
  const printed = async (...args: string[]) => {
    const lines: string[] = [];
    const cohort = cohortCopy();
    const code = await main(['--cohort', cohort, '--out', join(temp(), 'rep'), '--no-png', ...args], (l) =>
      lines.push(l),
    );
    return { code, lines };
  };
  const stageLine =
    /^\S+\s+(config|extract|normalize|validate|tidy|analyze|render|write)\s+\d+ ms\s+\d+ MB peak RSS so far$/;

  it('by default: findings and one summary line per cohort, no stage lines', async () => {
    const { code, lines } = await printed();
    expect(code).toBe(0);
    expect(lines.filter((l) => stageLine.test(l))).toEqual([]);
    expect(lines.filter((l) => / — report written to /.test(l))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^drug-reactions: .* — report written to /);
  });

  it('--timings: a line per stage; --timings json: one JSON line at the end', async () => {
    const lines = (await printed('--timings')).lines;
    expect(lines.filter((l) => stageLine.test(l)).map((l) => l.split(/\s+/)[1])).toEqual([
      'config',
      'extract',
      'normalize',
      'validate',
      'tidy',
      'analyze',
      'render',
      'write',
    ]);
    const json = (await printed('--timings', 'json')).lines;
    expect(json.filter((l) => stageLine.test(l))).toEqual([]);
    const timings = JSON.parse(json.at(-1)!) as { timings: Record<string, StageTiming[]> };
    const stages = timings.timings['drug-reactions']!;
    expect(stages.map((t) => t.stage)).toContain('render');
    // The memory at each stage's end: the RSS then is under the high-water mark read just after it,
    // and a high-water mark never falls.
    for (const [k, t] of stages.entries()) {
      expect(t.heapUsedMB).toBeGreaterThan(0);
      expect(t.rssMB).toBeLessThanOrEqual(t.maxRssSoFarMB);
      if (k > 0) expect(t.maxRssSoFarMB).toBeGreaterThanOrEqual(stages[k - 1]!.maxRssSoFarMB);
    }
  });

  it('--serve on a port already in use: exit 2, and nothing is watched', async () => {
    captureStderr();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = String((taken.address() as AddressInfo).port);
    try {
      expect(
        await main(
          ['--serve', '--port', port, '--cohort', cohortCopy(), '--out', join(temp(), 'rep')],
          quiet,
        ),
      ).toBe(2);
      expect(stderr[0]).toMatch(new RegExp(`port ${port} is in use; choose another --port`));
    } finally {
      taken.close();
    }
  });

  it.each([
    [['--port', '8080'], /--port needs --serve/],
    [['--serve', '--port', 'eighty'], /--port takes a port number/],
    [['--png', '--no-png'], /contradict/],
  ])('%j is wrong usage (exit 2)', async (args, message) => {
    captureStderr();
    expect(await main(['--cohort', cohortCopy(), ...args], quiet)).toBe(2);
    expect(stderr[0]).toMatch(message);
  });
});
