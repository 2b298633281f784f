/**
 * When a CSV's header lacks required columns, the real cause is often not the header's words:
 * another delimiter, UTF-32, or UTF-8 text read as GB18030 because of stray or mixed bytes.
 * This names that cause instead of 缺少必填列.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { columnForHeader } from '../../src/lib/columns.ts';

const DELIMITERS: readonly [string, string][] = [
  [';', '分号（;）'],
  ['；', '全角分号（；）'],
  ['\t', '制表符'],
  ['|', '竖线（|）'],
];

const known = (headers: readonly string[]): number =>
  headers.filter((header) => columnForHeader(header.trim()) !== undefined).length;

/**
 * True when the file's first line, read as UTF-8, names more columns than the header as read:
 * the file was read as GB18030 because bytes elsewhere are not UTF-8.
 */
function headerLineIsUtf8(file: string, headers: readonly string[]): boolean {
  const bytes = Buffer.alloc(65_536);
  let length = 0;
  const fd = openSync(file, 'r');
  try {
    length = readSync(fd, bytes, 0, bytes.length, 0);
  } finally {
    closeSync(fd);
  }
  const head = bytes.subarray(0, length);
  const end = head.indexOf(0x0a);
  const line = head.subarray(head[0] === 0xef ? 3 : 0, end < 0 ? head.length : end);
  if (!line.some((byte) => byte >= 0x80) || !isUtf8(line)) return false;
  return known(line.toString('utf8').split(',')) > known(headers);
}

/** The cause of a header without the required columns, or null. `file`: the CSV's path. */
export function diagnoseHeader(file: string, headers: readonly string[]): string | null {
  const joined = headers.join(',');
  if (joined.includes('\u0000')) {
    return '文件像是 UTF-32 或无 BOM 的 UTF-16 编码（表头里夹着空字符）：请在 Excel 或记事本中另存为 UTF-8 或 GB18030 编码的 CSV';
  }
  for (const [delimiter, name] of DELIMITERS) {
    const split = known(joined.split(delimiter));
    if (split >= 2 && known(headers) < split) {
      return `文件的分隔符看起来是${name}，而不是逗号：请在 Excel 中另存为“CSV（逗号分隔）”，或把分隔符换成逗号`;
    }
  }
  if (headerLineIsUtf8(file, headers)) {
    return '文件的表头是 UTF-8 编码，但文件中别处有不是 UTF-8 的字节（UTF-8 与 GB18030 混在一个文件里，或夹着个别无效字节），整份文件只好按 GB18030 读取：请用信访系统重新导出，或在 Excel 中另存为 UTF-8 编码的 CSV';
  }
  return null;
}
