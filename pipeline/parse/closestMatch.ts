/**
 * Edit distance between two short strings, counting an insertion, a deletion, a substitution or a
 * swap of two neighbouring letters as one edit (optimal string alignment): "rigth" is one typo of
 * "right", as a person sees it, not two.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let before = Array.from({ length: b.length + 1 }, () => 0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate a typo most likely meant, for "did you mean" hints; null when nothing is close
 * enough (at most a third of the word's letters changed, and at least one letter kept).
 */
export function closestMatch(text: string, candidates: Iterable<string>): string | null {
  const t = text.toLowerCase();
  const allowed = Math.max(1, Math.floor(Math.max(t.length, 3) / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // The distance is at least the difference in length, so such a candidate cannot be close enough;
    // skipping it also keeps a 10 MB header cell from costing 10 MB × length steps per candidate.
    const lower = c.toLowerCase();
    if (Math.abs(lower.length - t.length) > allowed) continue;
    const d = editDistance(t, lower);
    // A distance as long as the longer word means no letter is kept ("x" → "f"): not a near miss.
    if (d < bestDistance && d < Math.max(t.length, c.length)) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= allowed ? best : null;
}
