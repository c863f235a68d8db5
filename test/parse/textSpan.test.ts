import { describe, expect, it } from 'vitest';
import { cellBounds, isBlankSpan, SpanMemo } from '../../pipeline/parse/textSpan.ts';

// Synthetic lines and cells.
describe('cellBounds', () => {
  const cells = (line: string, delimiter: string, count: number) => {
    const bounds = new Int32Array(count + 1);
    cellBounds(line, delimiter, bounds);
    return Array.from({ length: count }, (_, k) => line.slice(bounds[k], bounds[k + 1]! - 1));
  };

  it('finds the cells a split would give, empty ones included', () => {
    for (const line of ['a,b,c', ',,', 'x,,y', ',lead', 'trail,', 'é,ü; ö,"q"', '']) {
      const split = line.split(',');
      expect(cells(line, ',', split.length), line).toEqual(split);
    }
    expect(cells('a;b;;c', ';', 4)).toEqual(['a', 'b', '', 'c']);
    expect(cells('a\tb', '\t', 2)).toEqual(['a', 'b']);
  });

  it('writes no further than its bounds (a line with more cells than expected)', () => {
    const bounds = new Int32Array(3);
    cellBounds('a,b,c,d', ',', bounds);
    expect([...bounds]).toEqual([0, 2, 8]);
  });
});

describe('isBlankSpan', () => {
  it('agrees with trim() on white space, Unicode spaces included', () => {
    const texts = [
      '',
      ' ',
      '\t',
      ' \u00a0',
      '\u3000',
      '\ufeff',
      'a',
      ' a ',
      '\u00a0x',
      'é',
      '.',
      '~',
      '\u2028',
    ];
    for (const t of texts) {
      const line = `x,${t},y`;
      expect(isBlankSpan(line, 2, 2 + t.length), JSON.stringify(t)).toBe(t.trim() === '');
    }
  });
});

describe('SpanMemo', () => {
  it('works a text out once, wherever it lies, and tells texts apart', () => {
    const seen: string[] = [];
    const memo = new SpanMemo((text) => {
      seen.push(text);
      return `<${text}>`;
    });
    const line = 'yes,no,yes,ye,nö,no ,,yes';
    const read = (start: number, end: number) => memo.get(line, start, end);
    expect([
      read(0, 3),
      read(4, 6),
      read(7, 10),
      read(11, 13),
      read(14, 16),
      read(17, 20),
      read(21, 21),
    ]).toEqual(['<yes>', '<no>', '<yes>', '<ye>', '<nö>', '<no >', '<>']);
    expect(read(22, 25)).toBe('<yes>');
    expect(seen).toEqual(['yes', 'no', 'ye', 'nö', 'no ', '']);
  });

  it('keeps every text it holds when it grows, and works out anew past its limit', () => {
    let calls = 0;
    const memo = new SpanMemo((text) => {
      calls++;
      return text.length;
    }, 300);
    const texts = Array.from({ length: 500 }, (_, k) => `t${k}`);
    for (const t of texts) memo.get(t, 0, t.length);
    expect(calls).toBe(500);
    for (const t of texts) expect(memo.get(`..${t}..`, 2, 2 + t.length)).toBe(t.length);
    // The first 300 are held; the other 200 are worked out again.
    expect(calls).toBe(700);
  });
});
