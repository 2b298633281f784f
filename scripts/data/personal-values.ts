/**
 * Remembers values of personal-data columns (names, phones, addresses) as 53-bit hashes, not as text, so
 * that published text can be checked for repeating them (equal, or containing one of two
 * characters or more). Hashes go into a flat array, sorted once before the first lookup.
 */

/** cyrb53: a fast 53-bit string hash. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const MIN_CONTAINED = 2;
const MAX_LENGTH = 64;

export class PersonalValues {
  private hashes: Float64Array<ArrayBuffer> = new Float64Array(1024);
  private count = 0;
  private sorted = true;
  private readonly lengths = new Set<number>();

  add(text: string): void {
    const length = text.length;
    if (length < 2 || length > MAX_LENGTH) return;
    if (this.count === this.hashes.length) {
      const grown = new Float64Array(this.count * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[this.count++] = hash53(text);
    this.sorted = false;
    if (!this.lengths.has(length)) this.lengths.add(length);
  }

  get size(): number {
    return this.count;
  }

  /** The hashes and lengths seen, to hand to another thread. */
  export(): { hashes: Float64Array<ArrayBuffer>; lengths: number[] } {
    return { hashes: this.hashes.slice(0, this.count), lengths: [...this.lengths] };
  }

  merge(values: { hashes: Float64Array; lengths: readonly number[] }): void {
    if (this.count + values.hashes.length > this.hashes.length) {
      const grown = new Float64Array(
        Math.max(this.hashes.length * 2, this.count + values.hashes.length),
      );
      grown.set(this.hashes.subarray(0, this.count));
      this.hashes = grown;
    }
    this.hashes.set(values.hashes, this.count);
    this.count += values.hashes.length;
    this.sorted = false;
    for (const length of values.lengths) this.lengths.add(length);
  }

  private has(hash: number): boolean {
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = this.hashes[middle]!;
      if (value === hash) return true;
      if (value < hash) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  /** True when `text` equals a remembered value or contains one of 2+ characters. */
  matches(text: string): boolean {
    if (this.count === 0 || text.length < 2) return false;
    if (!this.sorted) {
      this.hashes = this.hashes.slice(0, this.count).sort();
      this.sorted = true;
    }
    if (this.has(hash53(text))) return true;
    for (const length of this.lengths) {
      if (length < MIN_CONTAINED || length >= text.length) continue;
      for (let start = 0; start + length <= text.length; start++) {
        if (this.has(hash53(text.slice(start, start + length)))) return true;
      }
    }
    return false;
  }
}
