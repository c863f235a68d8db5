import { columnKey } from '../parse/columnKey.ts';
import { type CodebookField } from './codebookTable.ts';
import type { CodebookOrigin, CodebookOrigins, CodebookParts } from './codebookConfig.ts';

/** Entries of an array of objects, those of `own` replacing those of `from` with the same key. */
function mergeBy<T>(from: readonly T[], own: unknown, key: (item: T) => string): unknown[] {
  if (!Array.isArray(own)) return [...from];
  const ownKeys = new Set((own as T[]).map((item) => (item && typeof item === 'object' ? key(item) : '')));
  return [...from.filter((item) => !ownKeys.has(key(item))), ...(own as unknown[])];
}

/**
 * cohort.json's own text over the codebook's parts: a column or vocabulary, statistic, continuous
 * summary or panel of the same name or id replaces the codebook's, other entries are added; a roles
 * key, table1 or survival given in cohort.json is used instead of the codebook's. `json` is the parsed
 * cohort.json (not yet checked against the schema), returned merged, not changed.
 */
export function mergeCodebook(json: Record<string, unknown>, parts: CodebookParts): Record<string, unknown> {
  const byName = (c: { name?: unknown }) => (typeof c.name === 'string' ? columnKey(c.name) : '');
  const byId = (c: { id?: unknown }) => (typeof c.id === 'string' ? c.id : '');
  const own = (key: string) => json[key];
  const ownObject = (key: string) =>
    own(key) && typeof own(key) === 'object' && !Array.isArray(own(key))
      ? (own(key) as Record<string, unknown>)
      : {};
  const merged: Record<string, unknown> = {
    ...json,
    roles: { ...parts.roles, ...ownObject('roles') },
    columns: mergeBy(parts.columns, own('columns'), byName),
    vocabularies: { ...parts.vocabularies, ...ownObject('vocabularies') },
    statistics: mergeBy(parts.statistics, own('statistics'), byId),
    continuous: mergeBy(parts.continuous, own('continuous'), byId),
    panels: mergeBy(parts.panels, own('panels'), byId),
  };
  if (json.table1 === undefined && parts.table1) merged.table1 = parts.table1;
  if (json.survival === undefined && parts.survival) merged.survival = parts.survival;
  return merged;
}

/** Which codebook field a key of a column spec comes from. */
const FIELD_OF_KEY: Record<string, CodebookField> = {
  name: 'column',
  label: 'label',
  description: 'description',
  type: 'type',
  unit: 'unit',
  min: 'min',
  max: 'max',
  vocabulary: 'terms',
  separator: 'separator',
  notReported: 'not_reported',
};

/**
 * The codebook cell a JSON Pointer into the merged config points at, when the entry there came from the
 * codebook (`/columns/3/unit` → row 5, the unit column); null for what cohort.json wrote itself.
 */
export function codebookPlace(
  merged: Record<string, unknown>,
  pointer: string,
  origins: CodebookOrigins,
): { line: number; column: number } | null {
  // Walk the pointer, keeping the deepest entry the codebook made and the keys below it.
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let at: unknown = merged;
  let found: { origin: CodebookOrigin; below: string[]; entry: object } | null = null;
  for (let k = 0; k < keys.length && at !== null && typeof at === 'object'; k++) {
    at = (at as Record<string, unknown>)[keys[k]!];
    const origin = at !== null && typeof at === 'object' ? origins.get(at) : undefined;
    if (origin) found = { origin, below: keys.slice(k + 1), entry: at as object };
  }
  if (found === null) return null;
  const { origin, below, entry } = found;
  const field: CodebookField =
    'type' in entry && 'name' in entry
      ? (FIELD_OF_KEY[below[0] ?? ''] ?? 'column')
      : 'terms' in entry
        ? below[0] === 'label'
          ? 'label'
          : below.includes('synonyms')
            ? 'synonyms'
            : 'terms'
        : below[0] === 'label' && 'variable' in entry && !('id' in entry)
          ? 'label'
          : 'summarise';
  return { line: origin.line, column: origin.columnOf[field] };
}
