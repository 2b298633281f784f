import type { ReportOptions } from './report.ts';
import { placeWord } from './wording.ts';

/** The report's options from the site config: the report command, the site and the browser agree. */
export function reportOptions(config: {
  bureauName: string;
  collectiveThreshold: number;
  regionLabel: string;
  ruleOfLaw: ReportOptions['ruleOfLaw'];
}): ReportOptions {
  return {
    collectiveThreshold: config.collectiveThreshold,
    ruleOfLaw: config.ruleOfLaw,
    placeName: placeWord(config.bureauName),
    regionLabel: config.regionLabel,
  };
}
