/**
 * GB18030 output straight into a reusable byte buffer: a per-character table filled lazily from
 * iconv-lite, so a million CSV rows never become one string or a pile of small buffers.
 */
import iconv from 'iconv-lite';

const codes = new Uint32Array(65_536);
const lengths = new Uint8Array(65_536);

function learn(c: number): void {
  const bytes = iconv.encode(String.fromCharCode(c), 'gb18030');
  let code = 0;
  for (const b of bytes) code = code * 256 + b;
  codes[c] = code;
  lengths[c] = bytes.length;
}

export interface ByteBuffer {
  bytes: Buffer;
  length: number;
}

export function byteBuffer(size = 1 << 20): ByteBuffer {
  return { bytes: Buffer.allocUnsafe(size), length: 0 };
}

function reserve(out: ByteBuffer, more: number): void {
  if (out.length + more <= out.bytes.length) return;
  const bigger = Buffer.allocUnsafe(Math.max(out.bytes.length * 2, out.length + more));
  out.bytes.copy(bigger, 0, 0, out.length);
  out.bytes = bigger;
}

/** Appends `text` encoded as GB18030. */
export function appendGb18030(out: ByteBuffer, text: string): void {
  reserve(out, text.length * 4);
  const bytes = out.bytes;
  let n = out.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      bytes[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      n += iconv.encode(text.slice(i, i + 2), 'gb18030').copy(bytes, n);
      i++;
      continue;
    }
    if (lengths[c] === 0) learn(c);
    const code = codes[c] as number;
    const length = lengths[c] as number;
    if (length === 4) {
      bytes[n++] = code >>> 24;
      bytes[n++] = (code >>> 16) & 0xff;
    }
    if (length >= 2) bytes[n++] = (code >>> 8) & 0xff;
    bytes[n++] = code & 0xff;
  }
  out.length = n;
}
