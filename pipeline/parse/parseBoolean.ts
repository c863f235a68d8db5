import { normalizeKey } from './normalizeKey.ts';
import { parsed, rejected, type ParseResult } from './parseResult.ts';
import { excerpt } from './excerpt.ts';

const WORDS: Record<string, boolean> = {
  yes: true,
  y: true,
  true: true,
  '1': true,
  done: true,
  performed: true,
  no: false,
  n: false,
  false: false,
  '0': false,
  none: false,
  'not done': false,
  'not performed': false,
};

/** yes / no in the spellings people type. */
export function parseBoolean(text: string): ParseResult<boolean> {
  const value = WORDS[normalizeKey(text)];
  return value === undefined ? rejected(`"${excerpt(text)}" is not yes or no`) : parsed(value);
}
