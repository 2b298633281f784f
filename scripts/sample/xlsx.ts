/** XLSX output through write-excel-file, made byte-reproducible (fixed ZIP entry times). */
import writeXlsxFile from 'write-excel-file/node';
import type { Cell } from './render.ts';

/** DOS date/time written into every ZIP entry: 2024-10-08 00:00. */
const DOS_DATE = ((2024 - 1980) << 9) | (10 << 5) | 8;
const DOS_TIME = 0;

/** Overwrites the modification time of every entry (local headers and central directory). */
function fixZipTimes(zip: Buffer): Buffer {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('XLSX: ZIP end record not found');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('XLSX: bad ZIP central directory');
    zip.writeUInt16LE(DOS_TIME, at + 12);
    zip.writeUInt16LE(DOS_DATE, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error('XLSX: bad ZIP local header');
    zip.writeUInt16LE(DOS_TIME, local + 10);
    zip.writeUInt16LE(DOS_DATE, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}

export async function xlsxBuffer(
  headers: readonly string[],
  rows: readonly Cell[][],
): Promise<Buffer> {
  const data = [headers.map((h) => h as Cell), ...rows];
  const buffer = await writeXlsxFile(data, {
    sheet: '信访事项',
    dateFormat: 'yyyy-mm-dd',
    columns: headers.map((h) => ({ width: /内容|地址|住址|备注/.test(h) ? 40 : 14 })),
  }).toBuffer();
  return fixZipTimes(buffer);
}
