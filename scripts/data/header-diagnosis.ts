/**
 * When a CSV's header lacks required columns, the real cause is often not the header's words:
 * another delimiter, UTF-32, or UTF-8 text read as GB18030 because of stray or mixed bytes.
 * This names that cause instead of 缺少必填列.
 */
import iconv from 'iconv-lite';
import { columnForHeader } from '../../src/lib/columns.ts';

const DELIMITERS: readonly [string, string][] = [
  [';', '分号（;）'],
  ['；', '全角分号（；）'],
  ['\t', '制表符'],
  ['|', '竖线（|）'],
];

/** Readable text of a header decoded as GB18030 whose bytes were really UTF-8, or null. */
function utf8ReadAsGb18030(text: string): string | null {
  if (!/[^\x00-\x7f]/.test(text)) return null;
  const bytes = iconv.encode(text, 'gb18030');
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (decoded.includes('\uFFFD')) return null;
  return decoded !== text ? decoded : null;
}

export function diagnoseHeader(headers: readonly string[]): string | null {
  const joined = headers.join(',');
  if (joined.includes('\u0000')) {
    return '文件像是 UTF-32 或无 BOM 的 UTF-16 编码（表头里夹着空字符）：请在 Excel 或记事本中另存为 UTF-8 或 GB18030 编码的 CSV';
  }
  for (const [delimiter, name] of DELIMITERS) {
    const known = joined
      .split(delimiter)
      .filter((part) => columnForHeader(part.trim()) !== undefined).length;
    if (known >= 2 && headers.filter((header) => columnForHeader(header.trim())).length < known) {
      return `文件的分隔符看起来是${name}，而不是逗号：请在 Excel 中另存为“CSV（逗号分隔）”，或把分隔符换成逗号`;
    }
  }
  const utf8 = utf8ReadAsGb18030(joined);
  if (utf8 !== null && utf8.split(',').some((part) => columnForHeader(part.trim()) !== undefined)) {
    return '文件的表头是 UTF-8 编码，但文件中别处有不是 UTF-8 的字节（UTF-8 与 GB18030 混在一个文件里，或夹着个别无效字节），整份文件只好按 GB18030 读取：请用信访系统重新导出，或在 Excel 中另存为 UTF-8 编码的 CSV';
  }
  return null;
}
