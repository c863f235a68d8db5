/**
 * A conservative static check for regular expressions that can backtrack catastrophically in a
 * backtracking engine such as V8's: `^(a+)+$` takes minutes on a line of 30 a's and a b. It refuses
 * two shapes, which cover the classic exponential cases:
 *
 * - a repeated part that itself holds a repetition, even an optional part: `(a+)+`, `(.*)*`,
 *   `(\w+\s?)+`, `(?:a{2,})*`, `(a?b?)*`;
 * - a repeated alternation whose branches can start with the same character, or match nothing:
 *   `(a|a)*`, `(a|ab)+`, `(\w|\d)*`, `(x|)*`.
 *
 * "Repeated" means an upper bound above one (`*`, `+`, `{2}`, `{1,10}`). The check
 * refuses some patterns that happen to be safe (`(ab+c)+`); every pattern it accepts is free of
 * those two shapes. Polynomial cases (`.*a.*b`) are not refused.
 */

/**
 * Even a small bound is not safe: `(a+){1,10}` can split a run of n a's in about n^10 ways. Only a
 * part that is matched at most once is exempt.
 */
const REPEAT_LIMIT = 1;
const MAX_CODE_POINT = 0x10ffff;

type Range = readonly [number, number];

type Node =
  | { kind: 'chars'; ranges: Range[] }
  | { kind: 'empty' } // anchors, \b, lookarounds, back-references: match no character of their own
  | { kind: 'group'; alternatives: Node[][] }
  | { kind: 'repeat'; body: Node; min: number; max: number };

const DIGIT: Range[] = [[0x30, 0x39]];
const WORD: Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const SPACE: Range[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const LINE_ENDS: Range[] = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];

function complement(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** With the `i` flag a letter range also matches the other case (ASCII letters suffice here). */
function withOtherCase(ranges: readonly Range[]): Range[] {
  const out = [...ranges];
  for (const [lo, hi] of ranges) {
    const upper: Range = [Math.max(lo, 0x41), Math.min(hi, 0x5a)];
    const lower: Range = [Math.max(lo, 0x61), Math.min(hi, 0x7a)];
    if (upper[0] <= upper[1]) out.push([upper[0] + 0x20, upper[1] + 0x20]);
    if (lower[0] <= lower[1]) out.push([lower[0] - 0x20, lower[1] - 0x20]);
  }
  return out;
}

const overlap = (a: readonly Range[], b: readonly Range[]) =>
  a.some(([lo, hi]) => b.some(([lo2, hi2]) => lo <= hi2 && lo2 <= hi));

/** Parses a pattern that `new RegExp(pattern)` accepts (no `u` flag) into the nodes above. */
class Parser {
  private i = 0;
  constructor(
    private readonly source: string,
    private readonly ignoreCase: boolean,
  ) {}

  parse(): Node {
    return this.alternation();
  }

  private peek(): string | undefined {
    return this.source[this.i];
  }

  private alternation(): Node {
    const alternatives: Node[][] = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      alternatives.push(this.sequence());
    }
    return { kind: 'group', alternatives };
  }

  private sequence(): Node[] {
    const nodes: Node[] = [];
    while (this.i < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      nodes.push(this.quantified(atom));
    }
    return nodes;
  }

  private quantified(atom: Node): Node {
    const c = this.peek();
    let bounds: [number, number] | null = null;
    if (c === '*') bounds = [0, Infinity];
    else if (c === '+') bounds = [1, Infinity];
    else if (c === '?') bounds = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.i));
      if (m) {
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        this.i += m[0].length - 1;
        bounds = [min, max];
      }
    }
    if (!bounds) return atom;
    this.i++;
    if (this.peek() === '?') this.i++; // lazy: the same backtracking, in another order
    return this.quantified({ kind: 'repeat', body: atom, min: bounds[0], max: bounds[1] });
  }

  private chars(ranges: Range[]): Node {
    return { kind: 'chars', ranges: this.ignoreCase ? withOtherCase(ranges) : ranges };
  }

  private atom(): Node {
    const c = this.source[this.i++]!;
    if (c === '(') {
      let lookaround = false;
      if (this.source.startsWith('?:', this.i)) this.i += 2;
      else if (/^\?<?[=!]/.test(this.source.slice(this.i, this.i + 3))) {
        lookaround = true;
        this.i += this.source[this.i + 1] === '<' ? 3 : 2;
      } else if (this.source.startsWith('?<', this.i)) this.i = this.source.indexOf('>', this.i) + 1;
      const inner = this.alternation();
      this.i++; // ')'
      // A lookaround consumes nothing, but a repetition inside it can still backtrack: keep it.
      return lookaround ? { kind: 'group', alternatives: [[inner], []] } : inner;
    }
    if (c === '[') return this.chars(this.charClass());
    if (c === '.') return this.chars(complement(LINE_ENDS));
    if (c === '^' || c === '$') return { kind: 'empty' };
    if (c === '\\') return this.escape();
    const code = c.charCodeAt(0);
    return this.chars([[code, code]]);
  }

  /** After a backslash, outside a class. */
  private escape(): Node {
    const c = this.source[this.i]!;
    if (c === 'b' || c === 'B') {
      this.i++;
      return { kind: 'empty' };
    }
    if (/[1-9]/.test(c) || (c === 'k' && this.source[this.i + 1] === '<')) {
      // A back-reference matches what its group matched: count it as any character, repeatable.
      this.i =
        c === 'k'
          ? this.source.indexOf('>', this.i) + 1
          : this.i + /^\d+/.exec(this.source.slice(this.i))![0].length;
      return { kind: 'repeat', body: this.chars([[0, MAX_CODE_POINT]]), min: 0, max: Infinity };
    }
    return this.chars(this.escapedRanges());
  }

  /** The ranges of an escape (`\d`, `\x41`, `\.`) whose backslash has been read. */
  private escapedRanges(): Range[] {
    const c = this.source[this.i++]!;
    const classes: Record<string, Range[]> = {
      d: DIGIT,
      D: complement(DIGIT),
      w: WORD,
      W: complement(WORD),
      s: SPACE,
      S: complement(SPACE),
    };
    if (c in classes) return classes[c]!;
    const controls: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };
    if (c in controls) return [[controls[c]!, controls[c]!]];
    const hex = c === 'x' ? /^[0-9a-fA-F]{2}/ : c === 'u' ? /^[0-9a-fA-F]{4}/ : null;
    const digits = hex?.exec(this.source.slice(this.i));
    if (digits) {
      this.i += digits[0].length;
      const code = parseInt(digits[0], 16);
      return [[code, code]];
    }
    if (c === 'c' && /[a-zA-Z]/.test(this.source[this.i] ?? '')) {
      const code = this.source.charCodeAt(this.i++) % 32;
      return [[code, code]];
    }
    const code = c.charCodeAt(0);
    return [[code, code]];
  }

  /** `[...]` after its `[`, up to and including `]`. */
  private charClass(): Range[] {
    const negated = this.peek() === '^';
    if (negated) this.i++;
    const ranges: Range[] = [];
    // `[]` is an empty class in JavaScript (and `[^]` any character): a `]` first closes it too.
    while (this.i < this.source.length && this.peek() !== ']') {
      const start = this.classAtom();
      if (
        this.peek() === '-' &&
        this.source[this.i + 1] !== ']' &&
        start.length === 1 &&
        start[0]![0] === start[0]![1]
      ) {
        const save = this.i;
        this.i++;
        const end = this.classAtom();
        if (end.length === 1 && end[0]![0] === end[0]![1]) {
          ranges.push([start[0]![0], end[0]![0]]);
          continue;
        }
        this.i = save;
      }
      ranges.push(...start);
    }
    this.i++; // ']'
    return negated ? complement(ranges) : ranges;
  }

  private classAtom(): Range[] {
    const c = this.source[this.i++]!;
    if (c !== '\\') {
      const code = c.charCodeAt(0);
      return [[code, code]];
    }
    if (this.peek() === 'b') {
      this.i++;
      return [[8, 8]];
    }
    return this.escapedRanges();
  }
}

/** Can the node match the empty string? */
function canBeEmpty(node: Node): boolean {
  switch (node.kind) {
    case 'chars':
      return false;
    case 'empty':
      return true;
    case 'group':
      return node.alternatives.some((seq) => seq.every(canBeEmpty));
    case 'repeat':
      return node.min === 0 || canBeEmpty(node.body);
  }
}

/** The characters a match of the sequence can start with. */
function firstChars(seq: readonly Node[]): Range[] {
  const out: Range[] = [];
  for (const node of seq) {
    out.push(...firstOf(node));
    if (!canBeEmpty(node)) break;
  }
  return out;
}

function firstOf(node: Node): Range[] {
  switch (node.kind) {
    case 'chars':
      return node.ranges;
    case 'empty':
      return [];
    case 'group':
      return node.alternatives.flatMap(firstChars);
    case 'repeat':
      return firstOf(node.body);
  }
}

const repeats = (node: Node) => node.kind === 'repeat' && node.max > REPEAT_LIMIT;

/**
 * Does the node contain (at any depth, itself included) a part that can match a varying number of
 * times? Even `?` counts: `(a?b?)*` splits "abab" in many ways.
 */
function containsRepeat(node: Node): boolean {
  if (node.kind === 'repeat') return node.min !== node.max || containsRepeat(node.body);
  if (node.kind === 'group') return node.alternatives.some((seq) => seq.some(containsRepeat));
  return false;
}

/** Alternations in the node (not inside a nested repetition, which is checked on its own). */
function ambiguousAlternation(node: Node): boolean {
  if (node.kind !== 'group') return false;
  if (node.alternatives.length > 1) {
    const starts = node.alternatives.map(firstChars);
    const empty = node.alternatives.some((seq) => seq.every(canBeEmpty));
    if (empty) return true;
    for (let a = 0; a < starts.length; a++)
      for (let b = a + 1; b < starts.length; b++) if (overlap(starts[a]!, starts[b]!)) return true;
  }
  return node.alternatives.some((seq) => seq.some(ambiguousAlternation));
}

/** The first risky repetition found, described; null when the pattern has none. */
function findRisk(node: Node): string | null {
  if (repeats(node) && node.kind === 'repeat') {
    if (containsRepeat(node.body)) return 'a repeated part holds another repetition, as in (a+)+';
    if (ambiguousAlternation(node.body))
      return 'a repeated alternation has branches that can match the same text, as in (a|ab)*';
  }
  if (node.kind === 'repeat') return findRisk(node.body);
  if (node.kind === 'group') {
    for (const seq of node.alternatives)
      for (const child of seq) {
        const risk = findRisk(child);
        if (risk) return risk;
      }
  }
  return null;
}

/**
 * Why the pattern can take exponential time on a line that nearly matches, or null when it has
 * neither risky shape. `pattern` must already compile (`new RegExp(pattern, flags)`).
 */
export function backtrackingRisk(pattern: string, flags = 'i'): string | null {
  return findRisk(new Parser(pattern, flags.includes('i')).parse());
}
