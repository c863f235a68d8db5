/** Line and column (1-based) of a position in a text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where the value at a JSON Pointer (`/columns/3/type`) starts in the JSON text, so that a finding
 * about a config key can point at its line. Falls back to the deepest ancestor found.
 * Assumes the text is valid JSON (it has been parsed before).
 */
export function locateJsonPointer(text: string, pointer: string): { line: number; column: number } {
  const path = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = 0;
  const skipWs = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const skipValue = () => {
    skipWs();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      let depth = 0;
      while (i < text.length) {
        const d = text[i];
        if (d === '"') {
          skipString();
          continue;
        }
        if (d === '{' || d === '[') depth++;
        if (d === '}' || d === ']') depth--;
        i++;
        if (depth === 0) return;
      }
      return;
    }
    while (i < text.length && !/[,}\]\s]/.test(text[i]!)) i++;
  };
  skipWs();
  let found = i;
  for (const key of path) {
    skipWs();
    if (text[i] === '{') {
      i++;
      let hit = false;
      while (i < text.length) {
        skipWs();
        if (text[i] === '}') break;
        const start = i;
        skipString();
        const name = JSON.parse(text.slice(start, i)) as string;
        skipWs();
        i++; // colon
        skipWs();
        if (name === key) {
          hit = true;
          break;
        }
        skipValue();
        skipWs();
        if (text[i] === ',') i++;
      }
      if (!hit) break;
    } else if (text[i] === '[') {
      i++;
      const index = Number(key);
      let k = 0;
      skipWs();
      while (k < index && i < text.length && text[i] !== ']') {
        skipValue();
        skipWs();
        if (text[i] === ',') i++;
        skipWs();
        k++;
      }
      if (k !== index || text[i] === ']') break;
    } else break;
    skipWs();
    found = i;
  }
  return lineColumnAt(text, found);
}

/**
 * Offset at which a text stops being JSON: the first character that cannot continue it, or the
 * text's length when it ends too early. For texts JSON.parse rejects without saying where (V8's
 * "Unexpected token …" and "Unexpected end of JSON input").
 */
export function jsonSyntaxErrorOffset(text: string): number {
  let i = 0;
  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const skipWs = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    for (i++; i < text.length && text[i] !== '"'; i++) {
      if (text.charCodeAt(i) < 0x20) return false;
      if (text[i] !== '\\') continue;
      i++;
      if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 4;
      else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) return false;
    }
    if (i >= text.length) return false;
    i++;
    return true;
  };
  const value = (): boolean => {
    skipWs();
    const open = text[i];
    if (open === '{' || open === '[') {
      const close = open === '{' ? '}' : ']';
      i++;
      skipWs();
      if (text[i] === close) return ++i > 0;
      for (;;) {
        if (open === '{') {
          skipWs();
          if (!string()) return false;
          skipWs();
          if (text[i] !== ':') return false;
          i++;
        }
        if (!value()) return false;
        skipWs();
        if (text[i] === close) return ++i > 0;
        if (text[i] !== ',') return false;
        i++;
      }
    }
    if (open === '"') return string();
    literal.lastIndex = i;
    const m = literal.exec(text);
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  if (value()) skipWs();
  return i;
}
