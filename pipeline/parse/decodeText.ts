import type { Finding } from '../types.ts';
import { lineColumnAt } from '../config/locateJsonPointer.ts';

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
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Bytes of a CSV file → text. UTF-8 (with or without BOM) is read silently; UTF-16 with a BOM (Excel's
 * "Unicode text") and bytes that are not UTF-8 (Latin-1 / Windows-1252, older Excel) are read with a
 * warning that says how, so a person can check accented letters.
 */
export function decodeText(bytes: Uint8Array, file: string): { text: string; findings: Finding[] } {
  const warn = (line: number, column: number, code: string, message: string): Finding[] => [
    { file, line, column, severity: 'warning', code, message },
  ];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), findings: [] };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = new TextDecoder(encoding).decode(bytes.subarray(2));
    const message = `file is ${encoding.toUpperCase()} with a byte-order mark (Excel "Unicode text"); read it as such. Save as "CSV UTF-8" to silence this`;
    return { text, findings: warn(0, 0, 'file.utf16', message) };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { text: new TextDecoder('utf-8').decode(bytes), findings: [] };
  const text = new TextDecoder('windows-1252').decode(bytes);
  // Latin-1 decoding maps one byte to one character, so the byte offset is the character offset.
  const at = lineColumnAt(text, bad);
  const byte = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
  const message = `file is not valid UTF-8 (byte 0x${byte} at character ${at.column}); read it as Windows-1252/Latin-1. Check accented letters, and save as "CSV UTF-8"`;
  return { text, findings: warn(at.line, 0, 'file.not-utf8', message) };
}
