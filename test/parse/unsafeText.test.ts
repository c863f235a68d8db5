import { describe, expect, it } from 'vitest';
import {
  describeCharacter,
  hasUnsafeText,
  stripUnsafeText,
  unsafeCharacters,
} from '../../pipeline/parse/unsafeText.ts';

describe('stripUnsafeText', () => {
  it.each([
    ['a C0 control', 'SYN\u0001-02', 'SYN-02'],
    ['NUL and escape', '\u0000x\u001b[31my', 'x[31my'],
    ['vertical tab and form feed', 'a\u000bb\u000cc', 'abc'],
    ['DEL and C1 controls', 'a\u007fb\u0085c\u009fd', 'abcd'],
    ['the non-characters U+FFFE and U+FFFF', 'a\ufffeb\uffffc', 'abc'],
    ['a lone high surrogate', 'a\ud800b', 'ab'],
    ['a lone low surrogate', 'a\udc00b', 'ab'],
    ['a lone high surrogate at the end', 'ab\ud83d', 'ab'],
    ['line and paragraph separators, which become spaces', 'a\u2028b\u2029c', 'a b c'],
    ['zero-width spaces, joiners and the word joiner', 'S\u200bY\u200cN\u200d-\u20600', 'SYN-0'],
    ['a byte-order mark inside a text', 'SYN\ufeff-01', 'SYN-01'],
    ['bidirectional embeddings and overrides', '\u202aa\u202bb\u202cc\u202dd\u202ee', 'abcde'],
    ['bidirectional isolates', '\u2066a\u2067b\u2068c\u2069', 'abc'],
  ])('removes %s', (_, input, expected) => {
    expect(hasUnsafeText(input)).toBe(true);
    expect(stripUnsafeText(input)).toBe(expected);
    expect(hasUnsafeText(stripUnsafeText(input))).toBe(false);
  });

  it.each([
    ['tab, line feed and carriage return', 'a\tb\nc\r\nd'],
    ['accents, dashes, euro sign and NBSP', 'Besançon – 5 € \u00a0x'],
    ['a surrogate pair (emoji)', 'ok 🙂 done'],
    ['U+FFFD, the replacement character', 'a\ufffdb'],
    [
      'the characters next to the zero-width and bidirectional ones',
      'a\u200a\u200e\u200f\u202f\u2061\u206a\ufefe\uff01b',
    ],
    ['markup, which escaping handles', '<script>"&\''],
  ])('keeps %s', (_, input) => {
    expect(hasUnsafeText(input)).toBe(false);
    expect(stripUnsafeText(input)).toBe(input);
  });

  it('is repeatable: no state carried between calls', () => {
    for (let k = 0; k < 3; k++) expect(stripUnsafeText('x\u0001y\u0002z')).toBe('xyz');
  });
});

describe('describeCharacter and unsafeCharacters', () => {
  it('names each character by code point, once, in order', () => {
    expect(unsafeCharacters('a\u0001b\u001b\u0001\u2028\ud800').map(describeCharacter)).toEqual([
      'U+0001 (control character)',
      'U+001B (escape)',
      'U+2028 (line separator)',
      'U+D800 (lone surrogate)',
    ]);
    expect(describeCharacter('\u0085')).toBe('U+0085 (C1 control character)');
    expect(describeCharacter('\u0000')).toBe('U+0000 (NUL)');
    expect(describeCharacter('\u200b')).toBe('U+200B (zero-width space)');
    expect(describeCharacter('\u202e')).toBe('U+202E (right-to-left override)');
  });
});
