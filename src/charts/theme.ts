/** Fonts and colours shared by every chart. System fonts only: the site ships no web fonts. */

export const FONT_FAMILY =
  '"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif';

/** Pixel size of all chart text; the margins and label fitting below assume it. */
export const FONT_SIZE = 12;

export const COLORS = {
  /** 本期: the period being reported. */
  current: '#1d4f91',
  /** 同期 / the comparison period: muted. */
  previous: '#a3a8b0',
  /** 上升 is bad news for petitions: red. Text colours pass WCAG AA on white. */
  rise: '#c8102e',
  fall: '#237804',
  flat: '#595959',
  muted: '#8c8c8c',
  grid: '#e8e8e8',
} as const;

/** Categorical colours for parts and rates: no red or green, which carry 上升/下降. */
export const PALETTE = [
  '#1d4f91',
  '#e07b39',
  '#7a5195',
  '#3a9bb8',
  '#b5912f',
  '#8a8f98',
  '#c06c9a',
  '#4b6b3c',
] as const;

export const SERIES_CURRENT = '本期';
export const SERIES_PREVIOUS = '同期';

/** 本期 strong, 同期 grey, anything else from the palette. */
export function seriesColors(series: readonly string[]): string[] {
  let next = series.includes(SERIES_CURRENT) ? 1 : 0;
  return series.map((name) => {
    if (name === SERIES_CURRENT) return COLORS.current;
    if (name === SERIES_PREVIOUS) return COLORS.previous;
    return PALETTE[next++ % PALETTE.length] ?? COLORS.muted;
  });
}

/** 1 rise (red), -1 fall (green), 0 or null (no comparison) neutral. */
export function changeColor(sign: number | null): string {
  if (sign === 1) return COLORS.rise;
  if (sign === -1) return COLORS.fall;
  return COLORS.flat;
}
