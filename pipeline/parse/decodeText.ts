import type { Finding } from '../types.ts';
import { lineColumnAt } from '../config/locateJsonPointer.ts';
import { detectDelimiter } from './parseCsv.ts';

/**
 * The allowed range of the byte after a lead byte (Unicode Table 3-7): E0 and F0 refuse overlong
 * forms, ED refuses the encoded surrogates D800–DFFF, F4 refuses code points above U+10FFFF.
 */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** Offset of the first byte that breaks UTF-8, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    if (need > 0) {
      const [low, high] = secondByteRange(b);
      const second = bytes[i + 1] ?? 0;
      if (second < low || second > high) return i;
    }
    for (let k = 2; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * The 1-based field (cell number) of the character at `offset` of its line: delimiters outside
 * quotes before it, plus one. A quoted cell that began on an earlier line is not seen; the line is.
 */
export function fieldAt(text: string, offset: number, delimiter: string): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let field = 1;
  let quoted = false;
  for (let i = lineStart; i < offset; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter) field++;
  }
  return field;
}

/** Windows-1252 characters of bytes 0x80–0x9F (WHATWG; the five unassigned bytes stay as they are). */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Bytes of a CSV file → text. UTF-8 (with or without BOM) is read silently; UTF-16 with a BOM (Excel's
 * "Unicode text") and bytes that are not UTF-8 (Latin-1 / Windows-1252, older Excel) are read with a
 * warning that says how, so a person can check accented letters.
 */
export function decodeText(input: Uint8Array, file: string): { text: string; findings: Finding[] } {
  let bytes = input;
  const warn = (line: number, column: number, code: string, message: string): Finding[] => [
    { file, line, column, severity: 'warning', code, message },
  ];
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = new TextDecoder(encoding).decode(bytes.subarray(2));
    const message = `file is ${encoding.toUpperCase()} with a byte-order mark (Excel "Unicode text"); read it as such. Save as "CSV UTF-8" to silence this`;
    return { text, findings: warn(0, 0, 'file.utf16', message) };
  }
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    // fatal: surrogates and overlong forms that a byte scan misses are refused too.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), findings: [] };
  } catch {
    // not UTF-8 after all (a BOM does not make Latin-1 bytes UTF-8): read as Windows-1252 below
  }
  bytes = body;
  const bad = Math.max(firstInvalidUtf8(bytes), 0);
  // Node 20.18.3+ and 22.13+ decode 'windows-1252' as ISO-8859-1 (nodejs/node#60888): bytes 0x80–0x9F
  // (€ ‘ ’ “ ” – — …) come out as invisible C1 controls, so they are mapped here.
  const text = new TextDecoder('windows-1252')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
  // Latin-1 decoding maps one byte to one character, so the byte offset is the character offset.
  // CR is a line break too (lineColumnAt counts \n only): a CRLF or CR file counts lines like parseCsv.
  const lined = text.replace(/\r\n?/g, (m) => (m.length === 2 ? ' \n' : '\n'));
  const at = lineColumnAt(lined, bad);
  const field = fieldAt(lined, bad, detectDelimiter(lined));
  const byte = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
  const message = `file is not valid UTF-8 (byte 0x${byte} at character ${at.column} of the line, in cell ${field}); read it as Windows-1252/Latin-1. Check accented letters, and save as "CSV UTF-8"`;
  return { text, findings: warn(at.line, field, 'file.not-utf8', message) };
}
