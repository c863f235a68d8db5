/**
 * The items of a list cell (`abdominal pain; back pain`), trimmed, empty items dropped. With several
 * separators (`[";", ","]`, a spreadsheet that used both), any of them separates items.
 */
export function splitList(text: string, separator: string | readonly string[] = ';'): string[] {
  let parts: string[];
  if (typeof separator === 'string') parts = text.split(separator);
  else {
    parts = [text];
    for (const s of separator) parts = parts.flatMap((part) => part.split(s));
  }
  return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}
