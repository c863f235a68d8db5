import { describe, expect, it } from 'vitest';
import { citation, shortCitation } from '../../pipeline/report/citation.ts';

const source = (authors: string, year = '2023') => ({ id: 'x', line: 2, fields: { authors, year } });

describe('shortCitation', () => {
  it('names the first author, "et al." for three or more, both for two, by surname', () => {
    expect(
      shortCitation(source("Marinaccio M, Giannoccaro A, Marzullo A, d'Amati A"), 'marinaccio2023'),
    ).toBe('Marinaccio et al. 2023');
    expect(shortCitation(source('Tanaka K et al.', '2024'), 't')).toBe('Tanaka et al. 2024');
    expect(shortCitation(source('de Gennaro L; Smith JR'), 'x')).toBe('de Gennaro and Smith 2023');
    expect(shortCitation(source('Suzuki Y.'), 'x')).toBe('Suzuki 2023');
  });

  it('falls back to the id when the source gives no authors', () => {
    expect(shortCitation(undefined, 'smith2020')).toBe('smith2020');
    expect(shortCitation(source('', ''), 'smith2020')).toBe('smith2020');
  });
});

describe('citation', () => {
  it('puts one full stop between parts, even after "et al."', () => {
    const s = {
      id: 's',
      line: 2,
      fields: { authors: 'Suzuki Y et al.', year: '2023', journal: 'BMC Endocr Disord.' },
    };
    expect(citation(s).value).toBe('Suzuki Y et al. 2023. BMC Endocr Disord');
    expect(citation(s).value).not.toContain('..');
  });

  it('links a DOI, never a javascript: address', () => {
    const linked = citation({
      id: 's',
      line: 2,
      fields: { authors: 'Tanaka K', year: '2024', doi: '10.1/x' },
    }).value;
    expect(linked).toContain('href="https://doi.org/10.1/x"');
    // The DOI as people paste it: with a resolver or a doi: prefix, any case.
    for (const doi of ['doi:10.1/x', 'HTTPS://DOI.ORG/10.1/x', 'https://dx.doi.org/10.1/x'])
      expect(citation({ id: 's', line: 2, fields: { authors: 'T', doi } }).value, doi).toContain(
        'href="https://doi.org/10.1/x"',
      );
    const bad = citation({ id: 's', line: 2, fields: { authors: 'X', url: 'javascript:alert(1)' } }).value;
    expect(bad).not.toContain('href');
  });
});
