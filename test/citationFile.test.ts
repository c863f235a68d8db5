/**
 * CITATION.cff, read as GitHub and Zotero read it: valid against the Citation File Format 1.2.0 schema
 * (test/fixtures/citation-file-format), and naming the version and licence that package.json and
 * LICENSE give.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const schema = JSON.parse(readFileSync('test/fixtures/citation-file-format/schema-1.2.0.json', 'utf8'));
// The schema's note to implementers: YAML dates are validated as strings, so read with the JSON schema
// of YAML (no timestamps), as the format's own validator does.
const citation = yaml.load(readFileSync('CITATION.cff', 'utf8'), { schema: yaml.JSON_SCHEMA }) as Record<
  string,
  unknown
>;
const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; license?: string };

describe('CITATION.cff', () => {
  it('is valid Citation File Format 1.2.0', () => {
    const valid = validate(citation);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check can fail: a file without authors, or with a malformed date, is refused', () => {
    expect(validate({ ...citation, authors: undefined })).toBe(false);
    expect(validate({ ...citation, 'date-released': '7 December 2026' })).toBe(false);
  });

  it("gives package.json's version, in the file and in the preferred citation", () => {
    expect(citation.version).toBe(packageJson.version);
    expect((citation['preferred-citation'] as { version: string }).version).toBe(packageJson.version);
  });

  it('names the licence of LICENSE and package.json', () => {
    expect(citation.license).toBe('MIT');
    expect(packageJson.license).toBe('MIT');
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/^MIT License\n/);
  });

  it('is dated as the changelog dates its version', () => {
    const changelog = readFileSync('CHANGELOG.md', 'utf8');
    expect(changelog).toContain(`## [${packageJson.version}] - ${String(citation['date-released'])}`);
  });
});
