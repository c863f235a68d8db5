import type { Vocabulary } from '../types.ts';
import { closestMatch } from './closestMatch.ts';
import { normalizeKey } from './normalizeKey.ts';
import { parsed, rejected, type ParseResult } from './parseResult.ts';
import { excerpt } from './excerpt.ts';

/** A vocabulary made ready for lookups: every spelling of every term, and compiled patterns. */
export interface VocabularyIndex {
  name: string;
  byKey: Map<string, string>;
  patterns: Array<{ term: string; regex: RegExp }>;
  termIds: string[];
}

export function vocabularyIndex(name: string, vocabulary: Vocabulary): VocabularyIndex {
  const byKey = new Map<string, string>();
  const patterns: VocabularyIndex['patterns'] = [];
  for (const term of vocabulary.terms) {
    for (const spelling of [term.id, term.label, ...(term.synonyms ?? [])]) {
      const key = normalizeKey(spelling);
      // The first term to claim a spelling keeps it; the config check reports the clash.
      if (!byKey.has(key)) byKey.set(key, term.id);
    }
    for (const p of term.patterns ?? []) patterns.push({ term: term.id, regex: new RegExp(p, 'i') });
  }
  return { name, byKey, patterns, termIds: vocabulary.terms.map((t) => t.id) };
}

/** The term a typed value stands for, or a sentence with a "did you mean" hint. */
export function matchTerm(text: string, index: VocabularyIndex): ParseResult<string> {
  const key = normalizeKey(text);
  const term = index.byKey.get(key);
  if (term !== undefined) return parsed(term);
  const near = closestMatch(key, index.byKey.keys());
  const hint = near ? `; did you mean "${near}"?` : `; known terms: ${index.termIds.join(', ')}`;
  return rejected(`"${excerpt(text)}" is not a known ${index.name} term${hint}`);
}

/** Every term one of whose patterns (or spellings) recognises the token, in vocabulary order. */
export function matchPatterns(token: string, index: VocabularyIndex): string[] {
  const exact = index.byKey.get(normalizeKey(token));
  const found = new Set<string>(exact ? [exact] : []);
  for (const { term, regex } of index.patterns) if (regex.test(token.trim())) found.add(term);
  return index.termIds.filter((t) => found.has(t));
}
