import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../pipeline/stats/distributions.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';
import { wilsonInterval } from '../../pipeline/stats/wilsonInterval.ts';

describe('wilsonInterval', () => {
  it('gives 0.5759–0.8215 for 35/49', () => {
    const [lower, upper] = wilsonInterval(35, 49);
    expect(lower).toBeCloseTo(0.5759, 4);
    expect(upper).toBeCloseTo(0.8215, 4);
  });

  it('gives exactly 0 to z²/(n + z²) at x = 0: 0–0.2775 for 0/10, and the mirror image at x = n', () => {
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(0, 10)[1]).toBeCloseTo(0.2775, 4);
    const z = normalQuantile(0.995);
    expect(wilsonInterval(0, 10, 0.99)[1]).toBeCloseTo((z * z) / (10 + z * z), 14);
    const [lower, upper] = wilsonInterval(10, 10);
    expect(lower).toBeCloseTo(1 - 0.2775, 4);
    expect(upper).toBe(1);
  });

  it('returns [0, 1] when n = 0', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });

  it('has limits that solve the score equation (x/n - p)² = z² p (1 - p) / n and bracket x/n', () => {
    const random = seededRandom(21);
    const z = normalQuantile(0.975);
    for (let i = 0; i < 200; i++) {
      const n = randomInteger(random, 1, 500);
      const x = randomInteger(random, 0, n);
      const [lower, upper] = wilsonInterval(x, n);
      expect(lower).toBeLessThanOrEqual(x / n);
      expect(upper).toBeGreaterThanOrEqual(x / n);
      for (const p of [lower, upper]) {
        expect((x / n - p) ** 2).toBeCloseTo((z * z * p * (1 - p)) / n, 12);
      }
    }
  });

  it('narrows as the confidence level falls', () => {
    const wide = wilsonInterval(7, 20, 0.99);
    const narrow = wilsonInterval(7, 20, 0.8);
    expect(wide[0]).toBeLessThan(narrow[0]);
    expect(wide[1]).toBeGreaterThan(narrow[1]);
  });

  it('rejects impossible counts and confidence levels', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 1)).toThrow(RangeError);
  });
});
