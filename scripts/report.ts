/**
 * npm run report -- [--from 2024-01 --to 2024-09] [--compare yoy|mom] [filters] [--json] [--data DIR]
 *   [--docx FILE [--charts id,id | --no-charts]]
 * Prints the briefing text, or with --json the report object alone on stdout; --docx writes Word.
 */
import { readablePublishedFolder } from '../src/node/published-folder.ts';
import { PublishedDataError, readCheckedManifest } from '../src/node/published-manifest.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMonth, type Compare } from '../src/lib/periods.ts';
import { computeReport, NoDataError, ReportInputError } from '../src/lib/report.ts';
import { recordValuesQuery } from '../src/lib/queries.ts';
import { parseFilter, type RecordFilter } from '../src/lib/scope.ts';
import { CHANNELS, LEVELS, PUBLISHED_FILES } from '../src/lib/schema.ts';
import { reportOptions } from '../src/lib/report-options.ts';
import { siteConfig } from '../src/site.config.ts';
import { withAlerts } from '../src/lib/alerts/report-alerts.ts';
import { AlertsFileError, readAlertsFile } from '../src/node/alerts-file.ts';
import { openPublished } from '../src/node/duckdb-node.ts';
import { parseOptions } from './lib/cli-options.ts';
import { createRasterizer, FontNotFoundError } from './lib/rasterize.ts';
import {
  ChartChoiceError,
  DocxWriteError,
  parseChartIds,
  reportView,
  writeBriefingDocx,
} from './lib/report-docx.ts';

const USAGE = `用法：npm run report -- [--from YYYY-MM] [--to YYYY-MM] [--compare yoy|mom] [筛选] [--json] [--data 目录]
  --from, --to   统计期间（整月）；缺省为本年累计：数据最后月份所在年的1月至该月
  --compare      yoy 同比（缺省），mom 环比（与前一段等长期间比较）
  筛选（与看板的筛选相同，可组合）：
  --channel 来信|来访|网上信访|电话   --level 进京|赴省|到市|本级
  --category 问题类别   --region 属地   --tag 专项标签
  --json         输出报告对象（JSON），不输出文字
  --data         已发布数据目录，缺省 public/data
  --docx 文件    写出 Word 文件（.docx）：汇报正文、主要指标表和图表；与 --json 同用时 JSON 照常输出
  --charts       写入 Word 的图表，以逗号分隔（如 trend,pyramid,levels:monthly）；缺省为总览页的图表
  --no-charts    Word 文件不含图表（无需中文字体）
供程序读取 JSON 时请用 npm run -s report -- --json（-s 去掉 npm 自己打印的命令行）。`;

const DEFAULT_DATA = fileURLToPath(new URL('../public/data', import.meta.url));

class UsageError extends Error {}

interface Args {
  from: string | undefined;
  to: string | undefined;
  compare: Compare;
  json: boolean;
  data: string;
  help: boolean;
  filter: RecordFilter;
  docx: string | undefined;
  /** Panel ids for the .docx; null: the 总览's; false: none. */
  charts: string[] | null | false;
}

function parse(argv: string[]): Args {
  const values = parseOptions(
    {
      from: { type: 'string' },
      to: { type: 'string' },
      compare: { type: 'string', default: 'yoy' },
      json: { type: 'boolean', default: false },
      data: { type: 'string' },
      channel: { type: 'string' },
      level: { type: 'string' },
      category: { type: 'string' },
      region: { type: 'string' },
      tag: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      docx: { type: 'string' },
      charts: { type: 'string' },
      'no-charts': { type: 'boolean', default: false },
    },
    (reason) => {
      throw new UsageError(`参数错误：${reason}`);
    },
    argv,
  );
  for (const key of ['from', 'to'] as const) {
    const month = values[key];
    if (month !== undefined && !isMonth(month)) {
      throw new UsageError(`--${key} 应写作 YYYY-MM（如 2024-09），收到：${month}`);
    }
  }
  if (values.compare !== 'yoy' && values.compare !== 'mom') {
    throw new UsageError(`--compare 只能是 yoy（同比）或 mom（环比），收到：${values.compare}`);
  }
  if (values.from !== undefined && values.to !== undefined && values.from > values.to) {
    throw new UsageError(`--from ${values.from} 晚于 --to ${values.to}`);
  }
  const fixed = { channel: CHANNELS, level: LEVELS } as const;
  for (const key of ['channel', 'level'] as const) {
    const value = values[key];
    if (value !== undefined && !(fixed[key] as readonly string[]).includes(value)) {
      throw new UsageError(`--${key} 只能是 ${fixed[key].join('、')}，收到：${value}`);
    }
  }
  const filter: RecordFilter = parseFilter(values);
  if (values.docx === '') throw new UsageError('--docx 后应写文件名，如 --docx 汇报.docx');
  if (values.docx === undefined && (values.charts !== undefined || values['no-charts'])) {
    throw new UsageError('--charts 和 --no-charts 须与 --docx 同用');
  }
  if (values.charts !== undefined && values['no-charts']) {
    throw new UsageError('--charts 与 --no-charts 不能同用');
  }
  const charts = values.charts === undefined ? null : parseChartIds(values.charts);
  if (charts?.length === 0) throw new UsageError('--charts 后应写图表编号，如 trend,pyramid');
  return {
    from: values.from,
    to: values.to,
    compare: values.compare,
    json: values.json,
    data: values.data === undefined ? DEFAULT_DATA : resolve(values.data),
    help: values.help,
    filter,
    docx: values.docx,
    charts: values['no-charts'] ? false : charts,
  };
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const folder = readablePublishedFolder(args.data);
  const file = resolve(folder, PUBLISHED_FILES.database);
  if (!existsSync(file)) {
    console.error(`未找到已发布的数据：${file}\n请先运行 npm run build:data 生成数据。`);
    return 1;
  }
  let db: Awaited<ReturnType<typeof openPublished>> | undefined;
  try {
    const manifest = await readCheckedManifest(folder, siteConfig, 'npm run report');
    const rasterizer =
      args.docx !== undefined && args.charts !== false ? await createRasterizer() : null;
    db = await openPublished(file);
    for (const key of ['category', 'region', 'tag'] as const) {
      const value = args.filter[key];
      if (value === null) continue;
      const known = (await db.run(recordValuesQuery(key))).map((row) => String(row['value']));
      const renamed = manifest.categoryLabels.find(
        (l) => l.how === 'rename' && l.label === value && known.includes(l.category),
      );
      if (key === 'category' && !known.includes(value) && renamed) {
        console.error(
          `注意：--category ${value} 是导出中的标签，按改名表计入“${renamed.category}”。`,
        );
        args.filter.category = renamed.category;
        continue;
      }
      if (!known.includes(value)) {
        console.error(
          `数据中没有 --${key} ${value}。可选：${known.join('、') || '（无）'}\n\n${USAGE}`,
        );
        return 2;
      }
    }
    const options = reportOptions(siteConfig, manifest.columns);
    const report = withAlerts(
      await computeReport(
        db.run,
        { from: args.from, to: args.to, compare: args.compare, filter: args.filter },
        options,
      ),
      await readAlertsFile(folder),
      options,
    );
    for (const warning of report.warnings) console.error(`注意：${warning}`);
    if (args.docx !== undefined) {
      const written = await writeBriefingDocx({
        file: args.docx,
        report,
        run: db.run,
        bureauName: siteConfig.bureauName,
        // --channel and --level were checked against CHANNELS and LEVELS above.
        view: reportView(report.period, args.filter as Parameters<typeof reportView>[1]),
        config: siteConfig,
        charts: args.charts === false ? null : args.charts,
        rasterizer,
      });
      const done = `已写入 Word 文件：${written.file}（图表 ${written.charts} 幅）`;
      if (args.json) console.error(done);
      else console.log(done);
    }
    if (args.json) console.log(JSON.stringify(report, null, 2));
    else if (args.docx === undefined) console.log(report.text);
    return 0;
  } catch (error) {
    if (
      error instanceof PublishedDataError ||
      error instanceof FontNotFoundError ||
      error instanceof DocxWriteError ||
      error instanceof AlertsFileError
    ) {
      console.error(error.message);
      return 1;
    }
    if (error instanceof ChartChoiceError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ReportInputError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof NoDataError) {
      console.error(`${error.message}请先运行 npm run build:data 生成数据。`);
      return 1;
    }
    console.error(
      `生成报告失败（${file}）：${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  } finally {
    db?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
