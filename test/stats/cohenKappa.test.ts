import { describe, expect, it } from 'vitest';
import { cohenKappa } from '../../pipeline/stats/cohenKappa.ts';

// Two reviewers' title/abstract decisions on 20 records (synthetic), `maybe` a category of its own.
const a = [
  ...Array<string>(6).fill('include'),
  ...Array<string>(9).fill('exclude'),
  ...Array<string>(3).fill('maybe'),
  'include',
  'exclude',
];
const b = [
  'include',
  'include',
  'include',
  'include',
  'exclude',
  'maybe',
  'exclude',
  'exclude',
  'exclude',
  'exclude',
  'exclude',
  'exclude',
  'exclude',
  'include',
  'maybe',
  'maybe',
  'maybe',
  'exclude',
  'include',
  'exclude',
];

describe('cohenKappa', () => {
  it("matches psych::cohen.kappa's kappa, variance and 95 % CI on three categories", () => {
    // R 4, psych 2.2.9 (the vectors a, b above):
    //   r <- psych::cohen.kappa(data.frame(a, b))
    //   sprintf("%.15g", c(r$kappa, r$var.kappa, r$confid[1, 1], r$confid[1, 3], r$n.obs))
    //   → 0.59349593495935 0.0237044196913179 0.291735181857412 0.895256688061287 20
    const k = cohenKappa(a, b);
    expect(k.n).toBe(20);
    expect(k.agreement).toBeCloseTo(15 / 20, 14);
    expect(k.kappa).toBeCloseTo(0.59349593495935, 12);
    expect(k.variance).toBeCloseTo(0.0237044196913179, 12);
    expect(k.ci![0]).toBeCloseTo(0.291735181857412, 12);
    expect(k.ci![1]).toBeCloseTo(0.895256688061287, 12);
    expect(k.categories).toEqual(['exclude', 'include', 'maybe']);
  });

  it('holds an upper limit beyond 1 at 1, as psych does', () => {
    // a2 <- c("include","include","exclude","exclude","exclude")
    // b2 <- c("include","exclude","exclude","exclude","exclude")
    // r <- psych::cohen.kappa(data.frame(a2, b2)); sprintf("%.15g", c(r$kappa, r$var.kappa, r$confid[1, ]))
    //   → 0.545454545454546 0.131138583430094 -0.164308420648128 (estimate) 1
    const k = cohenKappa(
      ['include', 'include', 'exclude', 'exclude', 'exclude'],
      ['include', 'exclude', 'exclude', 'exclude', 'exclude'],
    );
    expect(k.kappa).toBeCloseTo(0.545454545454546, 12);
    expect(k.variance).toBeCloseTo(0.131138583430094, 12);
    expect(k.ci![0]).toBeCloseTo(-0.164308420648128, 12);
    expect(k.ci![1]).toBe(1);
  });

  it('gives kappa 1 with variance 0 on perfect agreement', () => {
    // a3 <- b3 <- c("include","include","exclude","exclude","exclude","not_retrieved")
    // r <- psych::cohen.kappa(data.frame(a3, b3)) → kappa 1, var.kappa 0, confid 1 1
    const x = ['include', 'include', 'exclude', 'exclude', 'exclude', 'not_retrieved'];
    const k = cohenKappa(x, x);
    expect(k.kappa).toBe(1);
    expect(k.variance).toBeCloseTo(0, 15);
    expect(k.ci![0]).toBe(1);
    expect(k.ci![1]).toBe(1);
  });

  it('has no kappa when both reviewers used one category only (psych: a 1 x 1 table), or no items', () => {
    const k = cohenKappa(['exclude', 'exclude'], ['exclude', 'exclude']);
    expect(k.agreement).toBe(1);
    expect(k.kappa).toBeNull();
    expect(k.ci).toBeNull();
    expect(cohenKappa([], []).kappa).toBeNull();
  });

  it('refuses raters of different lengths', () => {
    expect(() => cohenKappa(['a'], [])).toThrow(RangeError);
  });
});
