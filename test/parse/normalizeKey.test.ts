import { describe, expect, it } from 'vitest';
import { normalizeKey } from '../../pipeline/parse/normalizeKey.ts';

describe('normalizeKey', () => {
  it.each([
    ['Right', 'right'],
    ['  Right-Sided ', 'right sided'],
    ['right_sided', 'right sided'],
    ['right sided', 'right sided'],
    ['right \t _- sided', 'right sided'],
    ['right\u2013sided', 'right sided'],
    ['right\u2014sided', 'right sided'],
    ['Ｒｉｇｈｔ', 'right'],
    ['ABDOMINAL_PAIN', 'abdominal pain'],
    ['-left-', 'left'],
    ['', ''],
  ])('%j → %j', (text, key) => {
    expect(normalizeKey(text)).toBe(key);
  });
});
