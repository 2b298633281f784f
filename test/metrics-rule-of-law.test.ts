import { describe, expect, it } from 'vitest';
import { ruleOfLawScore, scoreText, termThousandths } from '../src/lib/rule-of-law.ts';
import { siteConfig } from '../src/site.config.ts';

describe('法治化 score', () => {
  it('reproduces the worked example: 1.179 + 0.479 + 0.571 = 2.229', () => {
    const result = ruleOfLawScore(siteConfig.ruleOfLaw, {
      acceptance: { numerator: 112, denominator: 114 },
      handling: { numerator: 136, denominator: 142 },
      supervision: { numerator: 15, denominator: 21 },
    });
    expect(
      result.terms.map((t) => [t.name, t.numerator, t.denominator, t.weight, t.score]),
    ).toEqual([
      ['应受理未受理占比', 112, 114, 1.2, 1.179],
      ['未按规定办理占比', 136, 142, 0.5, 0.479],
      ['督办后未化解占比', 15, 21, 0.8, 0.571],
    ]);
    expect(result.total).toBe(2.229);
    expect(scoreText(result.total)).toBe('2.229');
  });

  it('rounds each term half-up exactly before summing', () => {
    // 3 ÷ 8 × 0.3 = 0.1125 exactly: a float product rounds it to 0.112
    expect(termThousandths(3, 8, 0.3)).toBe(113);
    expect(termThousandths(1, 8, 0.1)).toBe(13);
    expect(termThousandths(1, 3, 1.2)).toBe(400);
    const result = ruleOfLawScore(
      [
        { key: 'acceptance', name: 'a', weight: 0.3 },
        { key: 'handling', name: 'b', weight: 0.3 },
      ],
      {
        acceptance: { numerator: 3, denominator: 8 },
        handling: { numerator: 3, denominator: 8 },
        supervision: { numerator: 0, denominator: 0 },
      },
    );
    expect(result.total).toBe(0.226);
  });

  it('scores nothing for a term with nothing due and leaves it out of the total', () => {
    const result = ruleOfLawScore(siteConfig.ruleOfLaw, {
      acceptance: { numerator: 10, denominator: 10 },
      handling: { numerator: 0, denominator: 0 },
      supervision: { numerator: 0, denominator: 0 },
    });
    expect(result.terms.map((t) => t.score)).toEqual([1.2, null, null]);
    expect(result.total).toBe(1.2);
    expect(scoreText(result.total)).toBe('1.200');
  });

  it('rejects a configured term it has no data for', () => {
    const counts = {
      acceptance: { numerator: 1, denominator: 1 },
      handling: { numerator: 1, denominator: 1 },
      supervision: { numerator: 1, denominator: 1 },
    };
    expect(() => ruleOfLawScore([{ key: 'visits', name: '走访占比', weight: 1 }], counts)).toThrow(
      /visits（走访占比）无对应数据/,
    );
  });
});
