import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../pipeline/parse/closestMatch.ts';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['same', 'same', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['ab', 'ba', 1],
    ['rigth', 'right', 1],
    ['titel', 'title', 1],
    ['abcd', 'badc', 2],
    ['femal', 'female', 1],
    ['colums', 'columns', 1],
    ['Male', 'male', 1],
  ])('%j ↔ %j = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closestMatch', () => {
  it.each<[string, string[], string | null]>([
    ['femal', ['female', 'male'], 'female'],
    ['FEMAL', ['female', 'male'], 'female'],
    ['fmale', ['male', 'female'], 'male'],
    ['colums', ['columns', 'roles'], 'columns'],
    ['statistcs', ['statistics', 'tests'], 'statistics'],
    ['Female', ['female'], 'female'],
    ['lft', ['left', 'right'], 'left'],
    // Two neighbouring letters swapped is one typo.
    ['rigth', ['right', 'left'], 'right'],
    ['titel', ['title', 'description'], 'title'],
    ['mael', ['female', 'male'], 'male'],
    ['ab', ['ac', 'xy'], 'ac'],
    ['a', ['ab'], 'ab'],
    // Too far: more than a third of the letters changed (at least one is always allowed).
    ['abcdef', ['abcxyz'], null],
    ['xyz', ['female', 'male'], null],
    ['anything', [], null],
    // A one-letter typo of a one-letter word keeps no letter: no hint.
    ['x', ['f', 'm', 'female'], null],
    ['?', ['f', 'm'], null],
    ['', ['a'], null],
  ])('%j among %j → %j', (text, candidates, expected) => {
    expect(closestMatch(text, candidates)).toBe(expected);
  });

  it('returns the candidate as spelled, and the first of equally close ones', () => {
    expect(closestMatch('femal', ['Female'])).toBe('Female');
    expect(closestMatch('cat', ['bat', 'hat'])).toBe('bat');
  });

  it('accepts any iterable of candidates', () => {
    expect(closestMatch('femal', new Set(['male', 'female']))).toBe('female');
    expect(closestMatch('femal', new Map([['female', 1]]).keys())).toBe('female');
  });
});
