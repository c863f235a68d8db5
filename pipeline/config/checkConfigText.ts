import { describeCharacter, hasUnsafeText, unsafeCharacters } from '../parse/unsafeText.ts';
import type { ConfigProblem } from './checkCohortReferences.ts';

/** A JSON Pointer segment: `~` and `/` escaped (RFC 6901). */
const segment = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every string (and key) of cohort.json that holds a character a report cannot show (a control
 * character, a lone surrogate, U+2028): labels and titles become SVG text and chart data, ids are
 * matched against cells, so such a character is an error at its place, never silently dropped.
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
  const walk = (value: unknown, pointer: string) => {
    if (typeof value === 'string') {
      if (hasUnsafeText(value)) report(pointer, value, 'text');
    } else if (Array.isArray(value)) {
      value.forEach((item, k) => walk(item, `${pointer}/${k}`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const at = `${pointer}/${segment(key)}`;
        if (hasUnsafeText(key)) report(at, key, 'key');
        walk(item, at);
      }
    }
  };
  walk(json, '');
  return problems;
}
