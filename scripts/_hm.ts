import { createHmac, createHash, hash } from 'node:crypto';
const key = Buffer.alloc(32, 7);
const ids = Array.from({ length: 300000 }, (_, i) => 'P' + (1000000 + i));
let t = performance.now(); let x = '';
for (const id of ids) x = createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, 16);
console.log('createHmac', (performance.now() - t).toFixed(0), x);
const block = Buffer.alloc(64); key.copy(block);
const ipad = Buffer.from(block.map((b) => b ^ 0x36)); const opad = Buffer.from(block.map((b) => b ^ 0x5c));
t = performance.now();
const inner0 = createHash('sha256').update(ipad); const outer0 = createHash('sha256').update(opad);
for (const id of ids) { const inner = inner0.copy().update(id, 'utf8').digest(); x = outer0.copy().update(inner).digest('hex').slice(0, 16); }
console.log('copy', (performance.now() - t).toFixed(0), x);
t = performance.now();
const buf = Buffer.alloc(64 + 256); ipad.copy(buf); const obuf = Buffer.alloc(96); opad.copy(obuf);
for (const id of ids) { const n = buf.write(id, 64, 'utf8'); const inner = hash('sha256', buf.subarray(0, 64 + n), 'buffer'); inner.copy(obuf, 64); x = hash('sha256', obuf, 'hex').slice(0, 16); }
console.log('oneshot', (performance.now() - t).toFixed(0), x);
