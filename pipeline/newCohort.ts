import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const USAGE = `Usage: npm run new-cohort -- <dir>

Writes a new cohort folder <dir> from the template (pipeline/scaffold/template/): cohort.json,
cases.csv and sources.csv with one example row each (excluded from the analysis), and a README.md
that explains each part. Then: npm run pipeline -- --cohort <dir> --out <report dir>

Exit codes: 0 folder written, 2 wrong usage (no folder given, or it exists and is not empty).`;

const TEMPLATE = new URL('./scaffold/template/', import.meta.url);

/** The template's id, replaced by one made from the new folder's name. */
const TEMPLATE_ID = 'my-cohort';

/** A cohort id (lower-case letters, digits, hyphens) from a folder name; the template's when none is left. */
export function cohortIdFrom(folderName: string): string {
  const id = folderName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id === '' ? TEMPLATE_ID : id;
}

/** Writes the template into `dir`; returns the exit code, printing one line on refusal. */
export function main(argv: string[], print = (s: string) => console.log(s)): number {
  const fail = (message: string) => {
    console.error(`casepool: ${message}`);
    return 2;
  };
  if (argv.includes('-h') || argv.includes('--help')) {
    print(USAGE);
    return 0;
  }
  if (argv.length !== 1 || argv[0]!.startsWith('-'))
    return fail('new-cohort takes one argument, the folder to write (npm run new-cohort -- <dir>)');
  const dir = argv[0]!;
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) return fail(`${dir} exists and is a file; choose a new folder`);
    if (readdirSync(dir).length > 0) return fail(`${dir} exists and is not empty; choose a new folder`);
  }
  const id = cohortIdFrom(basename(resolve(dir)));
  mkdirSync(dir, { recursive: true });
  const names = readdirSync(TEMPLATE).sort();
  for (const name of names) {
    let text = readFileSync(new URL(name, TEMPLATE), 'utf8');
    if (name === 'cohort.json') text = text.replace(`"id": "${TEMPLATE_ID}"`, `"id": "${id}"`);
    // wx: never overwrite, should a file appear between the check above and here.
    writeFileSync(join(dir, name), text, { flag: 'wx' });
  }
  print(`wrote ${dir} (cohort id "${id}"): ${names.join(', ')}`);
  print(`next: npm run pipeline -- --cohort ${dir} --out <report dir>, and read ${join(dir, 'README.md')}`);
  return 0;
}

// Run only when executed directly, not when imported by tests.
if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = main(process.argv.slice(2));
}
