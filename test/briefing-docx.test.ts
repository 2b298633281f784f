/** The Word briefing from a report: the figures table's wording, and the document's XML. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zlibSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPublished } from '../src/node/duckdb-node.ts';
import {
  briefingDocx,
  BRIEFING_TEXT_WIDTH_PX,
  type BriefingChart,
} from '../src/lib/briefing-docx.ts';
import { headlineFigures } from '../src/lib/briefing-figures.ts';
import { rate } from '../src/lib/rates.ts';
import { computeReport, type Report } from '../src/lib/report.ts';
import { siteConfig } from '../src/site.config.ts';
import {
  paragraphTexts,
  parseXml,
  partText,
  placedImages,
  pngSize,
  tableRows,
  unzipDocx,
  type Parts,
} from './helpers/docx.ts';
import { writePublishedDb, type TestRecord } from './helpers/published-db.ts';

const RECORDS: TestRecord[] = [
  { registered_on: '2023-02-03', level: '进京' },
  { registered_on: '2023-02-10', level: '赴省', persons: 6, is_repeat: true },
  ...['2023-03-01', '2023-03-02', '2023-03-03', '2023-03-04'].map((day) => ({
    registered_on: day,
    channel: '来信',
  })),
  { registered_on: '2024-02-03', level: '进京', persons: 2, is_repeat: true },
  { registered_on: '2024-02-04', level: '进京', persons: 5, is_repeat: true },
  { registered_on: '2024-01-15', leader_case: true },
  { registered_on: '2024-03-09', channel: '来信' },
  { registered_on: '2024-03-12', channel: '来信' },
  { registered_on: '2024-03-10', channel: '网上信访', leader_case: true, resolved: true },
];

let dir = '';
let yoy: Report;
let mom: Report;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'briefing-docx-'));
  const db = await openPublished(await writePublishedDb(dir, RECORDS));
  const options = {
    collectiveThreshold: 5,
    ruleOfLaw: siteConfig.ruleOfLaw,
    placeName: '我区',
    regionLabel: '乡镇（街道）',
  };
  try {
    yoy = await computeReport(db.run, {}, options);
    mom = await computeReport(db.run, { compare: 'mom' }, options);
  } finally {
    db.close();
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A white RGB PNG of the given pixel size. */
function whitePng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Uint8Array => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, width);
  new DataView(header.buffer).setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = new Uint8Array((width * 3 + 1) * height).fill(255);
  for (let y = 0; y < height; y++) rows[y * (width * 3 + 1)] = 0;
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', zlibSync(rows)),
    chunk('IEND', new Uint8Array()),
  ];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    png.set(part, at);
    at += part.length;
  }
  return png;
}

const chart = (title: string, width: number, height: number): BriefingChart => ({
  title,
  subtitle: `2024年1-3月 · 单位：批 · ${title}`,
  png: whitePng(width * 2, height * 2),
  width,
  height,
});

describe('headline figures', () => {
  it('says each figure beside its comparison, in the cards’ words, exactly', () => {
    const rows = headlineFigures(yoy).map((row) => [
      row.indent ? `　${row.label}` : row.label,
      row.current.join('|'),
      row.previous.join('|'),
      row.change.join('|'),
    ]);
    expect(rows).toEqual([
      ['登记信访', '6批11人次', '6批11人次', '批次持平|人次持平'],
      ['来信', '2件', '4件', '下降50.0%'],
      ['来访', '3批8人次', '2批7人次', '批次上升50.0%|人次上升14.3%'],
      ['网上信访', '1件', '0件', '去年同期为0'],
      ['进京走访', '2批7人次', '1批1人次', '批次上升100.0%|人次上升600.0%'],
      ['　其中集体访', '1批5人次', '0批0人次', '去年同期为0'],
      ['赴省走访', '0批0人次', '1批6人次', '批次下降100.0%|人次下降100.0%'],
      ['　其中集体访', '0批0人次', '1批6人次', '批次下降100.0%|人次下降100.0%'],
      ['到市走访', '0批0人次', '0批0人次', '持平'],
      ['本级走访', '1批1人次', '0批0人次', '去年同期为0'],
      // 2/6 = 33.3%, 1/6 = 16.7%: 16.6 points, where floats give 16.599999…
      ['重复信访率', '33.3%|2/6', '16.7%|1/6', '上升16.6个百分点'],
      // due for a decision by 2023-03-12 (the comparison ends on the cut-off day): 2
      ['及时受理率', '0.0%|0/3', '0.0%|0/2', '持平'],
      // nothing to divide by now: no change to state, as for the 办理时效 shares below
      ['按期办结率', '无', '无', '—'],
      ['满意率', '无', '无', '—'],
      ['参评率', '无', '无', '—'],
      // no acceptance or closing dates in these records: no 办理时效 at all
      ['受理用时中位数', '—', '—', '—'],
      ['15日内受理率', '无', '无', '—'],
      ['办结用时中位数', '—', '—', '—'],
      ['60日内办结率', '无', '无', '—'],
      ['领导包案化解率', '50.0%|1/2', '—', '—'],
      ['督办化解率', '无', '—', '—'],
      ['法治化考核得分', '—', '—', '—'],
    ]);
  });

  it('says 去年同期无 for a share whose comparison timed nothing, as for the rates', () => {
    const acceptance = { ...yoy.handlingTime.acceptance, count: 4, median: 3, within: rate(3, 4) };
    const rows = headlineFigures({ ...yoy, handlingTime: { ...yoy.handlingTime, acceptance } });
    expect(rows.find((row) => row.label === '15日内受理率')?.change).toEqual(['去年同期无']);
  });

  it('compares with the previous period under 环比', () => {
    const online = headlineFigures(mom).find((row) => row.label === '网上信访');
    expect(mom.period).toMatchObject({ compareFrom: '2023-10', compareTo: '2023-12' });
    expect(online?.change).toEqual(['上期为0']);
  });
});

describe('briefing .docx', () => {
  let parts: Parts;
  let xml = '';

  beforeAll(async () => {
    const bytes = await briefingDocx({
      report: yoy,
      bureauName: '示例区信访局',
      scope: '来访 · 进京',
      charts: [chart('宽<图>&表', 1200, 600), chart('窄图', 300, 200), chart('高图', 589, 2000)],
    });
    parts = unzipDocx(bytes);
    xml = partText(parts, 'word/document.xml');
  });

  it('opens with the title, the bureau and the scope, then the briefing line by line', () => {
    const texts = paragraphTexts(xml);
    expect(texts.slice(0, 3)).toEqual([
      '2024年1月1日-3月12日信访工作情况汇报',
      '示例区信访局',
      '统计范围：来访 · 进京　数据截至2024年3月12日',
    ]);
    const lines = yoy.text.split('\n');
    const start = texts.indexOf(lines[0] ?? '');
    expect(start).toBeGreaterThan(2);
    expect(texts.slice(start, start + lines.length)).toEqual(lines);
  });

  it('sets 仿宋 三号 body with a two-character indent, 黑体 headings, a 楷体 lead', () => {
    const document = parseXml(xml);
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const paragraph = (start: string): Element => {
      const found = [...document.getElementsByTagNameNS(W, 'p')].find((p) =>
        (p.textContent ?? '').startsWith(start),
      );
      if (!found) throw new Error(`no paragraph starting ${start}`);
      return found;
    };
    const fonts = (p: Element): (string | null)[] =>
      [...p.getElementsByTagNameNS(W, 'rFonts')].map((f) => f.getAttributeNS(W, 'eastAsia'));
    const heading = paragraph('一、');
    expect(fonts(heading)).toEqual(['黑体']);
    expect(heading.getElementsByTagNameNS(W, 'b')).toHaveLength(1);
    const visits = paragraph('（一）走访情况分析。');
    expect(fonts(visits)).toEqual(['楷体', '仿宋']);
    expect(visits.getElementsByTagNameNS(W, 'r')[0]?.textContent).toBe('（一）走访情况分析。');
    const body = paragraph('1月1日-3月12日（同比：2023年1月1日-3月12日）');
    expect(fonts(body)).toEqual(['仿宋']);
    expect(body.getElementsByTagNameNS(W, 'sz')[0]?.getAttributeNS(W, 'val')).toBe('32');
    expect(body.getElementsByTagNameNS(W, 'ind')[0]?.getAttributeNS(W, 'firstLineChars')).toBe(
      '200',
    );
  });

  it('has a fixed four-column table of the headline figures across the text width', () => {
    const document = parseXml(xml);
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const grid = [...document.getElementsByTagNameNS(W, 'gridCol')].map((col) =>
      Number(col.getAttributeNS(W, 'w')),
    );
    expect(grid).toHaveLength(4);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(11906 - 1587 - 1474);
    expect(document.getElementsByTagNameNS(W, 'tblLayout')[0]?.getAttributeNS(W, 'type')).toBe(
      'fixed',
    );
    const rows = tableRows(xml);
    // the data ends 2024-03-12: both columns name the days they hold
    expect(rows[0]).toEqual([
      '指标',
      '本期|2024年1月1日-3月12日',
      '同期|2023年1月1日-3月12日',
      '同比变化',
    ]);
    expect(rows).toContainEqual(['重复信访率', '33.3%|2/6', '16.7%|1/6', '上升16.6个百分点']);
    expect(rows).toHaveLength(1 + headlineFigures(yoy).length);
  });

  it('places each chart to fit the page, with its caption and subtitle', () => {
    const images = placedImages(parts);
    expect(images.map(({ width, height }) => [width, height])).toEqual([
      [BRIEFING_TEXT_WIDTH_PX, Math.round((600 * BRIEFING_TEXT_WIDTH_PX) / 1200)],
      [300, 200],
      [Math.round((589 * 730) / 2000), 730],
    ]);
    expect(images.map((image) => pngSize(parts[image.part] ?? new Uint8Array()))).toEqual([
      { width: 2400, height: 1200 },
      { width: 600, height: 400 },
      { width: 1178, height: 4000 },
    ]);
    const texts = paragraphTexts(xml);
    expect(texts).toContain('图1　宽<图>&表');
    expect(texts).toContain('2024年1-3月 · 单位：批 · 宽<图>&表');
    expect(texts).toContain('图3　高图');
  });

  it('is a well-formed package that says what each part is', () => {
    const types = partText(parts, '[Content_Types].xml');
    expect(() => parseXml(types)).not.toThrow();
    expect(types).toContain('<Default ContentType="image/png" Extension="png"/>');
    for (const name of Object.keys(parts)) {
      if (/\.(xml|rels)$/.test(name)) expect(() => parseXml(partText(parts, name))).not.toThrow();
    }
    expect(partText(parts, 'docProps/core.xml')).toContain(
      '<dc:title>2024年1月1日-3月12日信访工作情况汇报</dc:title>',
    );
  });
});
