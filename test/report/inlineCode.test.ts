import { describe, expect, it } from 'vitest';
import { inlineCode, stripCode } from '../../pipeline/report/inlineCode.ts';

describe('inlineCode', () => {
  it('turns code spans into <code>, escaping everything, and leaves no backticks', () => {
    const out = inlineCode('Size (from `11 cm`, `<b>`), lists `;`-separated').value;
    expect(out).toBe(
      'Size (from <code>11 cm</code>, <code>&lt;b&gt;</code>), lists <code>;</code>-separated',
    );
    expect(out).not.toContain('`');
  });

  it('keeps an unpaired backtick as text; stripCode drops the marks', () => {
    expect(inlineCode('a ` b').value).toBe('a ` b');
    expect(stripCode('from `11 cm` or `4 mm`')).toBe('from 11 cm or 4 mm');
  });
});
