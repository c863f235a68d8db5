import { describeCharacter, hasUnsafeText, unsafeCharacters } from '../parse/unsafeText.ts';
import type { ConfigProblem } from './checkCohortReferences.ts';

/** A JSON Pointer segment: `~` and `/` escaped (RFC 6901). */
const segment = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Characters a title or label may have (`title`, `subtitle`, `label` keys). They are drawn in
 * figures a journal column wide and wrapped onto lines there; the shipped cohorts' longest is 70. A
 * 4,000-word panel title made a figure so tall that its PNG at 72 dpi was zero pixels wide
 * (resvg: "Target size is zero", exit 3).
 */
export const CHART_TEXT_CHARS = 200;

const CHART_TEXT_KEYS = new Set(['title', 'subtitle', 'label']);

/**
 * Every string (and key) of cohort.json that holds a character a report cannot show (a control
 * character, a lone surrogate, U+2028): labels and titles become SVG text and chart data, ids are
 * matched against cells, so such a character is an error at its place, never silently dropped. And
 * every title or label longer than CHART_TEXT_CHARS.
 */
export function checkConfigText(json: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const report = (pointer: string, text: string, what: string) => {
    const found = unsafeCharacters(text).slice(0, 3).map(describeCharacter).join(', ');
    problems.push({
      pointer,
      severity: 'error',
      message: `${what} holds the invisible character${found.includes(',') ? 's' : ''} ${found}, which a report cannot show: delete it`,
    });
  };
  const walk = (value: unknown, pointer: string, key = '') => {
    if (typeof value === 'string') {
      if (hasUnsafeText(value)) report(pointer, value, 'text');
      if (CHART_TEXT_KEYS.has(key) && [...value].length > CHART_TEXT_CHARS)
        problems.push({
          pointer,
          severity: 'error',
          message: `${key} has ${[...value].length.toLocaleString('en-US')} characters, more than the ${CHART_TEXT_CHARS} a title or label may have (figures are a journal column wide): shorten it, and say the rest in a description`,
        });
    } else if (Array.isArray(value)) {
      value.forEach((item, k) => walk(item, `${pointer}/${k}`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const at = `${pointer}/${segment(key)}`;
        if (hasUnsafeText(key)) report(at, key, 'key');
        walk(item, at, key);
      }
    }
  };
  walk(json, '');
  return problems;
}
