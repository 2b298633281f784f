/** The one file a bureau edits: names, hosting path, thresholds, weights, vocabulary. */
export const siteConfig = {
  bureauName: '示例区信访局',
  regionLabel: '乡镇（街道）',
  basePath: '/',
  collectiveThreshold: 5,
  population: {} as Record<string, number>,
  ruleOfLaw: [
    { key: 'acceptance', name: '应受理未受理占比', weight: 1.2 },
    { key: 'handling', name: '未按规定办理占比', weight: 0.5 },
    { key: 'supervision', name: '督办后未化解占比', weight: 0.8 },
  ],
  extraCategories: [] as string[],
};
