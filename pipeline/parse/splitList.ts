/** The items of a list cell (`abdominal pain; back pain`), trimmed, empty items dropped. */
export function splitList(text: string, separator = ';'): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
