/** The two counts of every petition figure, 批 (batches) and 人次 (persons), and which one is shown. */

export interface Counts {
  batches: number;
  persons: number;
}

/** Which of the two counts a chart, ranking or alert is about (the URL's `measure`). */
export const MEASURES = ['batches', 'persons'] as const;
export type Measure = (typeof MEASURES)[number];

/** 'batches' → '批', 'persons' → '人次' */
export const MEASURE_UNITS: Record<Measure, string> = { batches: '批', persons: '人次' };
