import type { ReportOptions } from './report.ts';
import { placeWord } from './wording.ts';
import type { Coverage } from './figure-columns.ts';

/** The report's options from the site config: the report command, the site and the browser agree. */
export function reportOptions(
  config: {
    bureauName: string;
    collectiveThreshold: number;
    regionLabel: string;
    ruleOfLaw: ReportOptions['ruleOfLaw'];
  },
  coverage: Coverage = {},
): ReportOptions {
  return {
    coverage,
    collectiveThreshold: config.collectiveThreshold,
    ruleOfLaw: config.ruleOfLaw,
    placeName: placeWord(config.bureauName),
    regionLabel: config.regionLabel,
  };
}
