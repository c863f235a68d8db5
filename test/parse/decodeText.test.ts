import { describe, expect, it } from 'vitest';
import { decodeText, fieldAt, firstInvalidUtf8 } from '../../pipeline/parse/decodeText.ts';

const utf8 = (text: string) => [...new TextEncoder().encode(text)];
const bytes = (...parts: Array<number[] | string>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? utf8(p) : p)));
const utf16 = (text: string, order: 'le' | 'be') => {
  const out = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out.push(...(order === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
  }
  return new Uint8Array(out);
};

const TEXT = 'case_id,notes\r\nA1,"Café, naïve"\r\nA2,€ 5 – “ok” 🙂\r\n';

describe('decodeText', () => {
  it.each([
    ['UTF-8 without BOM', bytes(TEXT)],
    ['UTF-8 with BOM (the BOM is dropped)', bytes([0xef, 0xbb, 0xbf], TEXT)],
    ['empty file', new Uint8Array([])],
  ])('reads %s silently', (_, input) => {
    const { text, findings } = decodeText(input, 'cases.csv');
    expect(text).toBe(input.length === 0 ? '' : TEXT);
    expect(findings).toEqual([]);
  });

  it.each([
    ['le', 'UTF-16LE'],
    ['be', 'UTF-16BE'],
  ] as const)('reads UTF-16%s with a BOM, drops the BOM, and warns', (order, name) => {
    const { text, findings } = decodeText(utf16(TEXT, order), 'cases.csv');
    expect(text).toBe(TEXT);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      file: 'cases.csv',
      line: 0,
      column: 0,
      severity: 'warning',
      code: 'file.utf16',
    });
    expect(findings[0]!.message).toContain(`file is ${name} with a byte-order mark`);
  });

  it.each([
    // Latin-1 é (0xE9) in the third line, at its fourth character.
    [bytes('a,b\nx,y\nCaf', [0xe9], ',z\n'), 'a,b\nx,y\nCafé,z\n', 3, 1, '0xE9 at character 4'],
    [bytes([0xe9], 'a,b\n'), 'éa,b\n', 1, 1, '0xE9 at character 1'],
    [bytes('a,b\r\nna', [0xef], 've,1\r\n'), 'a,b\r\nnaïve,1\r\n', 2, 1, '0xEF at character 3'],
    // Lone CRs (old Mac Excel) break lines too; the byte is in the second cell.
    [bytes('a,b\rx,y\r1,na', [0xef], 've\r'), 'a,b\rx,y\r1,naïve\r', 3, 2, '0xEF at character 5'],
    // Windows-1252 punctuation from Excel: ’ (0x92), “ ” (0x93, 0x94), – (0x96), € (0x80).
    [
      bytes('id,notes\n1,Crohn', [0x92], 's ', [0x93], 'x', [0x94], ' ', [0x96], ' 5 ', [0x80], '\n'),
      'id,notes\n1,Crohn’s “x” – 5 €\n',
      2,
      2,
      '0x92 at character 8',
    ],
  ])(
    'reads bytes that are not UTF-8 as Windows-1252 and warns with the line (%#)',
    (input, expected, line, column, where) => {
      const { text, findings } = decodeText(input, 'cases.csv');
      expect(text).toBe(expected);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        file: 'cases.csv',
        line,
        column,
        severity: 'warning',
        code: 'file.not-utf8',
      });
      expect(findings[0]!.message).toContain(where);
    },
  );
});

describe('firstInvalidUtf8', () => {
  it.each<[string, Uint8Array, number]>([
    ['ASCII', bytes('plain ascii'), -1],
    ['2-, 3- and 4-byte sequences', bytes('é € 🙂'), -1],
    ['a Latin-1 byte at the end', bytes('ab', [0xe9]), 2],
    ['a Latin-1 byte between letters', bytes('ab', [0xe9], 'cd'), 2],
    ['a lead byte cut off by the end', bytes([0xc3]), 0],
    ['a 3-byte sequence cut off by the end', bytes([0xe2, 0x82]), 0],
    ['an overlong lead byte 0xC0', bytes('x', [0xc0, 0x80]), 1],
    ['a lead byte above 0xF4', bytes('x', [0xf5, 0x80, 0x80, 0x80]), 1],
    ['a stray continuation byte', bytes('é', [0x80]), 2],
    ['an encoded surrogate ED A0 80', bytes('ab', [0xed, 0xa0, 0x80]), 2],
    ['an encoded low surrogate ED B0 80', bytes('ab', [0xed, 0xb0, 0x80]), 2],
    ['the last code point before the surrogates, ED 9F BF', bytes('ab', [0xed, 0x9f, 0xbf]), -1],
    ['an overlong 3-byte form E0 80 80', bytes('x', [0xe0, 0x80, 0x80]), 1],
    ['an overlong 4-byte form F0 80 80 80', bytes('x', [0xf0, 0x80, 0x80, 0x80]), 1],
    ['a code point above U+10FFFF (F4 90 80 80)', bytes('x', [0xf4, 0x90, 0x80, 0x80]), 1],
    ['U+10FFFF itself (F4 8F BF BF)', bytes('x', [0xf4, 0x8f, 0xbf, 0xbf]), -1],
  ])('%s → %d', (_, input, offset) => {
    expect(firstInvalidUtf8(input)).toBe(offset);
  });
});

describe('decodeText: bytes that only look like UTF-8', () => {
  it('warns for Latin-1 bytes behind a UTF-8 byte-order mark', () => {
    const { text, findings } = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xe9, 0x62]), 'f.csv');
    expect(text).toBe('aéb');
    expect(findings.map((f) => f.code)).toEqual(['file.not-utf8']);
  });

  it('warns for an encoded surrogate (ED A0 A0), which is not valid UTF-8', () => {
    const { findings } = decodeText(new Uint8Array([0x61, 0xed, 0xa0, 0xa0]), 'f.csv');
    expect(findings.map((f) => f.code)).toEqual(['file.not-utf8']);
  });

  it('locates an encoded surrogate at its line and cell, not at 1:0', () => {
    // Twenty valid lines (with UTF-8 accents), then ED A0 80 in the third cell of line 21.
    const lines = Array.from({ length: 20 }, (_, k) => `R${k},Café,"a, b"`);
    const input = bytes(lines.join('\n') + '\nR20,x,"y, z ', [0xed, 0xa0, 0x80], '"\n');
    const { findings } = decodeText(input, 'f.csv');
    expect(findings).toMatchObject([{ line: 21, column: 3, severity: 'warning', code: 'file.not-utf8' }]);
    expect(findings[0]!.message).toContain('byte 0xED at character 13 of the line, in cell 3');
  });
});

describe('fieldAt', () => {
  it.each<[string, number, string, number]>([
    ['a,b,c', 0, ',', 1],
    ['a,b,c', 2, ',', 2],
    ['a,b,c', 4, ',', 3],
    ['x\na,b,c', 6, ',', 3],
    ['"a,b",c', 6, ',', 2],
    ['a;b,c;d', 6, ';', 3],
    ['a\tb', 2, '\t', 2],
  ])('%j at %d (delimiter %j) → field %d', (text, offset, delimiter, field) => {
    expect(fieldAt(text, offset, delimiter)).toBe(field);
  });
});
