import fs from 'node:fs';
const buf = fs.readFileSync('/tmp/xf/big/a.csv');
let t = performance.now();
const s1 = new TextDecoder('utf-8').decode(buf.subarray(0, 100_000_000));
console.log('TextDecoder whole 100MB', (performance.now() - t).toFixed(0));
t = performance.now();
const d = new TextDecoder('utf-8'); let n = 0;
for (let i = 0; i < 100_000_000; i += 1 << 20) n += d.decode(buf.subarray(i, Math.min(i + (1 << 20), 100_000_000)), { stream: true }).length;
console.log('TextDecoder stream 100MB', (performance.now() - t).toFixed(0));
t = performance.now(); n = 0;
for (let i = 0; i < 100_000_000; i += 1 << 20) n += buf.toString('utf8', i, Math.min(i + (1 << 20), 100_000_000)).length;
console.log('toString chunks 100MB', (performance.now() - t).toFixed(0));
// Map benchmark
const keys: string[] = []; const text = s1;
let pos = 0;
for (let i = 0; i < 1_000_000; i++) { const a = text.indexOf('\n', pos); keys.push(text.slice(a + 1, a + 12)); pos = a + 1; if (a < 0) break; }
t = performance.now();
const m = new Map<string, number>();
for (let i = 0; i < keys.length; i++) { const k = keys[i]!; if (m.get(k) === undefined) m.set((k + ' ').slice(0, -1), i); }
console.log('map 1M', keys.length, (performance.now() - t).toFixed(0), m.size);
t = performance.now();
const m2 = new Map<string, number>();
for (let i = 0; i < keys.length; i++) { const k = keys[i]!; if (m2.get(k) === undefined) m2.set(k, i); }
console.log('map 1M no detach', (performance.now() - t).toFixed(0));
