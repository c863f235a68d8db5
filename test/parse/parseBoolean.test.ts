import { describe, expect, it } from 'vitest';
import { parseBoolean } from '../../pipeline/parse/parseBoolean.ts';

describe('parseBoolean', () => {
  it.each([
    ['yes', true],
    ['Yes', true],
    [' YES ', true],
    ['y', true],
    ['Y', true],
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['done', true],
    ['performed', true],
    ['no', false],
    ['N', false],
    ['false', false],
    ['0', false],
    ['none', false],
    ['not done', false],
    ['Not  Done', false],
    ['not_done', false],
    ['not-performed', false],
  ])('reads %j as %s', (text, value) => {
    expect(parseBoolean(text)).toEqual({ ok: true, value });
  });

  it.each(['maybe', '', 'yes please', '2', 'unknown', 'not'])('rejects %j', (text) => {
    expect(parseBoolean(text)).toEqual({ ok: false, message: `"${text}" is not yes or no` });
  });
});
