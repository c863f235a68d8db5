import { describe, expect, it } from 'vitest';
import { doiKey, pmidKey, surnameKey, titleKey } from '../../pipeline/records/recordKeys.ts';

describe('record keys', () => {
  it('compares DOIs case-insensitively and PMIDs without leading zeros', () => {
    expect(doiKey('10.5555/ABC.1')).toBe(doiKey('10.5555/abc.1'));
    expect(doiKey('10.5555%2Fabc')).toBe('10.5555/abc');
    expect(pmidKey('000123')).toBe('123');
  });

  it('gives one title key across case, punctuation, diacritics, LaTeX and HTML markup and a trailing period', () => {
    const key = titleKey('Müller–Weiss disease: a case of <i>IVC</i> extension.');
    expect(titleKey('MULLER-WEISS DISEASE - A CASE OF IVC EXTENSION')).toBe(key);
    expect(titleKey('M{\\"u}ller--Weiss disease: a case of {IVC} extension')).toBe(key);
    expect(titleKey('Müller&#8211;Weiss disease &amp; a case of IVC extension')).toBe(
      titleKey('Muller Weiss disease & a case of IVC extension'),
    );
    expect(key).toBe('muller weiss disease a case of ivc extension');
    expect(titleKey('A case')).not.toBe(titleKey('A cases'));
  });

  it('finds the first surname in "Surname, Given", "Surname AB" and "Given Surname", compared by its last word', () => {
    expect(surnameKey(['Smith, John', 'Jones, K'])).toBe('smith');
    expect(surnameKey(['Smith JA'])).toBe('smith');
    expect(surnameKey(['Smith J.A.'])).toBe('smith');
    expect(surnameKey(['John Smith'])).toBe('smith');
    expect(surnameKey(['Müller H'])).toBe(surnameKey(['Muller, Hans']));
    expect(surnameKey(['van der Berg J'])).toBe(surnameKey(['Jan van der Berg']));
    expect(surnameKey([])).toBe('');
  });
});
