import { stripUnsafeText } from '../parse/unsafeText.ts';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text from the user's files → inert HTML text, safe in element content and quoted attributes, and
 * in SVG (XML): characters XML cannot hold even as references (controls, lone surrogates) are
 * dropped. Cells and cohort.json are cleaned when read, with findings; this is the last defence.
 */
export function escapeHtml(text: string | number | null | undefined): string {
  return stripUnsafeText(String(text ?? '')).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    const piece = Array.isArray(v)
      ? v.map((x) => (x instanceof Html ? x.value : escapeHtml(x as string))).join('')
      : v instanceof Html
        ? v.value
        : escapeHtml(v as string);
    out += piece + strings[i + 1]!;
  });
  return new Html(out);
}

/** Marks markup we produced ourselves (inline SVG from Vega, which escapes its own text). */
export const trusted = (markup: string) => new Html(markup);
