import { describe, expect, it } from 'vitest';
import {
  CHART_NAMES,
  chartSpec,
  chartTable,
  tableToTsv,
  type ChartName,
} from '../src/charts/index.ts';
import { textWidth } from '../src/charts/measure.ts';
import { COLORS } from '../src/charts/theme.ts';
import { fixtures, singleFixture, zeroFixture, type Fixture } from './charts-fixtures.ts';
import { renderSvg, textExtent, texts } from './charts-helpers.ts';

function draw(name: ChartName, width: number, extra: object = {}): SVGSVGElement {
  const fixture = fixtures[name];
  const options = { ...fixture.options, width, ...extra };
  return renderSvg(chartSpec(name, fixture.rows as never, options as never));
}

function titles(svg: Element, selector: string): string[] {
  return [...svg.querySelectorAll(selector)].map(
    (n) => n.querySelector('title')?.textContent ?? '',
  );
}

const xTickLabels = (svg: Element) => texts(svg, 'g[aria-label="x-axis tick label"] text');

describe('size and fonts', () => {
  it('every chart takes the width it is given and keeps its text inside it', () => {
    for (const name of CHART_NAMES) {
      for (const width of [340, 640, 1000]) {
        const svg = draw(name, width);
        expect(svg.getAttribute('width'), name).toBe(String(width));
        expect(svg.getAttribute('viewBox'), name).toMatch(new RegExp(`^0 0 ${width} \\d+`));
        for (const text of svg.querySelectorAll('text')) {
          const { left, right, label } = textExtent(text, svg, textWidth);
          expect(left, `${name}@${width} "${label}"`).toBeGreaterThanOrEqual(-1);
          expect(right, `${name}@${width} "${label}"`).toBeLessThanOrEqual(width + 1);
        }
      }
    }
  });

  it('keeps text inside for long names, many keys and two-year spans at 340 px', () => {
    const units = [
      '区住房和城乡建设局',
      '区人力资源和社会保障局',
      '城关街道办事处',
      '东湖镇人民政府',
    ];
    const parts = ['受理', '不予受理', '不再受理', '待受理'];
    const byUnit = units.flatMap((x, i) => parts.map((part, j) => ({ x, part, value: 3 + i + j })));
    const months = Array.from(
      { length: 24 },
      (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    );
    const specs = [
      chartSpec('stacked-bar', byUnit, { unit: '件', width: 340 }),
      chartSpec('stacked-bar', byUnit, { unit: '件', width: 340, orientation: 'vertical' }),
      chartSpec(
        'grouped-bars',
        ['进京', '赴省', '到市', '本级', '来信', '网上信访', '电话', '其他'].flatMap((key, i) => [
          { key, series: '本期', value: 10 + i },
          { key, series: '同期', value: 12 - i },
        ]),
        { unit: '批', width: 340 },
      ),
      chartSpec(
        'ranked-bars',
        units.map((name, i) => ({
          name,
          value: 100 * i,
          previous: 0,
          changeText: '去年同期为0',
          changeSign: null,
        })),
        { unit: '人次', width: 340 },
      ),
      chartSpec(
        'heatmap',
        months.flatMap((month, i) => units.map((row, j) => ({ month, row, value: (i * j) % 17 }))),
        { unit: '批', width: 340 },
      ),
      chartSpec(
        'rate-lines',
        months.map((month, i) => ({ month, rate: '及时受理率', numerator: i, denominator: 30 })),
        { unit: '件', width: 340 },
      ),
    ];
    for (const spec of specs) {
      const svg = renderSvg(spec);
      for (const text of svg.querySelectorAll('text')) {
        const { left, right, label } = textExtent(text, svg, textWidth);
        expect(left, label).toBeGreaterThanOrEqual(-1);
        expect(right, label).toBeLessThanOrEqual(341);
      }
      const ticks = [...svg.querySelectorAll('g[aria-label="x-axis tick label"] text')]
        .map((t) => textExtent(t, svg, textWidth))
        .sort((a, b) => a.left - b.left);
      for (let i = 1; i < ticks.length; i++) {
        expect(ticks[i]?.left ?? 0).toBeGreaterThanOrEqual(ticks[i - 1]?.right ?? 0);
      }
    }
  });

  it('x-axis tick labels never overlap, at 340 px too', () => {
    for (const name of CHART_NAMES) {
      for (const width of [340, 640]) {
        const svg = draw(name, width);
        const boxes = [...svg.querySelectorAll('g[aria-label="x-axis tick label"] text')]
          .map((t) => textExtent(t, svg, textWidth))
          .sort((a, b) => a.left - b.left);
        for (let i = 1; i < boxes.length; i++) {
          const [a, b] = [boxes[i - 1], boxes[i]];
          if (a && b && a.label !== '' && b.label !== '') {
            expect(b.left, `${name}@${width}: ${a.label} / ${b.label}`).toBeGreaterThanOrEqual(
              a.right,
            );
          }
        }
      }
    }
  });

  it('uses fewer month ticks at 340 px than at 640 px', () => {
    expect(xTickLabels(draw('trend-yoy', 640))).toHaveLength(12);
    expect(xTickLabels(draw('trend-yoy', 340))).toEqual([
      '1月',
      '3月',
      '5月',
      '7月',
      '9月',
      '11月',
    ]);
    expect(xTickLabels(draw('heatmap', 340)).length).toBeLessThan(
      xTickLabels(draw('heatmap', 640)).length,
    );
    expect(xTickLabels(draw('rate-lines', 340)).length).toBeLessThan(
      xTickLabels(draw('rate-lines', 640)).length,
    );
  });

  it('uses the Chinese system font stack and no web fonts', () => {
    for (const name of CHART_NAMES) {
      const svg = draw(name, 640);
      const style = svg.getAttribute('style') ?? '';
      expect(style).toContain('"PingFang SC"');
      expect(style).toContain('"Microsoft YaHei"');
      expect(style).toContain('"Noto Sans CJK SC"');
      expect(style).toMatch(/sans-serif;/);
      expect(svg.outerHTML).not.toMatch(/@font-face|url\(/);
    }
  });

  it('small multiples wrap into as many columns as the width holds', () => {
    const columns = (width: number) => {
      const frames = draw('small-multiples', width).querySelectorAll('g[aria-label="frame"] rect');
      return new Set([...frames].map((r) => r.getAttribute('transform')?.split(',')[0])).size;
    };
    expect(columns(340)).toBe(2);
    expect(columns(640)).toBe(4);
    expect(columns(1000)).toBe(4);
  });

  it('legends wrap into rows when narrow', () => {
    const rows = (name: ChartName, width: number) => {
      const legend = draw(name, width).querySelector('g[aria-label="legend"]');
      const ys = [...(legend?.querySelectorAll('text') ?? [])].map((t) => t.getAttribute('y'));
      return ys.length === 0 ? 0 : new Set(ys).size;
    };
    expect(rows('heatmap', 640)).toBe(1);
    expect(rows('heatmap', 340)).toBe(2);
    expect(rows('rate-lines', 640)).toBe(1);
  });
});

describe('Chinese labels', () => {
  it('months read 1月..12月, with the year where a span crosses years', () => {
    for (const name of [
      'trend-yoy',
      'heatmap',
      'stacked-bar',
      'rate-lines',
      'cumulative',
    ] as const) {
      for (const label of xTickLabels(draw(name, 640))) expect(label, name).toMatch(/^\d{1,2}月$/);
    }
    const share = xTickLabels(draw('share-line', 640));
    expect(share[0]).toBe('2023年10月');
    expect(share).toContain('2024年2月');
    expect(share.filter((l) => l.includes('年'))).toHaveLength(2);
  });

  it('axes carry Chinese units', () => {
    expect(texts(draw('trend-yoy', 640), 'g[aria-label="y-axis label"] text')).toEqual(['批次']);
    expect(texts(draw('cumulative', 640), 'g[aria-label="y-axis label"] text')).toEqual([
      '累计批次',
    ]);
    expect(texts(draw('stacked-bar', 640), 'g[aria-label="y-axis label"] text')).toEqual(['件']);
    const percent = draw('rate-lines', 640);
    expect(texts(percent, 'g[aria-label="y-axis tick label"] text')).toEqual([
      '0%',
      '25%',
      '50%',
      '75%',
      '100%',
    ]);
  });

  it('sets aria-label from the options and describes the figures', () => {
    const svg = draw('trend-yoy', 640);
    expect(svg.getAttribute('aria-label')).toBe('赴省走访月度趋势');
    expect(svg.getAttribute('aria-description')).toBe(
      '本期（2024年）1-9月合计102批，同期（2023年）同月合计42批，上升142.9%。',
    );
    for (const name of CHART_NAMES)
      expect(draw(name, 640).getAttribute('aria-description')).not.toBe('');
  });
});

describe('hover titles', () => {
  it('every bar, dot and cell has a title', () => {
    for (const name of CHART_NAMES) {
      const svg = draw(name, 640);
      const shapes = svg.querySelectorAll(
        'g[aria-label="bar"] rect, g[aria-label="dot"] circle, g[aria-label="dot"] path, g[aria-label="cell"] rect, g[aria-label="tick"] line',
      );
      expect(shapes.length, name).toBeGreaterThan(0);
      for (const shape of shapes) expect(shape.querySelector('title'), name).not.toBeNull();
    }
  });

  it('rates show numerator and denominator', () => {
    const rates = titles(draw('rate-lines', 640), 'g[aria-label="dot"] circle');
    expect(rates).toContain('2024年1月 及时受理率 93.2%（110 / 118件）');
    expect(rates).toContain('2024年3月 按期办结率 90.4%（94 / 104件）');
    const share = titles(draw('share-line', 640), 'g[aria-label="dot"] circle');
    expect(share).toContain('2024年3月 越级访占走访比重 60.0%（15 / 25批）');
    const parts = titles(draw('stacked-bar', 640), 'g[aria-label="bar"] rect');
    expect(parts).toContain('2024年1月 受理：60件，占84.5%（60 / 71件）');
  });

  it('counts show the comparison and the hover label', () => {
    const trend = titles(draw('trend-yoy', 640), 'g[aria-label="dot"] circle');
    expect(trend).toContain('2024年3月 本期 赴省：12批（同期5批，上升140.0%）');
    expect(trend).toContain('2023年12月 同期 赴省：8批');
    const levels = titles(draw('level-pyramid', 640), 'g[aria-label="bar"] rect');
    expect(levels).toContain('赴省 本期（1-9月）：102批 / 179人次（同期42批，上升142.9%）');
    const ranked = titles(draw('ranked-bars', 640), 'g[aria-label="bar"] rect');
    expect(ranked[0]).toBe('第1位 城乡建设：186批，去年同期160批，上升16.3%');
    const cumulative = titles(draw('cumulative', 640), 'g[aria-label="dot"] circle');
    expect(cumulative).toContain('2024年1-3月累计 本期 赴省：29批（当月12批）');
  });

  it('interactive charts use Plot tips instead of static titles', () => {
    const svg = draw('trend-yoy', 640, { interactive: true });
    expect(svg.querySelector('g[aria-label="tip"]')).not.toBeNull();
    expect(titles(svg, 'g[aria-label="dot"] circle').every((t) => t === '')).toBe(true);
    expect(draw('trend-yoy', 640).querySelector('g[aria-label="tip"]')).toBeNull();
  });
});

describe('change colours: 上升 red, 下降 green, 持平 and 去年同期为0 grey', () => {
  const expected = (text: string) =>
    text.startsWith('上升') ? COLORS.rise : text.startsWith('下降') ? COLORS.fall : COLORS.flat;

  for (const name of ['ranked-bars', 'level-pyramid'] as const) {
    it(name, () => {
      const svg = draw(name, 340);
      const changes = [...svg.querySelectorAll('text')].filter((t) =>
        /^(上升|下降|持平|去年同期为0)/.test(t.childNodes[0]?.textContent ?? ''),
      );
      expect(changes.length).toBeGreaterThan(0);
      for (const t of changes) {
        expect(t.getAttribute('fill'), t.textContent ?? '').toBe(
          expected(t.childNodes[0]?.textContent ?? ''),
        );
      }
    });
  }

  it('ranked bars show every kind of change', () => {
    const words = texts(draw('ranked-bars', 640), 'text');
    for (const w of ['上升16.3%', '下降3.2%', '持平', '去年同期为0']) {
      expect(words.some((t) => t.startsWith(w))).toBe(true);
    }
  });

  it('a falling level is green', () => {
    const svg = renderSvg(
      chartSpec(
        'level-pyramid',
        [
          { level: '赴省', series: '本期', value: 30 },
          { level: '赴省', series: '同期', value: 40 },
        ],
        { unit: '批' },
      ),
    );
    const change = [...svg.querySelectorAll('text')].find((t) =>
      t.textContent?.startsWith('下降25.0%'),
    );
    expect(change?.getAttribute('fill')).toBe(COLORS.fall);
  });
});

describe('zero denominators and empty rows', () => {
  it('a rate with a zero denominator leaves a gap and says why', () => {
    const svg = draw('rate-lines', 640);
    const dots = titles(svg, 'g[aria-label="dot"] circle');
    expect(dots.some((t) => t.startsWith('2024年3月 满意率'))).toBe(false);
    const markers = titles(svg, 'g[aria-label="dot"] path');
    expect(markers).toEqual(['2024年3月 满意率 无（0 / 0件，分母为0）']);
    const satisfaction = [...svg.querySelectorAll('g[aria-label="line"] path')].find((p) =>
      p.querySelector('title')?.textContent?.startsWith('满意率'),
    );
    expect(satisfaction?.getAttribute('d')?.match(/M/g)).toHaveLength(2);
  });

  it('all-zero denominators draw no rate and never throw', () => {
    const rows = ['2024-01', '2024-02'].map((month) => ({ month, numerator: 0, denominator: 0 }));
    const svg = renderSvg(
      chartSpec('share-line', rows, { unit: '批', name: '越级访占走访比重', width: 340 }),
    );
    expect(svg.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(0);
    expect(titles(svg, 'g[aria-label="dot"] path')).toEqual([
      '2024年1月 越级访占走访比重：无（0 / 0批，分母为0）',
      '2024年2月 越级访占走访比重：无（0 / 0批，分母为0）',
    ]);
    const table = chartTable('share-line', rows, { unit: '批', name: '越级访占走访比重' });
    expect(table.rows.map((r) => r[1])).toEqual(['无', '无']);
  });

  it('months between the two periods are on the axis, never counted as 0 / 0', () => {
    const rows = [
      { month: '2023-08', numerator: 2, denominator: 10 },
      { month: '2023-09', numerator: 1, denominator: 5 },
      { month: '2024-01', numerator: 3, denominator: 12 },
    ];
    const months = ['2023-08', '2023-09', '2024-01', '2024-02'];
    const options = { unit: '批', name: '越级访占走访比重', width: 640, months };
    const svg = renderSvg(chartSpec('share-line', rows, options));
    expect(titles(svg, 'g[aria-label="dot"] circle')).toEqual([
      '2023年8月 越级访占走访比重 20.0%（2 / 10批）',
      '2023年9月 越级访占走访比重 20.0%（1 / 5批）',
      '2024年1月 越级访占走访比重 25.0%（3 / 12批）',
    ]);
    // 2024-02 is covered and had no 走访: 0 / 0; 2023-10…12 were not counted at all.
    expect(titles(svg, 'g[aria-label="dot"] path')).toEqual([
      '2024年2月 越级访占走访比重：无（0 / 0批，分母为0）',
    ]);
    expect(svg.getAttribute('aria-description') ?? svg.textContent).toContain('4个月合计');
    const line = svg.querySelector('g[aria-label="line"] path')?.getAttribute('d') ?? '';
    expect(line.match(/M/g)).toHaveLength(2);
    const table = chartTable('share-line', rows, options);
    expect(table.rows.map((r) => r[0])).toEqual([
      '2023年8月',
      '2023年9月',
      '2024年1月',
      '2024年2月',
    ]);
  });

  it('a ranked row with no comparison draws no comparison tick and its table says 无', () => {
    const rows = [
      {
        name: '区住建局（9/10）',
        value: 90,
        previous: 80,
        changeText: '去年同期80.0%',
        changeSign: -1,
      },
      {
        name: '区城管局（3/4）',
        value: 75,
        previous: null,
        changeText: '无可比数据',
        changeSign: null,
      },
    ] as const;
    const options = { unit: '%', label: '各责任单位按期办结率', width: 640 };
    const svg = renderSvg(chartSpec('ranked-bars', rows as never, options));
    expect(titles(svg, 'g[aria-label="tick"] line')).toEqual([
      '第1位 区住建局（9/10）：90%，去年同期80%，去年同期80.0%',
    ]);
    expect(titles(svg, 'g[aria-label="bar"] rect')[1]).toBe(
      '第2位 区城管局（3/4）：75%，去年同期无，无可比数据',
    );
    const table = chartTable('ranked-bars', rows as never, options);
    expect(table.rows.map((r) => r[3])).toEqual(['80%', '无']);
  });

  it('stacked parts of an all-zero bar do not divide by zero', () => {
    const rows = [{ x: '区住建局', part: '受理', value: 0 }];
    const svg = renderSvg(chartSpec('stacked-bar', rows, { unit: '件', width: 340 }));
    expect(svg.getAttribute('width')).toBe('340');
  });

  it('every chart draws 无数据 for no rows, at any width', () => {
    for (const name of CHART_NAMES) {
      for (const width of [340, 640]) {
        const options = { ...fixtures[name].options, width };
        const svg = renderSvg(chartSpec(name, [], options as never));
        if (name === 'alert-matrix') {
          // No alert is a figure, not missing data: every cell drawn pale, none shaded.
          const cells = [...svg.querySelectorAll('g[aria-label="cell"]')];
          const matrix = fixtures['alert-matrix'].options;
          expect(cells.map((g) => g.querySelectorAll('rect').length)).toEqual([
            (matrix.rowOrder?.length ?? 0) * (matrix.columns?.length ?? 0),
          ]);
          expect(texts(svg, 'text').join('')).not.toContain('无数据');
          continue;
        }
        expect(texts(svg, 'text'), name).toEqual(['无数据所选条件下没有数据']);
        expect(svg.getAttribute('width')).toBe(String(width));
      }
    }
  });

  it('rows whose numbers are not finite count as no rows', () => {
    const svg = renderSvg(
      chartSpec('trend-yoy', [{ month: 1, series: '本期', value: Number.NaN }], { unit: '批' }),
    );
    expect(texts(svg, 'text')[0]).toContain('无数据');
    const bad = renderSvg(
      chartSpec('heatmap', [{ month: '2024-13', row: '政法', value: 3 }], { unit: '批' }),
    );
    expect(texts(bad, 'text')[0]).toContain('无数据');
  });
});

function drawFixture(
  name: ChartName,
  fixture: Fixture<ChartName>,
  extra: object = {},
): SVGSVGElement {
  const options = { ...fixture.options, width: 640, ...extra };
  return renderSvg(chartSpec(name, fixture.rows as never, options as never));
}

const number = (node: Element, attribute: string): number =>
  Number(node.getAttribute(attribute) ?? Number.NaN);

/** Each bar's length along the count axis: width for horizontal bars, height for vertical. */
function barLengths(svg: Element, horizontal: boolean): number[] {
  return [...svg.querySelectorAll('g[aria-label="bar"] rect')].map((rect) =>
    number(rect, horizontal ? 'width' : 'height'),
  );
}

/** The bar charts, each orientation they draw. */
const BAR_CASES: { name: ChartName; horizontal: boolean; options?: object; bars: number }[] = (
  [
    { name: 'level-pyramid', horizontal: true, bars: 8 },
    { name: 'ranked-bars', horizontal: true, bars: 6 },
    { name: 'grouped-bars', horizontal: false, options: { orientation: 'vertical' }, bars: 6 },
    { name: 'grouped-bars', horizontal: true, options: { orientation: 'horizontal' }, bars: 6 },
    { name: 'stacked-bar', horizontal: false, options: { orientation: 'vertical' }, bars: 0 },
    { name: 'stacked-bar', horizontal: true, options: { orientation: 'horizontal' }, bars: 0 },
  ] as const
).map((c) => ({ ...c, label: `${c.name} ${c.horizontal ? 'horizontal' : 'vertical'}` }));

describe('all-zero and single-value input: a zero bar has zero length', () => {
  it.each(BAR_CASES)(
    '$label: every bar of an all-zero input is 0 px long',
    ({ name, horizontal, options, bars }) => {
      const svg = drawFixture(name, zeroFixture(name), options);
      const lengths = barLengths(svg, horizontal);
      // stacked bars leave out zero parts altogether; the others draw each bar at 0
      expect(lengths).toHaveLength(bars);
      for (const length of lengths) expect(length).toBe(0);
      expect(texts(svg, 'text').join(' ')).toContain('0');
      // the count axis still runs from 0 upwards
      expect(svg.outerHTML).not.toMatch(/NaN|Infinity/);
    },
  );

  it.each(BAR_CASES)(
    '$label: a single value gets a bar longer than 0, the others none',
    ({ name, horizontal, options }) => {
      const svg = drawFixture(name, singleFixture(name), options);
      const lengths = barLengths(svg, horizontal);
      expect(lengths).toHaveLength(1);
      expect(lengths[0]).toBeGreaterThan(0);
      expect(svg.outerHTML).not.toMatch(/NaN|Infinity/);
    },
  );

  it('ranked bars put the comparison tick of an all-zero input at 0 too', () => {
    const svg = drawFixture('ranked-bars', zeroFixture('ranked-bars'));
    const bars = [...svg.querySelectorAll('g[aria-label="bar"] rect')].map((r) => number(r, 'x'));
    const ticks = [...svg.querySelectorAll('g[aria-label="tick"] line')];
    expect(ticks.length).toBe(6);
    for (const tick of ticks) expect(number(tick, 'x1')).toBe(bars[0]);
  });

  /** Line charts: every point of an all-zero input lies on the zero line. */
  it.each(['trend-yoy', 'cumulative', 'share-line', 'rate-lines'] as const)(
    '%s: all-zero points sit on the 0 tick of the y axis',
    (name) => {
      const svg = drawFixture(name, zeroFixture(name));
      const zeroTick = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].find(
        (t) => /^0%?$/.test(t.textContent ?? ''),
      );
      const y = Number(
        /translate\([^,]+,([^)]+)\)/.exec(zeroTick?.getAttribute('transform') ?? '')?.[1],
      );
      expect(Number.isFinite(y)).toBe(true);
      const dots = [...svg.querySelectorAll('g[aria-label="dot"] circle')];
      expect(dots.length).toBeGreaterThan(0);
      for (const dot of dots) expect(number(dot, 'cy')).toBe(y);
    },
  );

  it('small multiples: all-zero points sit on the bottom of each panel', () => {
    const svg = drawFixture('small-multiples', zeroFixture('small-multiples'));
    const frame = svg.querySelector('g[aria-label="frame"] rect');
    const bottom = number(frame as Element, 'y') + number(frame as Element, 'height');
    const dots = [...svg.querySelectorAll('g[aria-label="dot"] circle')];
    expect(dots.length).toBe(fixtures['small-multiples'].rows.length);
    for (const dot of dots) expect(number(dot, 'cy')).toBe(bottom);
  });

  it('heatmap: all-zero cells share the zero colour and carry no value text', () => {
    const svg = drawFixture('heatmap', zeroFixture('heatmap'));
    const fills = new Set(
      [...svg.querySelectorAll('g[aria-label="cell"] rect')].map((r) => r.getAttribute('fill')),
    );
    expect(fills.size).toBe(1);
    expect(svg.querySelector('g[aria-label="text"]')).toBeNull();
    const single = drawFixture('heatmap', singleFixture('heatmap'));
    expect(single.querySelectorAll('g[aria-label="cell"] rect')).toHaveLength(1);
  });

  it('every chart draws an all-zero and a single-value input without NaN', () => {
    for (const name of CHART_NAMES) {
      for (const fixture of [zeroFixture(name), singleFixture(name)]) {
        expect(drawFixture(name, fixture).outerHTML, name).not.toMatch(/NaN|Infinity/);
      }
    }
  });
});

describe('table view', () => {
  it('every chart has a table with one cell per header', () => {
    for (const name of CHART_NAMES) {
      const table = chartTable(name, fixtures[name].rows as never, fixtures[name].options as never);
      expect(table.rows.length, name).toBeGreaterThan(0);
      for (const row of table.rows) expect(row, name).toHaveLength(table.headers.length);
    }
  });

  it('trend: month, 本期, 同期, change', () => {
    const table = chartTable(
      'trend-yoy',
      fixtures['trend-yoy'].rows,
      fixtures['trend-yoy'].options,
    );
    expect(table.headers).toEqual(['月份', '本期（2024年）', '同期（2023年）', '增减']);
    expect(table.rows[0]).toEqual(['2024年1月', '8批', '3批', '上升166.7%']);
    expect(table.rows[11]).toEqual(['2024年12月', '—', '8批', '—']);
  });

  it('levels keep their hover labels; rates their counts', () => {
    const levels = chartTable('level-pyramid', fixtures['level-pyramid'].rows, {
      unit: '批',
      periodLabel: '1-9月',
    });
    expect(levels.rows[0]).toEqual(['进京', '16批 / 17人次', '15批 / 16人次', '上升6.7%']);
    const rates = chartTable('rate-lines', fixtures['rate-lines'].rows, { unit: '件' });
    expect(rates.headers).toEqual(['月份', '及时受理率', '按期办结率', '满意率', '参评率']);
    expect(rates.rows[2]?.[3]).toBe('无（0 / 0件，分母为0）');
  });

  it('a zero comparison reads 去年同期为0, or 上期为0 when the page compares 环比', () => {
    const months = [
      { month: 1, series: '本期' as const, value: 3 },
      { month: 1, series: '同期' as const, value: 0 },
    ];
    const levels = [
      { level: '赴省', series: '本期' as const, value: 3 },
      { level: '赴省', series: '同期' as const, value: 0 },
    ];
    for (const compare of ['yoy', 'mom'] as const) {
      const zero = compare === 'yoy' ? '去年同期为0' : '上期为0';
      const options = { unit: '批', compare };
      expect(chartTable('trend-yoy', months, options).rows[0]?.[3]).toBe(zero);
      expect(chartTable('cumulative', months, options).rows[0]?.[3]).toBe(zero);
      expect(chartTable('level-pyramid', levels, options).rows[0]?.[3]).toBe(zero);
    }
  });

  it('ranked table keeps rows a limit hides', () => {
    const fixture = fixtures['ranked-bars'];
    const svg = renderSvg(chartSpec('ranked-bars', fixture.rows, { ...fixture.options, limit: 3 }));
    expect(svg.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(3);
    expect(
      chartTable('ranked-bars', fixture.rows, { ...fixture.options, limit: 3 }).rows,
    ).toHaveLength(6);
  });

  it('copies as tab-separated text', () => {
    expect(
      tableToTsv({
        headers: ['名称', '本期'],
        rows: [
          ['城乡建设', '186批'],
          ['a\tb', '"x"'],
        ],
      }),
    ).toBe('名称\t本期\n城乡建设\t186批\n"a\tb"\t"""x"""');
  });
});

describe('registry', () => {
  it('names the twelve charts', () => {
    expect(CHART_NAMES).toEqual([
      'trend-yoy',
      'level-pyramid',
      'ranked-bars',
      'heatmap',
      'small-multiples',
      'cumulative',
      'share-line',
      'stacked-bar',
      'rate-lines',
      'grouped-bars',
      'alert-band',
      'alert-matrix',
    ]);
  });
});
