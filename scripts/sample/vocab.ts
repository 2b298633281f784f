/** The fictional 示例区 and the vocabularies its exports use. No value here identifies a person. */
import type { Weighted } from './prng.ts';
import vocab from './vocab.json' with { type: 'json' };

/** A weighted list as vocab.json writes it: name → weight, in drawing order. */
const weightedList = <K extends string>(weights: Readonly<Record<K, number>>): Weighted<K> =>
  Object.entries(weights) as [K, number][];

const weightedLists = (
  lists: Readonly<Record<string, Readonly<Record<string, number>>>>,
): Readonly<Record<string, Weighted<string>>> =>
  Object.fromEntries(Object.entries(lists).map(([key, list]) => [key, weightedList(list)]));

/** 12 乡镇/街道 with a weight for how many petitions they raise. */
export const REGIONS = weightedList(vocab.regions);

export const isStreet = (region: string): boolean => region.endsWith('街道');

export const regionOffice = (region: string): string =>
  isStreet(region) ? `${region}办事处` : `${region}人民政府`;

/** Base share of each first-level category (new scheme), before seasonal and yearly factors. */
export const CATEGORY_WEIGHTS = weightedList(vocab.categoryWeights);

/** New category → the name the 2022 exports (previous scheme) use for it. */
export const OLD_SCHEME: Readonly<Record<string, string>> = vocab.oldScheme;

/** Labels outside the vocabulary (published as 其他), with the years they occur in. */
export const UNKNOWN_CATEGORY_LABELS: Readonly<Record<number, string>> =
  vocab.unknownCategoryLabels;

export interface Subcategory {
  name: string;
  weight: number;
  /** Tag and the chance it applies. */
  tag?: { name: string; chance: number };
}

export const SUBCATEGORIES: Readonly<Record<string, readonly Subcategory[]>> = vocab.subcategories;

/** Responsible department(s) per category; `*` = the township's own office. */
export const UNITS = weightedLists(vocab.units);

export const PURPOSES = weightedList(vocab.purposes);

export const SATISFACTIONS = weightedList(vocab.satisfactions);

/** Level of a non-visit record (letters and online petitions reach every level). */
export const OTHER_LEVELS = weightedList(vocab.otherLevels);

/** Where a record came from, given its level. */
export const SOURCES_BY_LEVEL = weightedLists(vocab.sourcesByLevel);
