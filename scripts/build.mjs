/* global process, console */
/**
 * Compiles pipeline/ into dist/ with tsc (tsconfig.build.json) and copies the files that are not
 * TypeScript but that the code reads at run time (cohort.schema.json, template folders), and writes the
 * compiled schema validator and the cut-down chart fonts, so that
 * `npm run pipeline` starts on plain Node without a transpiler. Run by `npm ci` (`prepare`) and,
 * when a source is newer than the build, by scripts/pipeline.mjs.
 *
 *   node scripts/build.mjs            build now
 *   node scripts/build.mjs --if-stale build only when a source is newer than the last build
 *   node scripts/build.mjs --into DIR build into DIR instead of dist/ (for a test)
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
/** Written last by a complete build; its mtime is the build's time. */
const STAMP = join(DIST, '.casepool-build');
const SOURCE_DIR = join(ROOT, 'pipeline');
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json'].map((f) => join(ROOT, f));

/** Every file under `dir`, recursively. */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/** Whether dist/ is missing, incomplete, or older than a source file or the compiler settings. */
export function buildIsStale() {
  let built;
  try {
    built = statSync(STAMP).mtimeMs;
  } catch {
    return true;
  }
  return [...filesUnder(SOURCE_DIR), ...CONFIG_FILES].some((file) => statSync(file).mtimeMs > built);
}

/**
 * The cohort.json schema (the core's with every analysis's block, as config/cohortSchema.ts composes it
 * in the build just made) compiled to a module (ajv's standalone code, with the options loadCohort
 * uses), so a run does not compile it at start (~0.1 s); loadCohort takes it when it is beside it.
 */
async function writeSchemaValidator(configDir) {
  const { Ajv } = await import('ajv');
  const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
  const { cohortSchema } = await import(pathToFileURL(join(configDir, 'cohortSchema.js')).href);
  const read = (name) => JSON.parse(readFileSync(join(SOURCE_DIR, 'config', name), 'utf8'));
  const ajv = new Ajv({ ...read('schemaValidatorOptions.json'), code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(cohortSchema()));
  // The generated ES module still require()s ajv's runtime helpers.
  const header =
    "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
  writeFileSync(join(configDir, 'cohortSchemaValidator.js'), header + code);
}

/**
 * The bundled DejaVu fonts cut down to the characters charts commonly use (pipeline/drawing/fontSubset.ts:
 * the same pixels, ~3 times smaller files, which resvg reads again for every run of text), written
 * where bundledFont.ts looks for them, with the version of the fonts they were cut from.
 */
async function writeSubsetFonts(drawingDir) {
  const { subsetFont } = await import(pathToFileURL(join(drawingDir, 'fontSubset.js')).href);
  const require = createRequire(import.meta.url);
  const fontPackage = dirname(require.resolve('dejavu-fonts-ttf/package.json'));
  const { version } = JSON.parse(readFileSync(join(fontPackage, 'package.json'), 'utf8'));
  const fontsDir = join(drawingDir, 'fonts');
  mkdirSync(fontsDir, { recursive: true });
  for (const name of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'])
    writeFileSync(join(fontsDir, name), subsetFont(readFileSync(join(fontPackage, 'ttf', name))));
  writeFileSync(join(fontsDir, 'source.json'), JSON.stringify({ package: 'dejavu-fonts-ttf', version }));
}

/**
 * A clean build into a fresh folder, then swapped in for dist/, so that a build of deleted or renamed
 * sources leaves no stale module behind and a failed build leaves the previous dist/ in place.
 * Returns tsc's exit status (0: built).
 */
export async function build(target = DIST) {
  const staging = join(ROOT, `.dist-build-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', staging], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    process.stderr.write(`casepool: the build failed (tsc exited with ${result.status}); see above\n`);
    rmSync(staging, { recursive: true, force: true });
    return result.status ?? 1;
  }
  // The code reads these next to its modules (new URL('./x.json', import.meta.url)).
  for (const file of filesUnder(SOURCE_DIR).filter((f) => !f.endsWith('.ts')))
    cpSync(file, join(staging, 'pipeline', relative(SOURCE_DIR, file)));
  await writeSchemaValidator(join(staging, 'pipeline', 'config'));
  await writeSubsetFonts(join(staging, 'pipeline', 'drawing'));
  writeFileSync(join(staging, '.casepool-build'), '');
  const previous = join(ROOT, `.dist-old-${process.pid}`);
  mkdirSync(dirname(target), { recursive: true });
  if (existsSync(target)) renameSync(target, previous);
  renameSync(staging, target);
  rmSync(previous, { recursive: true, force: true });
  return 0;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  if (process.argv.includes('--if-stale') && !buildIsStale()) process.exit(0);
  // --into DIR: a build elsewhere (inside this folder, so that node_modules resolves), for a test.
  const into = process.argv.indexOf('--into');
  const target = into === -1 ? DIST : join(process.cwd(), process.argv[into + 1]);
  process.exitCode = await build(target);
  if (process.exitCode === 0) console.log(`casepool: built ${relative(process.cwd(), target) || target}`);
}
