/**
 * Remembers values of personal-data columns (names, phones) as 53-bit hashes, not as
 * text, so that published text can be checked for repeating them (equal, or containing one of
 * three characters or more).
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

const MIN_CONTAINED = 3;
const MAX_LENGTH = 64;

export class PersonalValues {
  private readonly hashes = new Set<number>();
  private readonly lengths = new Set<number>();

  add(text: string): void {
    if (text.length < 2 || text.length > MAX_LENGTH) return;
    this.hashes.add(hash53(text));
    this.lengths.add(text.length);
  }

  get size(): number {
    return this.hashes.size;
  }

  /** True when `text` equals a remembered value or contains one of 3+ characters. */
  matches(text: string): boolean {
    if (this.hashes.size === 0 || text.length < 2) return false;
    if (this.hashes.has(hash53(text))) return true;
    for (const length of this.lengths) {
      if (length < MIN_CONTAINED || length >= text.length) continue;
      for (let start = 0; start + length <= text.length; start++) {
        if (this.hashes.has(hash53(text.slice(start, start + length)))) return true;
      }
    }
    return false;
  }
}
