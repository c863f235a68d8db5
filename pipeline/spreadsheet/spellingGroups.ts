import { editDistance } from '../parse/closestMatch.ts';
import { normalizeKey } from '../parse/normalizeKey.ts';

/*
 * The terms of a category or list column, from the spellings a spreadsheet holds: `L`, `left`, `Lt.`
 * and `LEFT` are one term. Spellings are grouped when they differ only in case, spaces or punctuation,
 * or when they are common abbreviations of one word (F/female/woman) in a column whose cells are
 * mostly that kind of word (so `M` is male in a sex column, and stays `M` elsewhere). Spellings that
 * are only alike (`lung` and `lungs`, a typo) are left separate and listed for the user to decide.
 */

/** A kind of column and its words: each concept (a term) with the spellings that mean it. */
interface Family {
  name: string;
  concepts: Record<string, readonly string[]>;
}

const FAMILIES: readonly Family[] = [
  {
    name: 'sex',
    concepts: {
      female: ['f', 'female', 'woman', 'women', 'fem', 'w', 'girl'],
      male: ['m', 'male', 'man', 'men', 'boy'],
    },
  },
  {
    name: 'side',
    concepts: {
      left: ['l', 'lt', 'left', 'left sided', 'lft', 'sin', 'links'],
      right: ['r', 'rt', 'right', 'right sided', 'rgt', 'dx'],
      bilateral: ['bilateral', 'both', 'bilat', 'b/l', 'bil', 'both sides'],
    },
  },
  {
    name: 'yes/no',
    concepts: {
      yes: ['y', 'yes', 'done', 'performed', 'given', 'true'],
      no: ['n', 'no', 'not done', 'not performed', 'not given', 'false'],
    },
  },
  {
    name: 'vital status',
    concepts: {
      // NED (no evidence of disease) and AWD (alive with disease) are alive: what they say of the disease
      // is more than vital status, and the report lists them among the spellings grouped.
      alive: [
        'alive',
        'living',
        'a',
        'alive at last follow up',
        'survived',
        'surviving',
        'ned',
        'awd',
        'alive with disease',
        'no evidence of disease',
      ],
      dead: ['dead', 'died', 'deceased', 'death', 'expired', 'd', 'dod', 'doc', 'died of disease'],
    },
  },
];

/**
 * Spellings that look like a concept of a family but may not be it: lost to follow-up says neither
 * alive nor dead at the end; kept as a term of its own and listed, the user decides.
 */
const NEAR_CONCEPTS: Record<string, { family: string; concept: string; meaning: string }> = {
  ltfu: { family: 'vital status', concept: 'alive', meaning: 'lost to follow-up' },
  'lost to follow up': { family: 'vital status', concept: 'alive', meaning: 'lost to follow-up' },
};

/** Spellings (spellingKey) that say a patient died, and that one was alive: survival's event and censoring. */
export const DEATH_WORDS: ReadonlySet<string> = new Set(
  FAMILIES.find((f) => f.name === 'vital status')!.concepts.dead,
);
export const ALIVE_WORDS: ReadonlySet<string> = new Set(
  FAMILIES.find((f) => f.name === 'vital status')!.concepts.alive,
);

/** The key spellings are grouped by: normalizeKey, without dots, commas and the like (`Lt.` = `lt`). */
export function spellingKey(text: string): string {
  return normalizeKey(text)
    .replace(/[.,:;!'"()[\]]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One term: its label, the spellings it was written in (as typed), and how many cells. */
export interface SpellingGroup {
  label: string;
  /** The family concept it was grouped under (`female`), if any. */
  concept?: string;
  /** Distinct spellings as typed (trimmed, inner spaces folded), most frequent first. */
  spellings: string[];
  count: number;
}

/** Two groups that may be one term, left separate. */
export interface AmbiguousPair {
  a: string;
  b: string;
  why: string;
}

export interface GroupedSpellings {
  groups: SpellingGroup[];
  /** The family the column's words are of (`sex`), when most of its cells are. */
  family: string | null;
  ambiguous: AmbiguousPair[];
}

const familyConcept = new Map<string, Map<string, string>>(
  FAMILIES.map((f) => [
    f.name,
    new Map(Object.entries(f.concepts).flatMap(([concept, keys]) => keys.map((k) => [k, concept] as const))),
  ]),
);

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Groups the spellings of a column (each cell or list item as typed, one entry per occurrence) into
 * terms. Order: most frequent first, ties in order of first appearance.
 */
export function groupSpellings(values: readonly string[]): GroupedSpellings {
  // Spellings by key, counted, in order of appearance.
  const byKey = new Map<string, Map<string, number>>();
  for (const raw of values) {
    const typed = raw.trim().replace(/\s+/g, ' ');
    if (typed === '') continue;
    const key = spellingKey(typed);
    let spellings = byKey.get(key);
    if (spellings === undefined) byKey.set(key, (spellings = new Map()));
    spellings.set(typed, (spellings.get(typed) ?? 0) + 1);
  }
  const cellsOf = (key: string) => [...byKey.get(key)!.values()].reduce((a, b) => a + b, 0);
  const total = [...byKey.keys()].reduce((sum, key) => sum + cellsOf(key), 0);
  // The family most of the cells belong to (at least half of them), if any.
  let family: string | null = null;
  let best = 0;
  for (const f of FAMILIES) {
    const concepts = familyConcept.get(f.name)!;
    const inFamily = [...byKey.keys()].filter((k) => concepts.has(k)).reduce((s, k) => s + cellsOf(k), 0);
    if (inFamily > best && inFamily * 2 >= total) {
      family = f.name;
      best = inFamily;
    }
  }
  const concepts = family === null ? undefined : familyConcept.get(family);
  // Keys → group: by concept inside the family, else by key alone.
  const groupOf = new Map<string, { concept?: string; keys: string[] }>();
  for (const key of byKey.keys()) {
    const concept = concepts?.get(key);
    const id = concept === undefined ? `key:${key}` : `concept:${concept}`;
    const group = groupOf.get(id);
    if (group) group.keys.push(key);
    else groupOf.set(id, { concept, keys: [key] });
  }
  const groups: SpellingGroup[] = [...groupOf.values()].map(({ concept, keys }) => {
    const spellings = new Map<string, number>();
    for (const key of keys)
      for (const [s, n] of byKey.get(key)!) spellings.set(s, (spellings.get(s) ?? 0) + n);
    const ordered = [...spellings].sort((x, y) => y[1] - x[1]).map(([s]) => s);
    const count = [...spellings.values()].reduce((a, b) => a + b, 0);
    // A family's word is the label (Female, not F); else the commonest spelling as typed.
    const label = concept !== undefined ? capitalised(concept) : ordered[0]!;
    return { label, concept, spellings: ordered, count };
  });
  groups.sort((x, y) => y.count - x.count);
  return { groups, family, ambiguous: ambiguousPairs(groups, family) };
}

/** Pairs of groups that may be one term: a typo apart, a plural, or a near concept (NED and alive). */
function ambiguousPairs(groups: readonly SpellingGroup[], family: string | null): AmbiguousPair[] {
  const pairs: AmbiguousPair[] = [];
  const keyOf = (g: SpellingGroup) => spellingKey(g.label);
  for (let i = 0; i < groups.length; i++) {
    const a = groups[i]!;
    const near = NEAR_CONCEPTS[keyOf(a)];
    if (near && near.family === family) {
      const b = groups.find((g) => g.concept === near.concept);
      pairs.push({
        a: a.label,
        b: b?.label ?? capitalised(near.concept),
        why: `"${a.label}" (${near.meaning}) is kept as a term of its own: is it ${near.concept}?`,
      });
    }
    for (let j = i + 1; j < groups.length; j++) {
      const b = groups[j]!;
      if (a.concept !== undefined && b.concept !== undefined) continue;
      const [ka, kb] = [keyOf(a), keyOf(b)];
      // "none" says nothing is there: never a typo of a term ("bone").
      if (ka === 'none' || kb === 'none') continue;
      const plural = ka === `${kb}s` || kb === `${ka}s`;
      const typo = Math.min(ka.length, kb.length) >= 4 && editDistance(ka, kb) <= 1;
      if (plural || typo)
        pairs.push({
          a: a.label,
          b: b.label,
          why: plural ? 'singular and plural' : 'one letter apart (a typo?)',
        });
    }
  }
  return pairs;
}

/** A term id from its label: lower case, letters and digits joined by `_` (cohort.json's id pattern). */
export function termId(label: string): string {
  return normalizeKey(label)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
