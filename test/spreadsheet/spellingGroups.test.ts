// Spellings a spreadsheet holds → terms. The values are synthetic, as pooled case reports write them.
import { describe, expect, it } from 'vitest';
import { groupSpellings, spellingKey, termId } from '../../pipeline/spreadsheet/spellingGroups.ts';

const labels = (values: string[]) =>
  groupSpellings(values).groups.map((g) => [g.label, g.spellings, g.count] as const);

describe('groupSpellings', () => {
  it('groups case, spaces and punctuation: Lt. is lt', () => {
    expect(spellingKey(' Lt. ')).toBe('lt');
    expect(spellingKey('left-sided')).toBe('left sided');
    expect(labels(['ivc', 'IVC', ' ivc ', 'renal vein', 'Renal  vein'])).toEqual([
      ['ivc', ['ivc', 'IVC'], 3],
      ['renal vein', ['renal vein', 'Renal vein'], 2],
    ]);
  });

  it('groups the abbreviations of a sex column under Female and Male', () => {
    const grouped = groupSpellings(['F', 'female', 'Woman', 'M', 'male', 'F']);
    expect(grouped.family).toBe('sex');
    expect(grouped.groups.map((g) => [g.label, g.spellings, g.count])).toEqual([
      ['Female', ['F', 'female', 'Woman'], 4],
      ['Male', ['M', 'male'], 2],
    ]);
  });

  it('groups L, Lt., left and LEFT in a side column', () => {
    const grouped = groupSpellings(['L', 'Lt.', 'left', 'LEFT', 'R', 'rt', 'bilateral']);
    expect(grouped.family).toBe('side');
    expect(grouped.groups.map((g) => g.label)).toEqual(['Left', 'Right', 'Bilateral']);
    expect(grouped.groups[0]!.spellings).toEqual(['L', 'Lt.', 'left', 'LEFT']);
  });

  it('reads a letter as a word only in a column of that kind: M is not male among sites', () => {
    const grouped = groupSpellings(['lung', 'liver', 'M', 'bone', 'lung']);
    expect(grouped.family).toBeNull();
    expect(grouped.groups.map((g) => g.label)).toEqual(['lung', 'liver', 'M', 'bone']);
  });

  it('leaves alike spellings separate and lists them: plural, typo, lost to follow-up beside alive', () => {
    expect(groupSpellings(['lung', 'lungs', 'liver']).ambiguous).toEqual([
      { a: 'lung', b: 'lungs', why: 'singular and plural' },
    ]);
    expect(groupSpellings(['flank pain', 'flank pian']).ambiguous).toEqual([
      { a: 'flank pain', b: 'flank pian', why: 'one letter apart (a typo?)' },
    ]);
    const status = groupSpellings(['alive', 'dead', 'died', 'LTFU', 'NED', 'AWD']);
    // NED and AWD are alive (vital status); lost to follow-up is neither, and said so.
    expect(status.groups.map((g) => [g.label, g.spellings])).toEqual([
      ['Alive', ['alive', 'NED', 'AWD']],
      ['Dead', ['dead', 'died']],
      ['LTFU', ['LTFU']],
    ]);
    expect(status.ambiguous).toEqual([
      { a: 'LTFU', b: 'Alive', why: '"LTFU" (lost to follow-up) is kept as a term of its own: is it alive?' },
    ]);
    // "none" is never a typo of a term.
    expect(groupSpellings(['bone', 'none']).ambiguous).toEqual([]);
  });

  it('makes ids of labels', () => {
    expect(termId('Needle biopsy, adrenal')).toBe('needle_biopsy_adrenal');
    expect(termId('C5–C6')).toBe('c5_c6');
    expect(termId('Schwannome bénin')).toBe('schwannome_benin');
  });
});
