import { html, type Html } from './escapeHtml.ts';

/**
 * Text from cohort.json with its Markdown code spans (`11 cm`) as <code> elements, everything
 * escaped: the page shows no raw backticks. An unpaired backtick stays as it is.
 */
export function inlineCode(text: string): Html {
  const parts = text.split(/`([^`]+)`/);
  return html`${parts.map((part, i) => (i % 2 === 1 ? html`<code>${part}</code>` : html`${part}`))}`;
}

/** The same text for places that take plain text only (figure captions, chart titles). */
export function stripCode(text: string): string {
  return text.replace(/`([^`]+)`/g, '$1');
}
