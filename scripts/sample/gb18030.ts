/** Fast GB18030 encoding: a per-character table filled lazily from iconv-lite. */
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

export function encodeGb18030(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length * 4);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      n += iconv.encode(text.slice(i, i + 2), 'gb18030').copy(out, n);
      i++;
      continue;
    }
    if (lengths[c] === 0) learn(c);
    const code = codes[c] as number;
    const length = lengths[c] as number;
    if (length === 4) {
      out[n++] = code >>> 24;
      out[n++] = (code >>> 16) & 0xff;
    }
    if (length >= 2) out[n++] = (code >>> 8) & 0xff;
    out[n++] = code & 0xff;
  }
  return out.subarray(0, n);
}
