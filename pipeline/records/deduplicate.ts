import type { Finding } from '../types.ts';
import { doiKey, pmidKey, surnameKey, titleKey } from './recordKeys.ts';
import type { IdentifiedRecord } from './searchRecord.ts';

/** Which rule linked two records: a reviewer's `same` in dedup.csv, or a rule of the automatic order. */
export type DuplicateRule = 'reviewer' | 'doi' | 'pmid' | 'title';
export const DUPLICATE_RULES: readonly DuplicateRule[] = ['reviewer', 'doi', 'pmid', 'title'];

/** A reviewer's decision on two records (a row of dedup.csv). */
export interface DedupDecision {
  record: string;
  duplicateOf: string;
  decision: 'same' | 'different';
  reason: string;
  /** Where it is written, for findings. */
  file: string;
  line: number;
}

/** `record` is a duplicate of `duplicateOf`, which it matched directly by `rule`. */
export interface DuplicateLink {
  record: string;
  duplicateOf: string;
  rule: DuplicateRule;
}

/** Two records that may be one and that no rule or decision settles. */
export interface PossibleDuplicate {
  record: string;
  other: string;
  /** Why the title rule did not settle it ("first authors differ: smith / jones"). */
  reason: string;
}

export interface Deduplication {
  /**
   * One link per record that is a duplicate, in record order. Each group of duplicates is a tree of
   * direct matches rooted at its first record (in input order), which is no one's duplicate; a link
   * points to the record its record was matched with, so its rule is the rule of that match.
   */
  links: DuplicateLink[];
  /** The first record of each record's group (a record alone is its own), by record id. */
  groupOf: Map<string, string>;
  possible: PossibleDuplicate[];
  findings: Finding[];
}

/**
 * De-duplication that links and never deletes. In order: a reviewer's `same` decisions; the DOI
 * (doiKey); the PMID; the title (titleKey) with years at most one apart and the same first-author
 * surname (surnameKey). Two groups are never joined by a rule when one holds a DOI (PMID) and the other
 * holds DOIs (PMIDs) none of which is the first's, or when a reviewer said `different` of a record in
 * each. Records are grouped by key (a map per key), so the cost grows with the records, not their
 * pairs; only records sharing a title key are compared pairwise.
 *
 * A pair with one title key that stays apart although no identifier tells them apart (a year missing
 * or more than one apart, first authors differ or missing), or with one DOI and different PMIDs, is a
 * possible duplicate: a warning at the later record, until dedup.csv decides it either way.
 */
export function deduplicate(
  records: readonly IdentifiedRecord[],
  decisions: readonly DedupDecision[] = [],
): Deduplication {
  const n = records.length;
  const index = new Map<string, number>();
  records.forEach((r, i) => index.set(r.id, i));
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // Keys once per record; identifiers held by each group (at its root), for the never-merge rule.
  const doiKeys = records.map((r) => doiKey(r.doi));
  const pmidKeys = records.map((r) => pmidKey(r.pmid));
  const dois: Array<string[] | null> = doiKeys.map((k) => (k ? [k] : null));
  const pmids: Array<string[] | null> = pmidKeys.map((k) => (k ? [k] : null));
  const disjoint = (a: string[] | null, b: string[] | null) => !!a && !!b && !a.some((x) => b.includes(x));
  const different = decisions
    .filter((d) => d.decision === 'different' && index.has(d.record) && index.has(d.duplicateOf))
    .map((d) => [index.get(d.record)!, index.get(d.duplicateOf)!] as const);
  const rejected = (ra: number, rb: number) =>
    different.some(([x, y]) => {
      const fx = find(x);
      const fy = find(y);
      return (fx === ra && fy === rb) || (fx === rb && fy === ra);
    });
  /** Why the groups of a and b may not be joined by a rule, or null. */
  const blocker = (ra: number, rb: number): 'doi' | 'pmid' | 'reviewer' | null =>
    disjoint(dois[ra]!, dois[rb]!)
      ? 'doi'
      : disjoint(pmids[ra]!, pmids[rb]!)
        ? 'pmid'
        : different.length > 0 && rejected(ra, rb)
          ? 'reviewer'
          : null;
  const merge = (into: Array<string[] | null>, root: number, child: number) => {
    const b = into[child];
    if (!b) return;
    const a = into[root];
    if (!a) into[root] = b;
    else for (const x of b) if (!a.includes(x)) a.push(x);
  };
  const edges: Array<{ a: number; b: number; rule: DuplicateRule }> = [];
  /** Join the groups of a and b; false when they are one already or may not be joined. */
  const join = (a: number, b: number, rule: DuplicateRule, force = false): boolean => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb || (!force && blocker(ra, rb) !== null)) return false;
    // The lower index stays root, so a group's root is its first record.
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    parent[child] = root;
    merge(dois, root, child);
    merge(pmids, root, child);
    edges.push({ a, b, rule });
    return true;
  };

  for (const d of decisions) {
    const a = index.get(d.record);
    const b = index.get(d.duplicateOf);
    if (d.decision === 'same' && a !== undefined && b !== undefined) join(a, b, 'reviewer', true);
  }

  const possible: PossibleDuplicate[] = [];
  const possibleSeen = new Set<string>();
  const maybe = (a: number, b: number, reason: string) => {
    const [x, y] = a < b ? [a, b] : [b, a];
    const key = `${x} ${y}`;
    if (possibleSeen.has(key)) return;
    possibleSeen.add(key);
    possible.push({ record: records[y]!.id, other: records[x]!.id, reason });
  };

  // Identifier rules: each record joins the first record of its key; a join refused because the
  // other identifier differs is a contradiction a reviewer should see.
  const byKey = (keys: readonly string[], rule: 'doi' | 'pmid', other: 'PMIDs' | 'DOIs') => {
    const first = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      if (k === '') continue;
      const f = first.get(k);
      if (f === undefined) first.set(k, i);
      else if (!join(f, i, rule) && find(f) !== find(i) && blocker(find(f), find(i)) !== 'reviewer')
        maybe(f, i, `same ${rule.toUpperCase()} but different ${other}`);
    }
  };
  byKey(doiKeys, 'doi', 'PMIDs');
  byKey(pmidKeys, 'pmid', 'DOIs');

  // Title rule, within blocks of one title key.
  const blocks = new Map<string, number[]>();
  const surnames: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const k = titleKey(records[i]!.title);
    if (k === '') continue;
    const block = blocks.get(k);
    if (block) block.push(i);
    else blocks.set(k, [i]);
  }
  const flagged = new Set<number>();
  for (const block of blocks.values()) {
    if (block.length < 2) continue;
    for (const i of block) surnames[i] ??= surnameKey(records[i]!.authors);
    for (let x = 0; x < block.length; x++) {
      for (let y = x + 1; y < block.length; y++) {
        const a = block[x]!;
        const b = block[y]!;
        const ra = find(a);
        const rb = find(b);
        if (ra === rb) continue;
        const blocked = blocker(ra, rb);
        if (blocked !== null) continue; // different identifiers, or a reviewer's "different": settled
        const why = titleRuleFails(records[a]!, records[b]!, surnames[a]!, surnames[b]!);
        if (why === null) join(a, b, 'title');
        // One possible duplicate per later record and title: a title shared by hundreds ("Erratum")
        // gives as many warnings as records, not one per pair.
        else if (!flagged.has(b)) {
          flagged.add(b);
          maybe(a, b, why);
        }
      }
    }
  }

  // Pairs found possible before a later rule joined them are settled after all.
  const unsettled = possible.filter((p) => find(index.get(p.record)!) !== find(index.get(p.other)!));
  return {
    links: treeLinks(records, edges, find),
    groupOf: new Map(records.map((r, i) => [r.id, records[find(i)]!.id])),
    possible: unsettled,
    findings: unsettled.map((p) =>
      possibleFinding(p, records[index.get(p.record)!]!, records[index.get(p.other)!]!),
    ),
  };
}

/** Why two records with one title key are not one by the title rule, or null when they are. */
function titleRuleFails(
  a: IdentifiedRecord,
  b: IdentifiedRecord,
  surnameA: string,
  surnameB: string,
): string | null {
  if (a.year === '' || b.year === '') return 'same title, a year missing';
  if (Math.abs(Number(a.year) - Number(b.year)) > 1) return `same title, years ${a.year} and ${b.year}`;
  if (surnameA === '' || surnameB === '') return 'same title, a first author missing';
  if (surnameA !== surnameB) return `same title, first authors differ (${surnameA} / ${surnameB})`;
  return null;
}

/** The join edges as links toward each group's first record (a walk of each tree from its root). */
function treeLinks(
  records: readonly IdentifiedRecord[],
  edges: ReadonlyArray<{ a: number; b: number; rule: DuplicateRule }>,
  find: (i: number) => number,
): DuplicateLink[] {
  const next: Array<Array<{ to: number; rule: DuplicateRule }> | undefined> = new Array(records.length);
  const add = (from: number, to: number, rule: DuplicateRule) => (next[from] ??= []).push({ to, rule });
  for (const { a, b, rule } of edges) {
    add(a, b, rule);
    add(b, a, rule);
  }
  const linkOf = new Map<number, DuplicateLink>();
  for (let start = 0; start < records.length; start++) {
    if (next[start] === undefined || find(start) !== start) continue; // walk from roots only
    const queue = [start];
    const seen = new Set(queue);
    for (let q = 0; q < queue.length; q++) {
      const at = queue[q]!;
      for (const { to, rule } of next[at]!) {
        if (seen.has(to)) continue;
        seen.add(to);
        linkOf.set(to, { record: records[to]!.id, duplicateOf: records[at]!.id, rule });
        queue.push(to);
      }
    }
  }
  return [...linkOf.entries()].sort((x, y) => x[0] - y[0]).map(([, link]) => link);
}

function possibleFinding(p: PossibleDuplicate, record: IdentifiedRecord, other: IdentifiedRecord): Finding {
  return {
    file: record.file,
    line: record.line,
    column: 0,
    severity: 'warning',
    code: 'records.possible-duplicate',
    message: `possible duplicate: record ${record.id} and ${other.id} (${other.file}:${other.line}) have ${p.reason}; no rule settles it. Say "same" or "different" in dedup.csv (record,duplicate_of,decision,reason)`,
  };
}
