import { FONT_SIZE } from './theme.ts';

/**
 * Estimated rendered width of a label in pixels. Plot's own estimate counts a Chinese character
 * as narrow as a Latin "e"; CJK glyphs are a full em, so margins are computed here instead.
 */
export function textWidth(text: string, fontSize: number = FONT_SIZE): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x2e80 || (code >= 0x1100 && code <= 0x11ff)) em += 1;
    else if (" .,:;!|'ijl()[]".includes(ch)) em += 0.35;
    else if ('%mwMW'.includes(ch)) em += 0.9;
    else if (ch >= 'A' && ch <= 'Z') em += 0.7;
    else em += 0.6;
  }
  return Math.ceil(em * fontSize);
}

export function maxTextWidth(texts: Iterable<string>, fontSize: number = FONT_SIZE): number {
  let max = 0;
  for (const text of texts) max = Math.max(max, textWidth(text, fontSize));
  return max;
}

/** The label cut to fit `width` pixels, ending in "…" when cut. */
export function fitText(text: string, width: number, fontSize: number = FONT_SIZE): string {
  if (textWidth(text, fontSize) <= width) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, fontSize) > width) chars.pop();
  return `${chars.join('')}…`;
}
