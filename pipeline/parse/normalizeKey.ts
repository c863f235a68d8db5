/**
 * The form in which typed text is compared with vocabulary terms: case, surrounding spaces, and the
 * choice between space, underscore and hyphen do not matter (`Right-sided` = `right_sided` = `right sided`).
 */
export function normalizeKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[\s_-]+/g, ' ')
    .trim();
}
