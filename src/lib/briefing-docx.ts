/**
 * The 情况汇报 as a Word document, in the bureau's official-document style (GB/T 9704 page and
 * fonts): title, bureau, scope, the briefing text, a table of headline figures, the charts.
 * Pure: runs in Node and in the browser; the chart PNGs are made by the caller.
 */
import {
  AlignmentType,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IFontAttributesProperties,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { headlineFigures, type FigureRow } from './briefing-figures.ts';
import { dateText } from './periods.ts';
import type { Report } from './report.ts';
import { COMPARE_LABELS } from './view-state.ts';

export interface BriefingChart {
  title: string;
  subtitle: string;
  png: Uint8Array;
  /** CSS px of the image at 1× (the PNG itself may hold 2× the pixels). */
  width: number;
  height: number;
}

export interface BriefingInput {
  report: Report;
  bureauName: string;
  /** The filters in one line: '全部', '来访 · 赴省'. */
  scope: string;
  charts: readonly BriefingChart[];
}

/** A4 with GB/T 9704 margins (37/35/28/26 mm), in twips. */
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1587, right: 1474 };
const TEXT_TWIPS = PAGE.width - PAGE.left - PAGE.right;
/** The text column in CSS px (15 twips each): charts drawn this wide go in unscaled. */
export const BRIEFING_TEXT_WIDTH_PX = Math.floor(TEXT_TWIPS / 15);
/** A chart taller than this is shrunk to leave its caption room on the page. */
const IMAGE_MAX_HEIGHT_PX = Math.floor((PAGE.height - PAGE.top - PAGE.bottom) / 15) - 120;

/** Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt. */
const SIZE = { title: 44, body: 32, caption: 28, table: 24 } as const;

const font = (name: string): IFontAttributesProperties => ({
  ascii: name,
  hAnsi: name,
  eastAsia: name,
  cs: name,
  hint: 'eastAsia',
});
const FONTS = {
  body: font('仿宋'),
  heading: font('黑体'),
  lead: font('楷体'),
  title: font('宋体'),
};

/** 三号 body on a fixed 28 pt line, first line in by two characters. */
const BODY_SPACING = { line: 560, lineRule: LineRuleType.EXACT } as const;
const FIRST_LINE = { firstLineChars: 200, firstLine: 640 } as const;
const TABLE_COLUMNS = [2245, 2200, 2200, TEXT_TWIPS - 2245 - 4400];

const HEADING = /^[一二三四五六七八九十]+、/;
const LEAD = /^（[一二三四五六七八九十]+）[^。]*。/;

function run(text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ text, font: FONTS.body, size: SIZE.body, ...options });
}

function paragraph(
  children: NonNullable<IParagraphOptions['children']>,
  options: IParagraphOptions = {},
): Paragraph {
  return new Paragraph({ ...options, children });
}

function centered(text: string, runOptions: Omit<IRunOptions, 'text'>, after = 0): Paragraph {
  return paragraph([run(text, runOptions)], {
    alignment: AlignmentType.CENTER,
    spacing: { ...BODY_SPACING, after },
  });
}

/** One line of the briefing: '一、…' a 黑体 heading; a '（一）…。' lead in 楷体; else 仿宋. */
function briefingParagraph(line: string): Paragraph {
  const options: IParagraphOptions = {
    alignment: AlignmentType.JUSTIFIED,
    spacing: BODY_SPACING,
    indent: FIRST_LINE,
  };
  if (HEADING.test(line)) {
    return paragraph([run(line, { font: FONTS.heading, bold: true })], {
      ...options,
      outlineLevel: 0,
      keepNext: true,
    });
  }
  const lead = LEAD.exec(line)?.[0];
  if (lead) {
    return paragraph([run(lead, { font: FONTS.lead }), run(line.slice(lead.length))], options);
  }
  return paragraph([run(line)], options);
}

function cell(
  lines: readonly string[],
  width: number,
  options: { header?: boolean; indent?: boolean; left?: boolean } = {},
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 100, right: 100 },
    children: lines.map((line) =>
      paragraph(
        [run(line, { size: SIZE.table, ...(options.header ? { font: FONTS.heading } : {}) })],
        {
          alignment: options.left ? AlignmentType.LEFT : AlignmentType.CENTER,
          ...(options.indent ? { indent: { left: 240 } } : {}),
        },
      ),
    ),
  });
}

function figuresTable(report: Report, rows: readonly FigureRow[]): Table {
  const compare = COMPARE_LABELS[report.period.compare];
  const previousWord = report.period.compare === 'yoy' ? '同期' : '上期';
  const header = [
    ['指标'],
    ['本期', report.labels.periodWithYear],
    [previousWord, report.labels.comparePeriod],
    [`${compare}变化`],
  ];
  const widths = TABLE_COLUMNS;
  const width = (i: number): number => widths[i] ?? 0;
  return new Table({
    width: { size: TEXT_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: header.map((lines, i) => cell(lines, width(i), { header: true })),
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell([row.label], width(0), { left: true, indent: row.indent }),
              cell(row.current, width(1)),
              cell(row.previous, width(2)),
              cell(row.change, width(3)),
            ],
          }),
      ),
    ],
  });
}

function chartParagraphs(chart: BriefingChart, number: number): Paragraph[] {
  const scale = Math.min(
    1,
    BRIEFING_TEXT_WIDTH_PX / chart.width,
    IMAGE_MAX_HEIGHT_PX / chart.height,
  );
  const width = Math.round(chart.width * scale);
  const height = Math.round(chart.height * scale);
  return [
    paragraph(
      [
        new ImageRun({
          type: 'png',
          data: chart.png,
          transformation: { width, height },
          altText: { name: `图${number}`, title: chart.title, description: chart.subtitle },
        }),
      ],
      { alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 240 } },
    ),
    paragraph([run(`图${number}　${chart.title}`, { font: FONTS.heading, size: SIZE.caption })], {
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120 },
    }),
    paragraph([run(chart.subtitle, { size: SIZE.table })], {
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
    }),
  ];
}

export function briefingTitle(report: Report): string {
  return `${report.labels.periodWithYear}信访工作情况汇报`;
}

function briefingDocument(input: BriefingInput): Document {
  const { report } = input;
  const title = briefingTitle(report);
  const lines = report.text.split('\n').filter((line) => line.trim() !== '');
  const notes = ['比率下方为分子/分母。', ...report.warnings];
  const children = [
    centered(title, { font: FONTS.title, size: SIZE.title, bold: true }, 240),
    centered(input.bureauName, { font: FONTS.lead }),
    centered(
      `统计范围：${input.scope}　数据截至${dateText(report.dataCutoff)}`,
      { font: FONTS.lead },
      560,
    ),
    ...lines.map(briefingParagraph),
    paragraph(
      [
        run(`表1　${report.labels.periodWithYear}主要指标`, {
          font: FONTS.heading,
          size: SIZE.caption,
        }),
      ],
      {
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: 360, after: 120 },
      },
    ),
    figuresTable(report, headlineFigures(report)),
    paragraph([run(`注：${notes.join('')}`, { size: SIZE.table })], {
      spacing: { before: 80, after: 240 },
    }),
    ...input.charts.flatMap((chart, i) => chartParagraphs(chart, i + 1)),
  ];
  return new Document({
    creator: input.bureauName,
    title,
    styles: {
      default: {
        document: {
          run: {
            font: FONTS.body,
            size: SIZE.body,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: 851,
              footer: 992,
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              paragraph(
                [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    font: FONTS.title,
                    size: SIZE.caption,
                  }),
                ],
                { alignment: AlignmentType.CENTER },
              ),
            ],
          }),
        },
        children,
      },
    ],
  });
}

/** The document as .docx bytes (a ZIP), the same in Node and the browser. */
function packBriefing(document: Document): Promise<Uint8Array> {
  return Packer.pack(document, 'uint8array');
}

export function briefingDocx(input: BriefingInput): Promise<Uint8Array> {
  return packBriefing(briefingDocument(input));
}
