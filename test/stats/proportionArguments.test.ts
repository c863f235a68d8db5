import { describe, expect, it } from 'vitest';
import { checkProportionArguments } from '../../pipeline/stats/proportionArguments.ts';

describe('checkProportionArguments', () => {
  it('accepts 0 <= x <= n integers and a confidence level in (0, 1)', () => {
    expect(() => checkProportionArguments('f', 0, 0, 0.95)).not.toThrow();
    expect(() => checkProportionArguments('f', 5, 5, 0.5)).not.toThrow();
  });

  it('names the caller and the bad value', () => {
    expect(() => checkProportionArguments('wilsonInterval', 6, 5, 0.95)).toThrow(
      /wilsonInterval: x .* got 6/,
    );
    expect(() => checkProportionArguments('f', 1, 2.5, 0.95)).toThrow(
      /n must be a non-negative integer, got 2.5/,
    );
    expect(() => checkProportionArguments('f', 1, 2, NaN)).toThrow(/confidence/);
    expect(() => checkProportionArguments('f', NaN, 2, 0.95)).toThrow(RangeError);
  });
});
