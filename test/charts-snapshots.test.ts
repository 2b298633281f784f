import { describe, expect, it } from 'vitest';
import { CHART_NAMES, chartSpec, type ChartName } from '../src/charts/index.ts';
import { fixtures, singleFixture, zeroFixture, type Fixture } from './charts-fixtures.ts';
import { normalizeSvg, renderSvg } from './charts-helpers.ts';

function render(name: ChartName, width: number): string {
  const fixture = fixtures[name];
  // The registry's per-name types meet here; each fixture is typed by its own name.
  const spec = chartSpec(name, fixture.rows as never, { ...fixture.options, width } as never);
  return normalizeSvg(renderSvg(spec));
}

describe('chart snapshots (normalised SVG, test/charts-snapshots/)', () => {
  for (const name of CHART_NAMES) {
    for (const width of [640, 340]) {
      it(`${name} at ${width} px`, async () => {
        const svg = render(name, width);
        expect(svg).not.toMatch(/plot-d6a7b5/);
        await expect(svg).toMatchFileSnapshot(`./charts-snapshots/${name}-${width}.svg`);
      });
    }
  }

  for (const name of CHART_NAMES) {
    for (const [kind, make] of [
      ['zero', zeroFixture],
      ['single', singleFixture],
    ] as const) {
      it(`${name}, ${kind === 'zero' ? 'every value 0' : 'a single value'}, at 640 px`, async () => {
        const fixture: Fixture<ChartName> = make(name);
        const spec = chartSpec(
          name,
          fixture.rows as never,
          {
            ...fixture.options,
            width: 640,
          } as never,
        );
        const svg = normalizeSvg(renderSvg(spec));
        expect(svg).not.toMatch(/NaN|Infinity/);
        await expect(svg).toMatchFileSnapshot(`./charts-snapshots/${name}-${kind}-640.svg`);
      });
    }
  }

  it('renders the same text twice', () => {
    for (const name of CHART_NAMES) expect(render(name, 500)).toBe(render(name, 500));
  });

  it('empty rows: a frame with 无数据', async () => {
    const svg = normalizeSvg(renderSvg(chartSpec('trend-yoy', [], { unit: '批', width: 340 })));
    await expect(svg).toMatchFileSnapshot('./charts-snapshots/empty-340.svg');
  });
});
