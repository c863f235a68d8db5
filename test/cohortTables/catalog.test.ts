import { describe, expect, it } from 'vitest';
import { INPUT_TABLES } from '../../pipeline/cohortTables/catalog.ts';
import { cohortSchema } from '../../pipeline/config/cohortSchema.ts';

describe('the catalog of input tables', () => {
  it('names each table once, the case table and the sources first and required', () => {
    const keys = INPUT_TABLES.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.slice(0, 2)).toEqual(['cases', 'sources']);
    expect(INPUT_TABLES.filter((t) => t.required).map((t) => t.key)).toEqual(['cases', 'sources']);
    for (const t of INPUT_TABLES) expect(t.description.length).toBeGreaterThan(20);
  });

  it('is what cohort.json `files` accepts: a key per table, and the codebook read with cohort.json', () => {
    const files = (cohortSchema().properties as Record<string, Record<string, unknown>>).files!;
    expect(Object.keys(files.properties as object).sort()).toEqual(
      [...INPUT_TABLES.map((t) => t.key), 'codebook'].sort(),
    );
    expect(files.required).toEqual(['cases', 'sources']);
  });
});
