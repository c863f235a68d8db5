import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputFile } from '../../pipeline/config/readInputFile.ts';

let tmp: string;
let cohort: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'casepool-read-'));
  cohort = join(tmp, 'cohort');
  mkdirSync(join(cohort, 'sub'), { recursive: true });
  writeFileSync(join(cohort, 'cases.csv'), 'a,b\n1,2\n');
  writeFileSync(join(cohort, 'sub', 'flow.csv'), 'step,label,count\n');
  writeFileSync(join(tmp, 'outside.csv'), 'secret\n');
  symlinkSync(join(tmp, 'outside.csv'), join(cohort, 'link-out.csv'));
  symlinkSync(join(cohort, 'cases.csv'), join(cohort, 'link-in.csv'));
  symlinkSync('/dev/zero', join(cohort, 'zero.csv'));
  execFileSync('mkfifo', [join(cohort, 'fifo.csv')]);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('readInputFile', () => {
  it('reads a regular file in the folder or a subfolder, or a link to one', () => {
    for (const name of ['cases.csv', 'link-in.csv']) {
      const read = readInputFile(cohort, name, 1000);
      expect(read.ok && read.bytes.toString()).toBe('a,b\n1,2\n');
    }
    expect(readInputFile(cohort, 'sub/flow.csv', 1000).ok).toBe(true);
  });

  it.each([
    ['missing.csv', 'file.unreadable', /^file not found$/],
    ['link-out.csv', 'file.outside-cohort', /outside the cohort folder/],
    ['../outside.csv', 'file.outside-cohort', /outside the cohort folder/],
    ['sub', 'file.not-a-file', /is a folder, not a file/],
    // A FIFO is refused from its type, never opened: opening it would wait for a writer forever.
    ['fifo.csv', 'file.not-a-file', /is a named pipe \(FIFO\), not a file/],
    // /dev/zero never ends; reached here through a link, which resolves outside the folder.
    ['zero.csv', 'file.outside-cohort', /resolves to \/dev\/zero/],
  ])('refuses %s: %s', (name, code, message) => {
    const read = readInputFile(cohort, name, 1000);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.code).toBe(code);
    expect(read.message).toMatch(message);
    expect(read.missing ?? false).toBe(name === 'missing.csv');
  });

  it('refuses a device even inside the folder (a cohort folder of /dev)', () => {
    const read = readInputFile('/dev', 'zero', 1000);
    expect(read).toMatchObject({ ok: false, code: 'file.not-a-file', message: 'is a device, not a file' });
  });

  it('refuses a file above the limit from its size, without reading it', () => {
    // Sparse: 400 MB on paper, no blocks on disk.
    const big = join(cohort, 'big.csv');
    writeFileSync(big, '');
    truncateSync(big, 400 * 1024 * 1024);
    const read = readInputFile(cohort, 'big.csv', 160 * 1024 * 1024);
    expect(read).toMatchObject({
      ok: false,
      code: 'file.too-large',
      message: expect.stringMatching(/file is 400 MB, more than the 160 MB an input may have/),
    });
    rmSync(big);
  });

  it('reads a file of exactly the limit', () => {
    writeFileSync(join(cohort, 'exact.csv'), 'x'.repeat(100));
    const read = readInputFile(cohort, 'exact.csv', 100);
    expect(read.ok && read.bytes.length).toBe(100);
    expect(readInputFile(cohort, 'exact.csv', 99)).toMatchObject({ ok: false, code: 'file.too-large' });
  });

  it('reads a file whose size the system reports as 0 to its end (as /proc files do)', () => {
    const read = readInputFile('/proc/self', 'stat', 1 << 20);
    expect(read.ok && read.bytes.length).toBeGreaterThan(0);
  });
});
