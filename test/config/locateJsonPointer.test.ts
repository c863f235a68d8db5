import { describe, expect, it } from 'vitest';
import {
  jsonSyntaxErrorOffset,
  lineColumnAt,
  locateJsonPointer,
} from '../../pipeline/config/locateJsonPointer.ts';

/** Line and column (1-based) of the only occurrence of `needle` in `text`, counted here by hand. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0 || text.indexOf(needle, offset + 1) >= 0) throw new Error(`"${needle}" must occur once`);
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

describe('lineColumnAt', () => {
  it.each([
    ['abc', 0, 1, 1],
    ['abc', 2, 1, 3],
    ['ab\ncd', 2, 1, 3],
    ['ab\ncd', 3, 2, 1],
    ['ab\ncd', 4, 2, 2],
    ['ab\r\ncd', 4, 2, 1],
    ['\n\n\nx', 3, 4, 1],
    ['ab\ncd', 5, 2, 3],
  ])('%j at offset %d → %d:%d', (text, offset, line, column) => {
    expect(lineColumnAt(text, offset)).toEqual({ line, column });
  });
});

const DOC = `{
  "id": "x",
  "skip": { "s": "a \\" } ] , { [", "n": [1, 2.5e3, -4, true, null, {"deep": [[]]}] },
  "a/b": "slash",
  "m~n": "tilde",
  "q\\"k": "escaped quote",
  "columns": [
    { "name": "case_id", "type": "id" },
    {
      "name": "sex",
      "vocabulary": "sexx"
    },
    []
  ],
  "empty": [],
  "compact": {"k":[10,20,{"z":"here"}]}
}`;

describe('locateJsonPointer', () => {
  it('is valid JSON to begin with', () => {
    expect(() => JSON.parse(DOC) as unknown).not.toThrow();
  });

  it.each([
    ['', '{\n  "id"'],
    ['/id', '"x"'],
    ['/a~1b', '"slash"'],
    ['/m~0n', '"tilde"'],
    ['/q"k', '"escaped quote"'],
    ['/columns', '[\n    { "name": "case_id"'],
    ['/columns/0', '{ "name": "case_id"'],
    ['/columns/0/type', '"id" }'],
    ['/columns/1', '{\n      "name": "sex"'],
    ['/columns/1/vocabulary', '"sexx"'],
    ['/columns/2', '[]\n  ]'],
    ['/compact/k/1', '20'],
    ['/compact/k/2/z', '"here"'],
    // Not there: the deepest ancestor that is.
    ['/columns/1/unit', '{\n      "name": "sex"'],
    ['/columns/7', '[\n    { "name": "case_id"'],
    ['/columns/7/name', '[\n    { "name": "case_id"'],
    ['/empty/0', '[],\n  "compact"'],
    ['/nope/deeper', '{\n  "id"'],
    ['/id/0', '"x"'],
  ])('%j → where %j starts', (pointer, needle) => {
    expect(locateJsonPointer(DOC, pointer)).toEqual(positionOf(DOC, needle));
  });

  it('finds keys after values that hold brackets, braces and commas inside strings', () => {
    const text = '{"a": "}],{[", "b": {"c": "]"}, "d": 7}';
    expect(locateJsonPointer(text, '/d')).toEqual({ line: 1, column: text.indexOf('7') + 1 });
    expect(locateJsonPointer(text, '/b/c')).toEqual({ line: 1, column: text.indexOf('"]"') + 1 });
  });

  it('gives the same lines in a CRLF file', () => {
    const text = DOC.replace(/\n/g, '\r\n');
    expect(locateJsonPointer(text, '/columns/1/vocabulary').line).toBe(positionOf(DOC, '"sexx"').line);
  });
});

describe('jsonSyntaxErrorOffset', () => {
  it.each([
    ['an unquoted value', '{\n  "id": adrenal-lms\n}', 'adrenal-lms'],
    ['a trailing comma in an array', '{\n  "a": [\n    "x",\n  ]\n}', ']\n}'],
    ['a trailing comma in an object', '{\n  "a": 1,\n}', '}'],
    ['a missing comma', '{\n  "id": "x"\n  "t": 1\n}', '"t"'],
    ['a single-quoted key', "{\n  'a': 1\n}", "'a'"],
    ['a comment', '// hi\n{}', '// hi'],
    ['True', '{"a": True}', 'True'],
    ['a truncated literal', '{"a": tru}', 'tru}'],
    ['a missing colon', '{"a" 1}', '1}'],
    ['a bad escape', '{"a": "\\q"}', 'q"}'],
    ['a leading zero', '{"a": 01}', '1}'],
    ['text after the value', '{}\n}', '}'],
    ['a tab in a string', '{"a": "x\ty"}', '\ty'],
  ])('points at %s', (_, text, needle) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(jsonSyntaxErrorOffset(text)).toBe(text.lastIndexOf(needle));
  });

  it.each([
    ['an empty text', ''],
    ['a truncated array', '{\n  "a": [1, 2'],
    ['an unterminated string', '{\n  "a": "abc'],
    ['blank lines', '  \n '],
  ])('points at the end of %s', (_, text) => {
    expect(jsonSyntaxErrorOffset(text)).toBe(text.length);
  });

  it('agrees with JSON.parse wherever it gives a position', () => {
    const texts = [
      '{\n  "id": "x"\n  "t": 1\n}',
      '{\n  "a": 1,\n}',
      "{\n  'a': 1\n}",
      '{}\n}',
      '{"a": "x\ty"}',
      '{"a" 1}',
      '{"a": 01}',
      '{\n  "a": [1, 2',
      '{\n  "a": "abc',
      '[1, 2,, 3]',
      '{"a": [1 2]}',
    ];
    for (const text of texts) {
      let position = -1;
      try {
        JSON.parse(text);
      } catch (e) {
        position = Number(/position (\d+)/.exec((e as Error).message)?.[1] ?? -1);
      }
      if (position >= 0) expect(jsonSyntaxErrorOffset(text), text).toBe(position);
    }
  });
});
