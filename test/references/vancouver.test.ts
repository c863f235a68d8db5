import { describe, expect, it } from 'vitest';
import { referenceFields, missingReferenceFields } from '../../pipeline/references/referenceFields.ts';
import { shortPageRange, vancouverReference } from '../../pipeline/references/vancouver.ts';

const ref = (fields: Record<string, string>, id = 'x') => referenceFields({ id, fields, line: 2 });

// Expected texts: the sample references of the NLM / ICMJE "Samples of Formatted References" (Citing
// Medicine's journal-article form), without the month of issue, which sources.csv does not hold.
describe('vancouverReference (NLM Citing Medicine)', () => {
  it('lists six authors, then et al., and shortens the page range', () => {
    const text = vancouverReference(
      ref({
        authors: 'Rose ME, Huerbin MB, Melick J, Marion DW, Palmer AM, Schiding JK, Kochanek PM, Graham SH',
        title:
          'Regulation of interstitial excitatory amino acid concentrations after cortical contusion injury',
        journal: 'Brain Res',
        year: '2002',
        volume: '935',
        issue: '1-2',
        pages: '40-46',
      }),
    );
    expect(text).toBe(
      'Rose ME, Huerbin MB, Melick J, Marion DW, Palmer AM, Schiding JK, et al. Regulation of interstitial excitatory amino acid concentrations after cortical contusion injury. Brain Res. 2002;935(1-2):40-6.',
    );
  });

  it('writes up to six authors in full', () => {
    expect(
      vancouverReference(
        ref({
          authors: 'Halpern SD, Ubel PA, Caplan AL',
          title: 'Solid-organ transplantation in HIV-infected patients',
          journal: 'N Engl J Med',
          year: '2002',
          volume: '347',
          issue: '4',
          pages: '284-287',
        }),
      ),
    ).toBe(
      'Halpern SD, Ubel PA, Caplan AL. Solid-organ transplantation in HIV-infected patients. N Engl J Med. 2002;347(4):284-7.',
    );
  });

  it('writes a group author as it stands', () => {
    expect(
      vancouverReference(
        ref({
          authors: 'Diabetes Prevention Program Research Group',
          title: 'Hypertension, insulin, and proinsulin in participants with impaired glucose tolerance',
          journal: 'Hypertension',
          year: '2002',
          volume: '40',
          issue: '5',
          pages: '679-686',
        }),
      ),
    ).toBe(
      'Diabetes Prevention Program Research Group. Hypertension, insulin, and proinsulin in participants with impaired glucose tolerance. Hypertension. 2002;40(5):679-86.',
    );
  });

  it('leaves out an issue or pages that are not given, and ends with doi and PMID', () => {
    const base = {
      authors: 'Wong C, Von Oppell UO, Scott-Coombes D',
      title: 'Cold feet from adrenal leiomyosarcoma',
      journal: 'J R Soc Med',
      year: '2005',
      volume: '98',
    };
    expect(vancouverReference(ref({ ...base, pages: '418-420' }))).toBe(
      'Wong C, Von Oppell UO, Scott-Coombes D. Cold feet from adrenal leiomyosarcoma. J R Soc Med. 2005;98:418-20.',
    );
    expect(
      vancouverReference(
        ref({ ...base, issue: '9', doi: 'https://doi.org/10.1258/jrsm.98.9.418', pmid: '16140856' }),
      ),
    ).toBe(
      'Wong C, Von Oppell UO, Scott-Coombes D. Cold feet from adrenal leiomyosarcoma. J R Soc Med. 2005;98(9). doi: 10.1258/jrsm.98.9.418. PMID: 16140856.',
    );
    // An article number, not a range; a year alone.
    expect(
      vancouverReference(
        ref({
          authors: 'Oshidari B',
          title: 'A case',
          journal: 'Int J Surg Case Rep',
          year: '2021',
          volume: '90',
          pages: '106707',
        }),
      ),
    ).toBe('Oshidari B. A case. Int J Surg Case Rep. 2021;90:106707.');
    expect(
      vancouverReference(
        ref({ authors: 'Oshidari B', title: 'A case', journal: 'Int J Surg Case Rep', year: '2021' }),
      ),
    ).toBe('Oshidari B. A case. Int J Surg Case Rep. 2021.');
  });

  it("keeps non-ASCII names, a title ending in ? or !, and the source's own et al.", () => {
    expect(
      vancouverReference(
        ref({
          authors: 'Rodríguez Escobedo R, Ares Blanco J, Tzaida O, et al.',
          title: 'An Unusual Adrenal Tumor not to be Ignored!',
          journal: 'Endocrinol Diabetes Nutr',
          year: '2021',
        }),
      ),
    ).toBe(
      'Rodríguez Escobedo R, Ares Blanco J, Tzaida O, et al. An Unusual Adrenal Tumor not to be Ignored! Endocrinol Diabetes Nutr. 2021.',
    );
  });

  it('writes a free-text citation tail in the journal cell as it stands (the shipped tables)', () => {
    expect(
      vancouverReference(
        ref({ authors: 'Suzuki et al.', year: '2023', journal: 'BMC Endocr Disord 2023;23:276' }),
      ),
    ).toBe('Suzuki, et al. BMC Endocr Disord 2023;23:276.');
    expect(
      vancouverReference(
        ref({
          authors: 'Zhou Y',
          title: 'A case',
          year: '2015',
          journal: 'Int J Clin Exp Pathol 2015;8(4):4258-4263',
        }),
      ),
    ).toBe('Zhou Y. A case. Int J Clin Exp Pathol 2015;8(4):4258-63.');
    // A journal cell that names the year is not given the year a second time.
    expect(
      vancouverReference(
        ref({ title: 'Leiomiossarcoma', year: '2008', journal: 'Arq Bras Endocrinol Metab 2008' }),
      ),
    ).toBe('Leiomiossarcoma. Arq Bras Endocrinol Metab 2008.');
  });

  it('invents nothing: a reference without authors, title or year says what it lacks', () => {
    const bare = ref({ journal: '现代泌尿外科杂志 (J Mod Urol)' });
    expect(vancouverReference(bare)).toBe('现代泌尿外科杂志 (J Mod Urol).');
    expect(missingReferenceFields(bare)).toEqual(['authors', 'title', 'year']);
    expect(missingReferenceFields(ref({ authors: 'A B', title: 't', journal: 'j', year: '2000' }))).toEqual(
      [],
    );
  });
});

describe('shortPageRange', () => {
  it('drops the digits the end page shares with the start', () => {
    expect(shortPageRange('418-420')).toBe('418-20');
    expect(shortPageRange('1199-1205')).toBe('1199-205');
    expect(shortPageRange('516–517')).toBe('516-7');
    expect(shortPageRange('12--19')).toBe('12-9');
    expect(shortPageRange('99-102')).toBe('99-102');
    expect(shortPageRange('e73')).toBe('e73');
    expect(shortPageRange('S93-S99')).toBe('S93-S99');
    expect(shortPageRange('50-40')).toBe('50-40');
  });
});
