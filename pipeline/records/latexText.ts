/** Combining marks of LaTeX's accent commands (`\"u` → u + U+0308 → ü after NFC). */
const ACCENTS: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  c: '\u0327',
  k: '\u0328',
  r: '\u030A',
  d: '\u0323',
  b: '\u0331',
};

/** Commands that stand for a character (letters of other alphabets, escapes our own writer uses, Greek). */
const NAMED: Record<string, string> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  aa: 'å',
  AA: 'Å',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
  textbackslash: '\\',
  textasciitilde: '~',
  textasciicircum: '^',
  textendash: '–',
  textemdash: '—',
  textquoteright: '’',
  textquoteleft: '‘',
  textregistered: '®',
  texttrademark: '™',
  textdegree: '°',
  textpm: '±',
  pm: '±',
  times: '×',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  tau: 'τ',
  omega: 'ω',
  Delta: 'Δ',
};

// One pass, left to right, so that what a command becomes (a brace, a ~) is never read again:
// 1-3 a symbol accent (\"u, \"{u}, \'{\i}); 4-6 a letter accent (\c c, \v{s}); 7 a named command;
// 8 an escaped character; then --- and --, a tie ~, and the grouping braces and math $ dropped.
const LATEX =
  /\\(["'`^~=.])\s*(?:\{\s*(\\?[A-Za-z]?)\s*\}|(\\?[A-Za-z]))|\\([uvHckrdb])(?:\s*\{\s*(\\?[A-Za-z]?)\s*\}|\s+([A-Za-z]))|\\([A-Za-z]+)\s*(?:\{\})?|\\([&%$#_{}\\ ,;])|---|--|~|[{}$]/g;

/** The letter an accent sits on: a dotless \i or \j is the plain letter, which the accent then decorates. */
const baseLetter = (text: string) => (text === '\\i' ? 'i' : text === '\\j' ? 'j' : text.replace(/^\\/, ''));

/**
 * BibTeX field text → plain text: accents (`{\"u}`, `\'{e}`, `\c{c}`) to letters, named letters
 * (`{\ss}`, `\o`) and escapes (`\&`, `\textbackslash{}`) to their characters, `--`/`---` to dashes,
 * `~` to a space, formatting commands (`\emph`, `\textit`) dropped with their braces, an unknown command
 * dropped; then white space collapsed and the text composed (NFC).
 */
export function latexToText(text: string): string {
  return text
    .replace(LATEX, (whole, sym, symBraced, symBare, letter, letterBraced, letterBare, name, escaped) => {
      if (sym !== undefined) return baseLetter(symBraced ?? symBare ?? '') + ACCENTS[sym as string]!;
      if (letter !== undefined)
        return baseLetter(letterBraced ?? letterBare ?? '') + ACCENTS[letter as string]!;
      if (name !== undefined) return NAMED[name as string] ?? '';
      if (escaped !== undefined) return escaped === ',' || escaped === ';' ? ' ' : (escaped as string);
      if (whole === '---') return '—';
      if (whole === '--') return '–';
      if (whole === '~') return ' ';
      return '';
    })
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
}
