/** The alerts from a published database: one derivation, the same sentences in every output. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPublished } from '../src/node/duckdb-node.ts';
import { DEFAULT_ALERT_OPTIONS } from '../src/lib/alerts/options.ts';
import { computeAlerts } from '../src/lib/alerts/compute.ts';
import { briefingFile, briefingFileHolds, type AlertsFile } from '../src/lib/alerts/published.ts';
import { ALERTS_MISSING_NOTE, briefingAlerts } from '../src/lib/alerts/briefing.ts';
import { withAlerts } from '../src/lib/alerts/report-alerts.ts';
import { briefingDocx } from '../src/lib/briefing-docx.ts';
import { alertPanels, alertsPageData, alsoText } from '../src/dashboard/page-alerts.ts';
import { computeReport, type Report } from '../src/lib/report.ts';
import { reportOptions } from '../src/lib/report-options.ts';
import { siteConfig } from '../src/site.config.ts';
import { paragraphTexts, partText, unzipDocx } from './helpers/docx.ts';
import { alertRecords } from './helpers/alert-records.ts';
import { writePublishedDb } from './helpers/published-db.ts';

const records = alertRecords();

let dir = '';
let close = (): void => {};
let file: AlertsFile;
let report: Report;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xf-alerts-'));
  const db = await openPublished(await writePublishedDb(dir, records));
  close = db.close;
  file = await computeAlerts(db.run, DEFAULT_ALERT_OPTIONS, siteConfig.collectiveThreshold);
  const options = reportOptions(siteConfig);
  report = withAlerts(
    await computeReport(db.run, { from: '2024-12', to: '2024-12' }, options),
    file,
    options,
  );
});

afterAll(async () => {
  close();
  await rm(dir, { recursive: true, force: true });
});

describe('published alerts', () => {
  it('finds the rise and the first 集体访 in the last month', () => {
    const last = file.alerts.filter((a) => a.month === '2024-12' && a.measure === 'batches');
    expect(last.find((a) => a.dimension === 'region-category' && a.kind === 'above')).toMatchObject(
      {
        name: '城关街道·市场监管',
        observed: 26,
      },
    );
    const collective = last.find((a) => a.kind === 'collective' && a.name === '西山镇·教育');
    expect(collective?.sentence).toBe(
      '西山镇·教育：截至12月31日的30天内，发生集体访1批6人次，此前12个月无集体访。',
    );
    expect(file.cutoff).toBe('2024-12-31');
    // No other month of these steady series raises anything.
    expect(file.alerts.filter((a) => a.month !== '2024-12')).toEqual([]);
  });

  it('the report, its text, the .docx and the page carry the same alerts', async () => {
    const inMonth = file.alerts.filter((a) => a.month === '2024-12');
    expect(report.alerts).toEqual(inMonth.map(({ band: _band, ...a }) => a));
    const named = briefingAlerts(report.alerts, report.alertsTop);
    expect(named.length).toBeGreaterThan(0);
    for (const alert of named) expect(report.text).toContain(alert.sentence);
    // 市场监管, 城关街道 and 区市场监管局 rise with 城关街道·市场监管 only: the briefing names that
    // one rise once.
    const held = report.alerts.filter((a) => a.measure === 'batches' && !named.includes(a));
    expect(held.map((a) => a.name)).toEqual(
      expect.arrayContaining(['市场监管', '城关街道', '区市场监管局']),
    );
    // (城关街道·市场监管's sentence ends as 市场监管's does: a held sentence never follows a 。)
    for (const alert of held) expect(report.text).not.toContain(`。${alert.sentence}`);

    const docx = await briefingDocx({
      report,
      bureauName: '示例区信访局',
      scope: '全部',
      charts: [],
    });
    const paragraphs = paragraphTexts(partText(unzipDocx(docx), 'word/document.xml')).join('\n');
    for (const alert of named) expect(paragraphs).toContain(alert.sentence);

    // The page: one card per rise, the briefing's first; every alert of the month on it once.
    const page = alertsPageData(file, { measure: 'batches' });
    expect(page.items.slice(0, named.length).map((i) => i.alert.sentence)).toEqual(
      named.map((a) => a.sentence),
    );
    const listed = page.items.flatMap((i) => [i.alert, ...i.also]);
    expect(listed.map((a) => a.sentence).sort()).toEqual(
      inMonth
        .filter((a) => a.measure === 'batches')
        .map((a) => a.sentence)
        .sort(),
    );
    const cell = page.items.find(
      (i) => i.alert.name === '城关街道·市场监管' && i.alert.kind === 'above',
    );
    // 区市场监管局 handles all of 市场监管: its rise is 城关街道·市场监管's, not one of its own.
    expect(cell?.also.map((a) => a.name).sort()).toEqual(['区市场监管局', '城关街道', '市场监管']);
    const unit = file.alerts.find((a) => a.name === '区市场监管局' && a.month === '2024-12');
    expect(unit?.mainly).toEqual([
      { dimension: 'category', key: '市场监管', share: 1 },
      { dimension: 'region', key: '城关街道', share: 1 },
    ]);
    const notes = alertPanels(page, { unit: '批', regionLabel: '乡镇（街道）' }).map((p) => p.note);
    for (const item of page.items) {
      expect(notes).toContain(`${item.alert.sentence}${alsoText(item)}`);
    }
    expect(
      page.matrix.cells.find((c) => c.row === '城关街道' && c.column === '市场监管')?.score,
    ).toBeGreaterThan(1);
    expect(page.items[0]?.link).toMatch(/^regions\/\?period=last12&/);
  });

  it('a filter on another region leaves the alerts out of the report', () => {
    const options = reportOptions(siteConfig);
    const filtered = withAlerts(
      { ...report, filter: { ...report.filter, region: '东湖镇' } },
      file,
      options,
    );
    expect(filtered.alerts).toEqual([]);
    expect(filtered.text).not.toContain('露出信访苗头');
  });

  it('alerts-briefing.json holds the cutoff month without bands and gives the same briefing', () => {
    const small = briefingFile(file);
    expect(small.alerts.length).toBeGreaterThan(0);
    expect(small.alerts.every((a) => a.month === '2024-12' && a.band.length === 0)).toBe(true);
    expect(file.alerts.some((a) => a.band.length > 0)).toBe(true);
    expect(briefingFileHolds(small, '2024-12')).toBe(true);
    expect(briefingFileHolds(small, '2024-11')).toBe(false);
    const options = reportOptions(siteConfig);
    expect(withAlerts(report, small, options)).toEqual(report);
  });

  it('alerts that could not be read are said so, never silently left out', () => {
    const options = reportOptions(siteConfig);
    const missing = withAlerts(report, null, options, true);
    expect(missing.alerts).toEqual([]);
    expect(missing.alertsMissing).toBe(true);
    expect(missing.text).toContain(ALERTS_MISSING_NOTE);
    expect(missing.text).not.toContain('露出信访苗头');
    // Read again, the note goes; data without alerts carries no note.
    expect(withAlerts(missing, file, options)).toEqual(report);
    expect(withAlerts(report, null, options).text).not.toContain(ALERTS_MISSING_NOTE);
    expect(report.text).not.toContain(ALERTS_MISSING_NOTE);
  });
});
