import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backtrackingRisk } from '../../pipeline/config/backtrackingRisk.ts';

describe('backtrackingRisk', () => {
  it.each([
    '^(a+)+$',
    '(a+)+',
    '(a*)*b',
    '(.*)*',
    '(\\w+\\s?)+$',
    '(?:a{2,})*x',
    '(a?b?)*c',
    '((ab)+c)*',
    '(a+){11}',
    '(a+){1,10}',
    '(\\s*x){2}',
    '(?<word>\\w+,?)+',
    '(?=(a+)+)b',
    '(a+)+?',
    '([a-z]+\\d?)*!',
  ])('refuses a repetition inside a repetition: %s', (pattern) => {
    expect(backtrackingRisk(pattern)).toMatch(/repeated part holds another repetition/);
  });

  it.each([
    '(a|a)*',
    '(a|ab)+$',
    '(\\w|\\d)*x',
    '(x|)*y',
    '(.|\\s)*',
    '(?:cat|car)+',
    '(A|a)+b',
    '([a-c]|[c-e])*',
    '(\\s|\\u00a0)+',
    '([^x]|y)+',
    '(?:\\x41|A)+',
    '(T|Th){1,2}',
  ])('refuses a repeated alternation whose branches overlap: %s', (pattern) => {
    expect(backtrackingRisk(pattern)).toMatch(/repeated alternation/);
  });

  it.each([
    'cervic',
    '(^|[-–—\\s/,])C\\d\\b',
    '(^|[-–—\\s/,])(T|Th|D)\\d{1,2}\\b',
    '^\\s*lymph\\s+nodes?\\s*$',
    '\\d+\\s*(mm|cm)',
    '(a|b)+',
    '(?:cat|dog)*',
    '(ab){3}',
    '(a+)?',
    '(a|ab)?c',
    '[(+*]+',
    '\\(a+\\)+',
    'a{2,}b*c?',
    '(foo|bar)baz*',
    '[]a',
    '\\b(liver|lung)\\b',
  ])('accepts %s', (pattern) => {
    expect(backtrackingRisk(pattern)).toBeNull();
  });

  it('is case-aware: A and a overlap only under the i flag', () => {
    expect(backtrackingRisk('(A|a)+', 'i')).not.toBeNull();
    expect(backtrackingRisk('(A|a)+', '')).toBeNull();
  });

  it('accepts every pattern of the shipped cohorts', () => {
    for (const cohort of ['adrenal-lms', 'spinal-lms']) {
      const config = JSON.parse(
        readFileSync(new URL(`../../data/${cohort}/cohort.json`, import.meta.url), 'utf8'),
      ) as { vocabularies: Record<string, { terms: Array<{ patterns?: string[] }> }> };
      for (const vocabulary of Object.values(config.vocabularies))
        for (const term of vocabulary.terms)
          for (const p of term.patterns ?? []) expect(backtrackingRisk(p), p).toBeNull();
    }
  });
});
