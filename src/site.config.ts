import { DEFAULT_ALERT_OPTIONS, type AlertOptions } from './lib/alerts/options.ts';

/** The one file a bureau edits: names, hosting path, thresholds, weights, vocabulary. */
export const siteConfig = {
  bureauName: '示例区信访局',
  regionLabel: '乡镇（街道）',
  basePath: '/',
  collectiveThreshold: 5,
  /** 常住人口 by region (optional): enables per-10,000-residents rates on the 属地 page. */
  population: {
    城关街道: 86_000,
    南桥街道: 64_000,
    白鹭街道: 58_000,
    凤鸣街道: 47_000,
    东湖镇: 52_000,
    西山镇: 31_000,
    北塘镇: 38_000,
    青石镇: 27_000,
    金沙镇: 33_000,
    长乐镇: 29_000,
    柳河乡: 18_000,
    桃源乡: 16_000,
  } as Record<string, number>,
  ruleOfLaw: [
    { key: 'acceptance', name: '应受理未受理占比', weight: 1.2 },
    { key: 'handling', name: '未按规定办理占比', weight: 0.5 },
    { key: 'supervision', name: '督办后未化解占比', weight: 0.8 },
  ],
  extraCategories: [] as string[],
  /** 苗头预警 parameters (docs/definitions.md, 苗头预警): change a value here, e.g. `level: 0.998`. */
  alerts: { ...DEFAULT_ALERT_OPTIONS } as AlertOptions,
};
