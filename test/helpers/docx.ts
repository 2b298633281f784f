/** Reading a .docx back for tests: its parts, paragraph texts, images, and the figures it must hold. */
import { strFromU8, unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import type { Rate } from '../../src/lib/rates.ts';
import type { Report } from '../../src/lib/report.ts';
import { LEVELS } from '../../src/lib/schema.ts';

export type Parts = Record<string, Uint8Array>;

export function unzipDocx(bytes: Uint8Array): Parts {
  return unzipSync(bytes);
}

export function partText(parts: Parts, name: string): string {
  const part = parts[name];
  if (!part) throw new Error(`the .docx has no ${name}`);
  return strFromU8(part);
}

const window = new JSDOM('').window;

/** Parses XML strictly; throws on anything not well-formed. */
export function parseXml(text: string): Document {
  const document = new window.DOMParser().parseFromString(text, 'application/xml');
  const error = document.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent ?? ''}`);
  return document;
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Every paragraph's text (its w:t runs joined), in document order, table cells included. */
export function paragraphTexts(documentXml: string): string[] {
  const document = parseXml(documentXml);
  return [...document.getElementsByTagNameNS(W, 'p')].map((p) =>
    [...p.getElementsByTagNameNS(W, 't')].map((t) => t.textContent ?? '').join(''),
  );
}

/** Each table row's cells, each cell's paragraphs joined by '|'. */
export function tableRows(documentXml: string): string[][] {
  const document = parseXml(documentXml);
  return [...document.getElementsByTagNameNS(W, 'tr')].map((tr) =>
    [...tr.getElementsByTagNameNS(W, 'tc')].map((tc) =>
      [...tc.getElementsByTagNameNS(W, 'p')]
        .map((p) => [...p.getElementsByTagNameNS(W, 't')].map((t) => t.textContent).join(''))
        .join('|'),
    ),
  );
}

export interface PlacedImage {
  /** 'word/media/image1.png' */
  part: string;
  /** Size on the page, in CSS px (EMU ÷ 9525). */
  width: number;
  height: number;
}

/** The images of word/document.xml with the media part each one shows. */
export function placedImages(parts: Parts): PlacedImage[] {
  const rels = parseXml(partText(parts, 'word/_rels/document.xml.rels'));
  const targets = new Map(
    [...rels.getElementsByTagName('Relationship')].map((r) => [
      r.getAttribute('Id'),
      r.getAttribute('Target'),
    ]),
  );
  const document = parseXml(partText(parts, 'word/document.xml'));
  return [...document.getElementsByTagName('w:drawing')].map((drawing) => {
    const extent = drawing.getElementsByTagName('wp:extent')[0];
    const blip = drawing.getElementsByTagName('a:blip')[0];
    const target = targets.get(blip?.getAttribute('r:embed') ?? null) ?? '';
    return {
      part: `word/${target.replace(/^\/?word\//, '')}`,
      width: Number(extent?.getAttribute('cx')) / 9525,
      height: Number(extent?.getAttribute('cy')) / 9525,
    };
  });
}

export { pngSize } from './png.ts';

/** '上升16.0%', from the JSON's direction and percent (one decimal, as the text shows it). */
function changeText(change: { direction: string; percent: number | null }): string {
  if (change.direction === 'flat') return '持平';
  const word = change.direction === 'up' ? '上升' : '下降';
  return change.percent === null ? '' : `${word}${Math.abs(change.percent).toFixed(1)}%`;
}

const RATE_LABELS: Record<string, string> = {
  repeat: '重复信访率',
  timelyAcceptance: '及时受理率',
  onTimeClosure: '按期办结率',
  satisfaction: '满意率',
  participation: '参评率',
};

function rateCells(rate: Rate): string {
  return rate.percent === null
    ? '—'
    : `${rate.percent.toFixed(1)}%|${rate.numerator}/${rate.denominator}`;
}

interface ComparedCounts {
  batches: number;
  persons: number;
  previous: { batches: number; persons: number };
  change: Record<'batches' | 'persons', { direction: string; percent: number | null }>;
}

/** 'label|689批1063人次|594批865人次|批次上升16.0%|人次上升22.9%' */
function countsRow(label: string, c: ComparedCounts): string {
  const counts = (x: { batches: number; persons: number }) => `${x.batches}批${x.persons}人次`;
  const row = `${label}|${counts(c)}|${counts(c.previous)}`;
  if (c.previous.batches === 0) return row;
  return `${row}|批次${changeText(c.change.batches)}|人次${changeText(c.change.persons)}`;
}

/**
 * What the document must hold for a `report --json` object, as table rows ('cell|cell|…') and
 * paragraphs: registrations and visits by level with their changes, the rates with numerator and
 * denominator, resolutions, the 法治化 total, and every line of the briefing.
 */
export function expectedFigures(report: Report): string[] {
  const expected = [countsRow('登记信访', report.registered)];
  for (const level of LEVELS) {
    const v = report.visits!.byLevel[level];
    expected.push(countsRow(`${level}走访`, v));
    if (v.collectiveBatches > 0) {
      expected.push(`其中集体访|${v.collectiveBatches}批${v.collectivePersons}人次`);
    }
  }
  for (const [key, rate] of Object.entries(report.rates)) {
    if (rate === null) continue;
    expected.push(`${RATE_LABELS[key] ?? key}|${rateCells(rate)}|${rateCells(rate.previous)}`);
  }
  const resolution = (value: NonNullable<Report['leaderCases']>): string =>
    rateCells({ numerator: value.resolved, denominator: value.total, percent: value.percent });
  expected.push(`领导包案化解率|${resolution(report.leaderCases!)}`);
  expected.push(`督办化解率|${resolution(report.supervised!)}`);
  expected.push(`法治化考核得分|${report.ruleOfLaw!.total.toFixed(3)}分`);
  expected.push(...report.text.split('\n').filter((line) => line.trim() !== ''));
  return expected;
}

/**
 * What of `expectedFigures` the document lacks. Paragraphs are searched one by one; table rows
 * also as 'cell|cell|…' so that a figure is found beside its label.
 */
export function missingFigures(documentXml: string, report: Report): string[] {
  const paragraphs = paragraphTexts(documentXml);
  const rows = tableRows(documentXml).map((cells) => cells.join('|'));
  const haystack = [...paragraphs, ...rows];
  return expectedFigures(report).filter((text) => !haystack.some((item) => item.includes(text)));
}
