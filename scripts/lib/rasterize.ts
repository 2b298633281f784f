/**
 * Chart SVG → PNG in Node, with resvg (WebAssembly) and a CJK font from the system: Plot's labels
 * are Chinese, and resvg draws nothing for a character no loaded font has.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { JSDOM } from 'jsdom';

export class FontNotFoundError extends Error {
  override name = 'FontNotFoundError';
}

const FONT_ENV = 'XINFANG_FONT';

function windowsFonts(): string[] {
  const dir = path.win32.join(process.env['WINDIR'] ?? 'C:\\Windows', 'Fonts');
  return ['msyh.ttc', 'simhei.ttf', 'simsun.ttc', 'Deng.ttf'].map((name) =>
    path.win32.join(dir, name),
  );
}

const KNOWN_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc',
  '/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/STHeiti Medium.ttc',
  '/System/Library/Fonts/Supplemental/Songti.ttc',
  '/Library/Fonts/Arial Unicode.ttf',
];

/** File names of fonts known to hold Chinese glyphs, for the search of font folders. */
const CJK_NAME =
  /(cjk|wqy|droidsansfallback|sourcehan|notosanssc|notoserifsc|simhei|simsun|msyh|uming|ukai|pingfang|heiti|songti)/i;
const FONT_FILE = /\.(ttf|otf|ttc)$/i;

function searchFolder(dir: string, depth: number): string | null {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.isFile() && FONT_FILE.test(entry.name) && CJK_NAME.test(entry.name)) {
      return path.join(dir, entry.name);
    }
  }
  if (depth === 0) return null;
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const found = searchFolder(path.join(dir, entry.name), depth - 1);
    if (found) return found;
  }
  return null;
}

const NOT_FOUND =
  '未找到中文字体，无法把图表转为图片。请用环境变量 XINFANG_FONT 指定一个中文字体文件' +
  '（如 XINFANG_FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc，' +
  'Windows 上如 C:\\Windows\\Fonts\\msyh.ttc；Debian/Ubuntu 可安装 fonts-noto-cjk），' +
  '或加 --no-charts 只导出文字和表格。';

/** The font file charts are drawn with: XINFANG_FONT, else a CJK font in the usual places. */
function findCjkFont(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env[FONT_ENV];
  if (chosen !== undefined && chosen !== '') {
    if (!existsSync(chosen)) {
      throw new FontNotFoundError(`${FONT_ENV} 指定的字体文件不存在：${chosen}。${NOT_FOUND}`);
    }
    return chosen;
  }
  const known = [...KNOWN_FONTS, ...(process.platform === 'win32' ? windowsFonts() : [])];
  const found = known.find((file) => existsSync(file));
  if (found) return found;
  const folders = [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(homedir(), '.local/share/fonts'),
    path.join(homedir(), '.fonts'),
  ];
  for (const folder of folders) {
    const match = searchFolder(folder, 4);
    if (match) return match;
  }
  throw new FontNotFoundError(NOT_FOUND);
}

let wasm: Promise<void> | null = null;

function ready(): Promise<void> {
  wasm ??= (async () => {
    const file = createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
    await initWasm(readFileSync(file));
  })();
  return wasm;
}

const window = new JSDOM('').window;

/**
 * The chart's <svg> as standalone XML: renderPanel gives HTML (no xmlns), possibly a <figure>
 * around the <svg>; resvg wants an XML document.
 */
function svgDocument(markup: string): string {
  const template = window.document.createElement('template');
  template.innerHTML = markup;
  const svg = template.content.querySelector('svg');
  if (!svg) throw new Error('图表中没有 SVG 元素');
  return new window.XMLSerializer().serializeToString(svg);
}

export interface RasterImage {
  png: Uint8Array;
  /** CSS px of the chart (the PNG holds `scale` times as many pixels). */
  width: number;
  height: number;
}

export interface Rasterizer {
  fontFile: string;
  rasterize(svg: string): RasterImage;
}

/** Reads the font once; every chart is then drawn on white at `scale` × its CSS size. */
export async function createRasterizer(
  options: { fontFile?: string; scale?: number } = {},
): Promise<Rasterizer> {
  const fontFile = options.fontFile ?? findCjkFont();
  const scale = options.scale ?? 2;
  const font = new Uint8Array(readFileSync(fontFile));
  await ready();
  return {
    fontFile,
    rasterize(markup) {
      const resvg = new Resvg(svgDocument(markup), {
        font: { fontBuffers: [font], loadSystemFonts: false },
        fitTo: { mode: 'zoom', value: scale },
        background: 'white',
      });
      try {
        const width = resvg.width;
        const height = resvg.height;
        const image = resvg.render();
        try {
          return { png: image.asPng(), width, height };
        } finally {
          image.free();
        }
      } finally {
        resvg.free();
      }
    },
  };
}
