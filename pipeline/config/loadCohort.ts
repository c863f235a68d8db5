import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { CohortConfig, Finding } from '../types.ts';
import { closestMatch } from '../parse/closestMatch.ts';
import { excerpt } from '../parse/excerpt.ts';
import { INPUT_LIMITS } from '../parse/inputLimits.ts';
import { describeCharacter, hasUnsafeText, stripUnsafeText, unsafeCharacters } from '../parse/unsafeText.ts';
import { checkCohortReferences } from './checkCohortReferences.ts';
import { analysisChecks, analysisDefaults, cohortSchema, type SchemaParts } from './cohortSchema.ts';
import { checkConfigText } from './checkConfigText.ts';
import { checkFilePaths } from './checkFilePaths.ts';
import { jsonSyntaxErrorOffset, lineColumnAt, locateJsonPointer } from './locateJsonPointer.ts';
import { readInputFile } from './readInputFile.ts';
import { applyCodebook } from '../spreadsheet/applyCodebook.ts';

// The core's schema with every analysis's block (config/cohortSchema.ts).
const schema = cohortSchema();
// The options are shared with the build (scripts/build.mjs). verbose: errors carry their
// parentSchema, whose properties give "did you mean" for unknown keys.
const ajvOptions = JSON.parse(
  readFileSync(new URL('./schemaValidatorOptions.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
// Compiling the schema (and importing ajv) costs ~0.15 s of every start, so the build (dist/) ships it
// compiled (ajv's standalone code, from the same schema and options); the sources (tests, tsx)
// compile it here.
const PRECOMPILED = new URL('./cohortSchemaValidator.js', import.meta.url);
const validateSchema: ValidateFunction = existsSync(PRECOMPILED)
  ? ((await import(PRECOMPILED.href)) as { default: ValidateFunction }).default
  : new (await import('ajv')).Ajv(ajvOptions).compile(schema);

export const COHORT_FILE = 'cohort.json';

/** Names that become output file names (`fileName`, `tidyName` in the schema), for plain messages. */
const definitions = schema.definitions as Record<string, { pattern: string; allOf: unknown[] }>;
const FILE_NAME_PATTERN = definitions.fileName!.pattern;
const RESERVED_TIDY_NAMES = definitions.tidyName!.allOf[1] as { not: unknown };

export interface LoadedCohort {
  config: CohortConfig | null;
  findings: Finding[];
}

/** Ajv reports every branch of a oneOf; keep the messages a person can act on, deepest first. */
function describeSchemaErrors(errors: ErrorObject[]): Array<{ pointer: string; message: string }> {
  const wordy = new Set(['oneOf', 'anyOf', 'if', 'allOf']);
  const conditionFailures = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
  const out = new Map<string, string>();
  for (const e of errors) {
    if (wordy.has(e.keyword)) continue;
    // Inside a condition, each oneOf branch complains; one summary line says more.
    const condition = conditionFailures.find((p) => e.instancePath === p);
    if (condition !== undefined) {
      out.set(
        condition,
        'is not a valid condition: use {"variable", "in": [...]}, {"variable", "reported": true|false}, {"variable", "atLeast"/"atMost"/"below"}, {"all": [...]}, {"any": [...]} or {"not": {...}}',
      );
      continue;
    }
    let message: string;
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'additionalProperties') {
      const key = String(params.additionalProperty);
      const props = (e.parentSchema?.properties ?? {}) as Record<string, unknown>;
      const near = closestMatch(key, Object.keys(props));
      message = hasUnsafeText(key)
        ? `key "${excerpt(key)}" holds the invisible character ${unsafeCharacters(key).map(describeCharacter)[0]}: delete it`
        : `unknown key "${excerpt(key)}"${near ? `; did you mean "${near}"?` : ''}`;
      out.set(`${e.instancePath}/${key}`, message);
      continue;
    }
    if (e.keyword === 'required') message = `missing key "${String(params.missingProperty)}"`;
    else if (e.keyword === 'pattern' && e.schema === FILE_NAME_PATTERN)
      message = `${JSON.stringify(e.data)} cannot name an output file: use letters, digits, "_", "-" and "." only, starting with a letter or digit, with no ".."`;
    // By value: the precompiled validator holds its own copy of the schema.
    else if (e.keyword === 'not' && isDeepStrictEqual(e.schema, RESERVED_TIDY_NAMES.not))
      message = `${JSON.stringify(e.data)} cannot name a list: tidy/cases.csv, tidy/sources.csv and tidy/codebook.csv are casepool's own tables`;
    else if (e.keyword === 'enum')
      message = `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    else message = e.message ?? e.keyword;
    if (!out.has(e.instancePath)) out.set(e.instancePath, message);
  }
  for (const p of conditionFailures) {
    // A deeper, more precise message inside the same condition makes the summary redundant.
    if ([...out.keys()].some((k) => k !== p && k.startsWith(`${p}/`))) out.delete(p);
  }
  return [...out].map(([pointer, message]) => ({ pointer, message }));
}

/**
 * How deeply cohort.json may nest objects and arrays. The shipped cohorts nest 8 and 9; a condition
 * adds two per all/any (the key's array and its object) and one per not, so 64 allows conditions
 * some 28 levels deep, more than anyone writes by hand.
 */
export const MAX_CONFIG_DEPTH = 64;

/**
 * The JSON Pointer of the first value nested deeper than `limit` objects and arrays, or null. Walked
 * with a stack of its own, never by recursion, so any depth JSON.parse accepts is measured.
 */
export function pointerBeyondDepth(json: unknown, limit: number): string | null {
  const stack: Array<{ value: unknown; pointer: string; depth: number }> = [
    { value: json, pointer: '', depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limit) return pointer;
    const entries = Array.isArray(value)
      ? value.map((v, k) => [String(k), v] as const)
      : Object.entries(value);
    for (let k = entries.length - 1; k >= 0; k--) {
      const [key, child] = entries[k]!;
      stack.push({
        value: child,
        pointer: `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        depth: depth + 1,
      });
    }
  }
  return null;
}

/** Reads and checks `<dir>/cohort.json`; `file` is the path shown in findings. */
/**
 * The validator of the schema of other parts than the shipped ones (a test's own analysis or input
 * table), compiled when asked, as the sources compile the shipped one; ajv is loaded only then.
 */
function validatorFor(parts: SchemaParts): ValidateFunction {
  const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  return new Ajv(ajvOptions).compile(cohortSchema(parts));
}

/**
 * cohort.json read, checked against the schema and its references, with the analyses' defaults filled
 * in. `parts`: the analyses and input tables it is checked for (default: those shipped).
 */
export function loadCohort(dir: string, file = join(dir, COHORT_FILE), parts?: SchemaParts): LoadedCohort {
  const read = readInputFile(dir, COHORT_FILE, INPUT_LIMITS.configBytes);
  if (!read.ok) {
    const message = read.missing ? 'file not found: every cohort folder needs a cohort.json' : read.message;
    return {
      config: null,
      findings: [{ file, line: 0, column: 0, severity: 'error', code: 'config.unreadable', message }],
    };
  }
  const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // V8 gives no position for "Unexpected token" and "Unexpected end of JSON input": find it.
    const m = /position (\d+)/.exec((e as Error).message);
    const at = lineColumnAt(text, m ? Number(m[1]) : jsonSyntaxErrorOffset(text));
    const reason = (e as Error).message
      .replace(/\s*in JSON at position \d+.*$/, '')
      .replace(/, (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '')
      .replace(/^JSON\.parse: /, '');
    return {
      config: null,
      findings: [
        {
          file,
          ...at,
          severity: 'error',
          code: 'config.not-json',
          message: `cohort.json is not valid JSON: ${reason}`,
        },
      ],
    };
  }
  // A codebook (files.codebook) gives columns, vocabularies and default analyses under cohort.json's
  // own text; a problem in what it gave is found at its cell (spreadsheet/applyCodebook.ts).
  let codebookPlace: ReturnType<typeof applyCodebook>['place'] = () => null;
  const codebookFindings: Finding[] = [];
  if (
    json !== null &&
    typeof json === 'object' &&
    !Array.isArray(json) &&
    pointerBeyondDepth(json, MAX_CONFIG_DEPTH) === null
  ) {
    const applied = applyCodebook(dir, json as Record<string, unknown>, file);
    if (applied.json === null) return { config: null, findings: applied.findings };
    json = applied.json;
    codebookPlace = applied.place;
    codebookFindings.push(...applied.findings);
  }
  const finding = (
    pointer: string,
    severity: 'error' | 'warning',
    message: string,
    code = 'config.invalid',
  ): Finding => {
    // At a codebook cell, the cell says where: a pointer into JSON the user never wrote would not.
    const inCodebook = codebookPlace(pointer);
    if (inCodebook) return { ...inCodebook, severity, code, message };
    return {
      file,
      ...locateJsonPointer(text, pointer),
      severity,
      code,
      message: `${stripUnsafeText(pointer) || '/'}: ${message}`,
    };
  };
  // The schema validator and the checks after it walk the document recursively: a condition nested
  // 3,000 deep overflowed the stack (a RangeError, exit 3). Refused where it gets too deep.
  const tooDeep = pointerBeyondDepth(json, MAX_CONFIG_DEPTH);
  if (tooDeep !== null)
    return {
      config: null,
      findings: [
        finding(
          tooDeep,
          'error',
          `nested more than ${MAX_CONFIG_DEPTH} levels deep (conditions in all/any/not): write the condition flatter, or as a derived variable`,
          'config.too-deep',
        ),
      ],
    };
  const validate = parts ? validatorFor(parts) : validateSchema;
  if (!validate(json)) {
    const findings = describeSchemaErrors(validate.errors ?? []).map((p) =>
      finding(p.pointer, 'error', p.message),
    );
    return { config: null, findings: [...codebookFindings, ...findings] };
  }
  const raw = json as Partial<CohortConfig> & Pick<CohortConfig, 'id'>;
  const config: CohortConfig = {
    ...(analysisDefaults(parts?.analyses) as Partial<CohortConfig>),
    ...(raw as CohortConfig),
    derived: raw.derived ?? [],
    statistics: raw.statistics ?? [],
    checks: raw.checks ?? [],
  };
  const problems = [
    ...checkConfigText(json),
    ...checkFilePaths(config.files),
    ...checkCohortReferences(config, analysisChecks(parts?.analyses)),
  ];
  const findings = [
    ...codebookFindings,
    ...problems.map((p) => finding(p.pointer, p.severity, p.message, p.code)),
  ];
  return { config: findings.some((f) => f.severity === 'error') ? null : config, findings };
}
