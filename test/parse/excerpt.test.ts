import { describe, expect, it } from 'vitest';
import { EXCERPT_CHARS, excerpt } from '../../pipeline/parse/excerpt.ts';

describe('excerpt', () => {
  it('quotes a short value whole, trimmed', () => {
    expect(excerpt('  flank pian ')).toBe('flank pian');
    expect(excerpt('x'.repeat(EXCERPT_CHARS))).toBe('x'.repeat(EXCERPT_CHARS));
  });

  it('cuts a long value to its first characters and an ellipsis', () => {
    const quoted = excerpt('y'.repeat(EXCERPT_CHARS + 1));
    expect(quoted).toBe(`${'y'.repeat(EXCERPT_CHARS - 1)}…`);
    expect(quoted.length).toBe(EXCERPT_CHARS);
  });

  it('keeps a 50 MB value to the excerpt length', () => {
    const quoted = excerpt('z'.repeat(50 * 1024 * 1024));
    expect(quoted.length).toBe(EXCERPT_CHARS);
    expect(quoted.endsWith('…')).toBe(true);
  });

  it('drops control characters and terminal escapes', () => {
    expect(excerpt('a\u001b[2Jb\u0007c')).toBe('a[2Jbc');
  });

  it('never ends on half of a surrogate pair', () => {
    const quoted = excerpt(`${'a'.repeat(EXCERPT_CHARS - 2)}🙂🙂🙂`);
    expect(quoted).toBe(`${'a'.repeat(EXCERPT_CHARS - 2)}…`);
  });

  it('takes the length as a parameter', () => {
    expect(excerpt('abcdefgh', 5)).toBe('abcd…');
  });
});
