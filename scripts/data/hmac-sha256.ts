/**
 * HMAC-SHA-256 for many short messages under one key. node:crypto costs a few microseconds per
 * call in object setup; here the key's inner and outer states are computed once, so a short id
 * costs two compression rounds in plain JS. Checked against node:crypto in the tests.
 */
import { createHash } from 'node:crypto';

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

const w = new Int32Array(64);

/** One SHA-256 compression of the 64-byte block at `offset` into `state`. */
function compress(state: Int32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] = (block[j]! << 24) | (block[j + 1]! << 16) | (block[j + 2]! << 8) | block[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

let scratch = new Uint8Array(128);

/** Hashes `length` bytes of `data` continuing from `start` (a state after one 64-byte block). */
function finish(start: Int32Array, data: Uint8Array, length: number, out: Int32Array): void {
  out.set(start);
  const total = 64 + length;
  const padded = Math.ceil((length + 9) / 64) * 64;
  if (scratch.length < padded) scratch = new Uint8Array(padded);
  const block = scratch;
  block.set(data.subarray(0, length));
  block.fill(0, length, padded);
  block[length] = 0x80;
  const bits = total * 8;
  block[padded - 4] = (bits >>> 24) & 0xff;
  block[padded - 3] = (bits >>> 16) & 0xff;
  block[padded - 2] = (bits >>> 8) & 0xff;
  block[padded - 1] = bits & 0xff;
  block[padded - 5] = Math.floor(bits / 2 ** 32) & 0xff;
  for (let offset = 0; offset < padded; offset += 64) compress(out, block, offset);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class HmacSha256 {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly encoder = new TextEncoder();
  private message = new Uint8Array(256);
  private readonly state = new Int32Array(8);
  private readonly digestBytes = new Uint8Array(32);

  constructor(key: Uint8Array) {
    const block = new Uint8Array(64);
    block.set(key.length > 64 ? createHash('sha256').update(key).digest() : key);
    const pad = new Uint8Array(64);
    this.inner.set(INITIAL);
    for (let i = 0; i < 64; i++) pad[i] = block[i]! ^ 0x36;
    compress(this.inner, pad, 0);
    this.outer.set(INITIAL);
    for (let i = 0; i < 64; i++) pad[i] = block[i]! ^ 0x5c;
    compress(this.outer, pad, 0);
  }

  /** The first `hexDigits` hex digits (≤ 64) of HMAC-SHA-256(key, UTF-8 of message). */
  hex(message: string, hexDigits = 64): string {
    if (this.message.length < message.length * 3) this.message = new Uint8Array(message.length * 3);
    const { written } = this.encoder.encodeInto(message, this.message);
    finish(this.inner, this.message, written, this.state);
    for (let i = 0; i < 8; i++) {
      const word = this.state[i]!;
      this.digestBytes[i * 4] = word >>> 24;
      this.digestBytes[i * 4 + 1] = (word >>> 16) & 0xff;
      this.digestBytes[i * 4 + 2] = (word >>> 8) & 0xff;
      this.digestBytes[i * 4 + 3] = word & 0xff;
    }
    finish(this.outer, this.digestBytes, 32, this.state);
    let out = '';
    for (let i = 0; i * 2 < hexDigits; i++) {
      const word = this.state[i >> 2]!;
      out += HEX[(word >>> (24 - (i & 3) * 8)) & 0xff];
    }
    return out.slice(0, hexDigits);
  }
}
