import { describe, expect, it } from 'vitest';
import { conditionVariables } from '../../pipeline/conditions/conditionVariables.ts';
import type { Condition } from '../../pipeline/types.ts';

describe('conditionVariables', () => {
  it('lists every variable a condition reads, in order, through all/any/not', () => {
    const condition: Condition = {
      all: [
        { variable: 'sex', in: ['female'] },
        { any: [{ variable: 'age', atLeast: 50 }, { not: { variable: 'metastasis', reported: true } }] },
        { variable: 'sex', in: ['male'] },
      ],
    };
    expect(conditionVariables(condition)).toEqual(['sex', 'age', 'metastasis', 'sex']);
  });
});
