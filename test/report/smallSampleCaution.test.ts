import { describe, expect, it } from 'vitest';
import { smallSampleCaution } from '../../pipeline/report/smallSampleCaution.ts';

describe('smallSampleCaution', () => {
  it('cautions fewer than 10 events, and groups under 5 patients', () => {
    expect(smallSampleCaution(3, [8, 2])).toBe(
      'few events (3 deaths in all); a group under 5 patients (n = 2): interpret with care',
    );
    expect(smallSampleCaution(1, [20, 30])).toBe('few events (1 death in all): interpret with care');
    expect(smallSampleCaution(12, [3, 4, 30])).toBe(
      'groups under 5 patients (n = 3, 4): interpret with care',
    );
  });

  it('says nothing at 10 events and groups of 5 or more', () => {
    expect(smallSampleCaution(10, [5, 5])).toBeNull();
  });
});
