import { describe, expect, it } from 'vitest';
import { normalize } from '../../pipeline/stages/normalize.ts';
import { idKey, validate } from '../../pipeline/stages/validate.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import { adrenalContext, extracted } from '../helpers/stageInput.ts';

// Synthetic rows.
describe('validate: ids', () => {
  const context = adrenalContext();

  it('takes case ids that differ only in case or surrounding spaces for the same id', () => {
    const out = validate(
      normalize(extracted(['ALMS-040,syn,,,,,,,,,,,,,,,,,', ' alms-040 ,syn,,,,,,,,,,,,,,,,,']), context),
      context,
    );
    expect(out.findings.map((f) => [f.line, f.code, f.message])).toEqual([
      [3, 'case.duplicate-id', 'case_id "alms-040" is used again (first at line 2)'],
    ]);
  });

  it('takes ids that are the same in NFKC (full-width letters) for the same id', () => {
    const out = validate(
      normalize(
        extracted([
          'ＡＬＭＳ-１,syn,,,,,,,,,,,,,,,,,',
          'B,syn,,,,,,,,,,,,,,,,,',
          'alms-1,syn,,,,,,,,,,,,,,,,,',
        ]),
        context,
      ),
      context,
    );
    expect(out.findings.map((f) => [f.line, f.code, f.message])).toEqual([
      [4, 'case.duplicate-id', 'case_id "alms-1" is used again (first at line 2)'],
    ]);
    expect(['ＡＢ', ' Ab ', 'ab', 'ÄB'].map(idKey)).toEqual(['ab', 'ab', 'ab', 'äb']);
  });

  it('does the same for source ids', () => {
    const input = extracted(['A,syn,,,,,,,,,,,,,,,,,']);
    input.raw.sources = parseCsv('source_id,title\nsyn,One\nSYN ,Two\n', 'sources.csv', 'y').table;
    const out = validate(normalize(input, context), context);
    expect(out.findings.map((f) => [f.line, f.code])).toEqual([[3, 'source.duplicate']]);
  });
});
