import { describe, expect, it } from 'vitest';
import { conditionText, derivedRuleText } from '../../pipeline/conditions/conditionText.ts';
import { adrenalContext } from '../helpers/stageInput.ts';

describe('conditionText and derivedRuleText', () => {
  const { config } = adrenalContext();

  it("says a condition with the cohort's own labels", () => {
    expect(
      conditionText(
        {
          all: [
            { variable: 'venous_extension', in: ['ivc'] },
            { any: [{ variable: 'surgery', in: [false] }, { not: { variable: 'age', atLeast: 60 } }] },
            { variable: 'outcome', reported: true },
          ],
        },
        config,
      ),
    ).toBe(
      'Venous extension includes Inferior vena cava and (Surgery = no or not Age ≥ 60) and Outcome is reported',
    );
    expect(conditionText({ variable: 'sex', in: ['female', 'male'] }, config)).toBe('Sex is Female or Male');
  });

  it('describes the Figure 3B category from its rules, "none of these" as the rule applied (any of three reported)', () => {
    const spec = config.derived.find((d) => d.id === 'extension_category')!;
    const text = derivedRuleText(spec, config);
    expect(text).toContain(
      '(1) IVC with kidney: Venous extension includes Inferior vena cava and Local invasion includes Kidney;',
    );
    expect(text).toContain(
      '(8) None of these: Venous extension is reported or Local invasion is reported or Metastasis is reported.',
    );
    expect(text).toContain('a finding that is not reported counts as absent');
    expect(text).not.toContain('all reported as none');
  });
});
