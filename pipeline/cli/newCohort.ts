import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { stripUnsafeText } from '../parse/unsafeText.ts';
import { newCohortFrom } from '../spreadsheet/newCohortFrom.ts';

const USAGE = `Usage: npm run new-cohort -- <dir>
       npm run new-cohort -- <dir> --from <file.csv | file.xlsx[#Sheet]>

Writes a new cohort folder <dir> from the template (pipeline/scaffold/template/): cohort.json,
cases.csv and sources.csv with one example row each (excluded from the analysis), and a README.md
that explains each part. With --from, from the table you have: the table copied as it is, a
codebook.csv inferred from it (edit it in Excel), the smallest cohort.json, a sources.csv stub of its
citations and inference-report.txt. Then: npm run pipeline -- --cohort <dir> --out <report dir>

Exit codes: 0 folder written, 1 the --from table cannot be read, 2 wrong usage (no folder given, or it
exists and is not empty).`;

const TEMPLATE = new URL('../scaffold/template/', import.meta.url);

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
export function main(argv: string[], print = (s: string) => console.log(s)): number | Promise<number> {
  const fail = (message: string) => {
    console.error(`casepool: ${message}`);
    return 2;
  };
  if (argv.includes('-h') || argv.includes('--help')) {
    print(USAGE);
    return 0;
  }
  // --from <table>: the folder inferred from a spreadsheet (spreadsheet/newCohortFrom.ts).
  const from = argv.indexOf('--from');
  if (from >= 0) {
    const rest = argv.filter((_, k) => k !== from && k !== from + 1);
    const table = argv[from + 1];
    if (
      table === undefined ||
      table.startsWith('-') ||
      rest.length !== 1 ||
      rest[0]!.startsWith('-') ||
      rest[0]!.trim() === ''
    )
      return fail(
        'new-cohort --from takes a folder and a table: npm run new-cohort -- <dir> --from <file.csv|file.xlsx[#Sheet]>',
      );
    return newCohortFrom(rest[0]!, table, cohortIdFrom(basename(resolve(rest[0]!))), print);
  }
  if (argv.length !== 1 || argv[0]!.startsWith('-'))
    return fail('new-cohort takes one argument, the folder to write (npm run new-cohort -- <dir>)');
  const dir = argv[0]!;
  if (dir.trim() === '')
    return fail('new-cohort was given an empty folder name: npm run new-cohort -- data/<new cohort>');
  const shown = stripUnsafeText(dir);
  const names = readdirSync(TEMPLATE).sort();
  try {
    if (existsSync(dir)) {
      if (!statSync(dir).isDirectory()) return fail(`${shown} exists and is a file; choose a new folder`);
      if (readdirSync(dir).length > 0) return fail(`${shown} exists and is not empty; choose a new folder`);
    }
    const id = cohortIdFrom(basename(resolve(dir)));
    mkdirSync(dir, { recursive: true });
    for (const name of names) {
      let text = readFileSync(new URL(name, TEMPLATE), 'utf8');
      if (name === 'cohort.json') text = text.replace(`"id": "${TEMPLATE_ID}"`, `"id": "${id}"`);
      // wx: never overwrite, should a file appear between the check above and here.
      writeFileSync(join(dir, name), text, { flag: 'wx' });
    }
    print(`wrote ${shown} (cohort id "${id}"): ${names.join(', ')}`);
  } catch (e) {
    // A path under a file (ENOTDIR), no permission, a read-only or full disk: one line, no trace.
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    const file = fileAbove(dir);
    return fail(
      code === 'ENOTDIR' && file !== null
        ? `cannot write ${shown}: ${stripUnsafeText(file)} is a file, not a folder; choose a new folder`
        : `cannot write ${shown} (${code}); choose a folder you can write to`,
    );
  }
  print(
    `next: npm run pipeline -- --cohort ${shown} --out <report dir>, and read ${join(shown, 'README.md')}`,
  );
  return 0;
}

/** The nearest ancestor of `dir` that exists and is not a folder, or null. */
function fileAbove(dir: string): string | null {
  for (let at = resolve(dir); at !== dirname(at); at = dirname(at)) {
    try {
      if (!statSync(at).isDirectory()) return at;
    } catch {
      // missing, or under a file: look further up
    }
  }
  return null;
}

// Run only when executed directly, not when imported by tests.
if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}
