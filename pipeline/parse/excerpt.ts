import { stripUnsafeText } from './unsafeText.ts';

/** How much of a typed value a message quotes. */
export const EXCERPT_CHARS = 60;

/**
 * A value as a message quotes it: trimmed, without characters a terminal or page cannot show, and
 * cut to its first `max` characters plus `…`, so that a runaway cell (a 50 MB line) makes a short
 * message. The cut never splits a surrogate pair.
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const value = text.trim(); // V8 trims by slicing: a long cell is not copied
  // Only the head is cleaned: stripping a 50 MB cell to quote 60 characters of it would be waste.
  const head = stripUnsafeText(value.slice(0, 4 * max));
  if (value.length <= 4 * max && head.length <= max) return head;
  let end = Math.min(max - 1, head.length);
  const last = head.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${head.slice(0, end).trimEnd()}…`;
}
