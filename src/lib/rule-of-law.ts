import { decimalFraction, formatScaled, roundScaled, scaledToNumber } from './decimal.ts';

/** The data behind the 法治化 terms; see docs/definitions.md. */
const RULE_OF_LAW_KEYS = ['acceptance', 'handling', 'supervision'] as const;
export type RuleOfLawKey = (typeof RULE_OF_LAW_KEYS)[number];

export interface RuleOfLawTermConfig {
  key: string;
  name: string;
  weight: number;
}

export interface RuleOfLawTerm {
  key: RuleOfLawKey;
  name: string;
  numerator: number;
  denominator: number;
  weight: number;
  /** numerator ÷ denominator × weight, half-up to 3 decimals; null when nothing was due. */
  score: number | null;
}

export interface RuleOfLaw {
  terms: RuleOfLawTerm[];
  /** The sum of the rounded term scores (terms with nothing due add nothing). */
  total: number;
}

export type RuleOfLawCounts = Record<RuleOfLawKey, { numerator: number; denominator: number }>;

function isKey(key: string): key is RuleOfLawKey {
  return (RULE_OF_LAW_KEYS as readonly string[]).includes(key);
}

/** Thousandths of a point: 112÷114×1.2 → 1179. */
export function termThousandths(numerator: number, denominator: number, weight: number): number {
  const w = decimalFraction(weight);
  return roundScaled(numerator * w.numerator, denominator * w.denominator, 3);
}

export function ruleOfLawScore(
  config: readonly RuleOfLawTermConfig[],
  counts: RuleOfLawCounts,
): RuleOfLaw {
  let total = 0;
  const terms = config.map((term): RuleOfLawTerm => {
    if (!isKey(term.key)) {
      throw new Error(
        `法治化考核项 ${term.key}（${term.name}）无对应数据，可用的项：${RULE_OF_LAW_KEYS.join('、')}`,
      );
    }
    const { numerator, denominator } = counts[term.key];
    const scored = { key: term.key, name: term.name, numerator, denominator, weight: term.weight };
    if (denominator === 0) return { ...scored, score: null };
    const thousandths = termThousandths(numerator, denominator, term.weight);
    total += thousandths;
    return { ...scored, score: scaledToNumber(thousandths, 3) };
  });
  return { terms, total: scaledToNumber(total, 3) };
}

/** '1.179', '2.229', '0.000'. */
export function scoreText(score: number): string {
  return formatScaled(Math.round(score * 1000), 3);
}
