import { describe, expect, it } from 'vitest';
import { matchPatterns, matchTerm, vocabularyIndex } from '../../pipeline/parse/vocabularyIndex.ts';

const side = vocabularyIndex('side', {
  terms: [
    { id: 'right', label: 'Right', synonyms: ['rt', 'right-sided'] },
    { id: 'left', label: 'Left', synonyms: ['lt', 'left_sided'] },
    { id: 'bilateral', label: 'Both sides', synonyms: ['both'] },
  ],
});

const site = vocabularyIndex('metastatic site', {
  terms: [
    { id: 'lung', label: 'Lung', synonyms: ['pulmonary'], patterns: ['\\blungs?\\b', 'pulmon'] },
    { id: 'liver', label: 'Liver', patterns: ['hepat', '\\bliver\\b'] },
    { id: 'bone', label: 'Bone', synonyms: ['skeletal'], patterns: ['\\bbones?\\b', 'vertebra'] },
    { id: 'lymph_node', label: 'Lymph node' },
  ],
});

describe('vocabularyIndex', () => {
  it('indexes every spelling of every term under its normalised key, and keeps term order', () => {
    expect(side.termIds).toEqual(['right', 'left', 'bilateral']);
    expect(Object.fromEntries(side.byKey)).toEqual({
      right: 'right',
      rt: 'right',
      'right sided': 'right',
      left: 'left',
      lt: 'left',
      'left sided': 'left',
      bilateral: 'bilateral',
      'both sides': 'bilateral',
      both: 'bilateral',
    });
  });

  it('gives a spelling claimed by two terms to the first', () => {
    const index = vocabularyIndex('v', {
      terms: [
        { id: 'a', label: 'A', synonyms: ['shared'] },
        { id: 'b', label: 'B', synonyms: ['Shared'] },
      ],
    });
    expect(matchTerm('shared', index)).toEqual({ ok: true, value: 'a' });
  });

  it('compiles patterns case-insensitively', () => {
    expect(site.patterns.map((p) => [p.term, p.regex.flags])).toEqual([
      ['lung', 'i'],
      ['lung', 'i'],
      ['liver', 'i'],
      ['liver', 'i'],
      ['bone', 'i'],
      ['bone', 'i'],
    ]);
  });
});

describe('matchTerm', () => {
  it.each([
    ['right', 'right'],
    ['RIGHT', 'right'],
    ['  Right ', 'right'],
    ['Rt', 'right'],
    ['Right-Sided', 'right'],
    ['right_sided', 'right'],
    ['right sided', 'right'],
    ['right  sided', 'right'],
    ['right\u2013sided', 'right'],
    ['left-sided', 'left'],
    ['Left Sided', 'left'],
    ['Both Sides', 'bilateral'],
    ['both_sides', 'bilateral'],
    ['BOTH', 'bilateral'],
    ['bilateral', 'bilateral'],
  ])('reads %j as %j', (text, term) => {
    expect(matchTerm(text, side)).toEqual({ ok: true, value: term });
  });

  it.each([
    ['lft', '"lft" is not a known side term; did you mean "left"?'],
    [' lefft ', '"lefft" is not a known side term; did you mean "left"?'],
    ['bilaterl', '"bilaterl" is not a known side term; did you mean "bilateral"?'],
    ['Right Sidde', '"Right Sidde" is not a known side term; did you mean "right sided"?'],
    ['xyz', '"xyz" is not a known side term; known terms: right, left, bilateral'],
    ['middle', '"middle" is not a known side term; known terms: right, left, bilateral'],
  ])('rejects %j with a hint', (text, message) => {
    expect(matchTerm(text, side)).toEqual({ ok: false, message });
  });
});

describe('matchTerm with one-letter synonyms', () => {
  const sex = vocabularyIndex('sex', {
    terms: [
      { id: 'female', label: 'Female', synonyms: ['f', 'w'] },
      { id: 'male', label: 'Male', synonyms: ['m'] },
    ],
  });

  it.each([
    ['F', { ok: true, value: 'female' }],
    ['W', { ok: true, value: 'female' }],
    ['m', { ok: true, value: 'male' }],
    ['femal', { ok: false, message: '"femal" is not a known sex term; did you mean "female"?' }],
    // One letter for another keeps nothing of the word: list the terms rather than guess "f".
    ['x', { ok: false, message: '"x" is not a known sex term; known terms: female, male' }],
    ['?', { ok: false, message: '"?" is not a known sex term; known terms: female, male' }],
  ])('%j → %j', (text, result) => {
    expect(matchTerm(text, sex)).toEqual(result);
  });
});

describe('matchPatterns', () => {
  it.each([
    ['lung', ['lung']],
    ['Lungs', ['lung']],
    ['pulmonary nodules', ['lung']],
    ['Pulmonary', ['lung']],
    ['skeletal', ['bone']],
    ['lymph_node', ['lymph_node']],
    ['Lymph-Node', ['lymph_node']],
    ['vertebral', ['bone']],
    ['hepatic and pulmonary', ['lung', 'liver']],
    ['bone, liver and lung', ['lung', 'liver', 'bone']],
    ['  liver  ', ['liver']],
    ['brain', []],
    ['lymph nodes', []],
    ['lunge', []],
  ])('finds the terms in %j: %j (in vocabulary order)', (token, terms) => {
    expect(matchPatterns(token, site)).toEqual(terms);
  });

  it('matches exact spellings in a vocabulary without patterns', () => {
    expect(matchPatterns('Both Sides', side)).toEqual(['bilateral']);
    expect(matchPatterns('right and left', side)).toEqual([]);
  });
});
