/**
 * npm run bench:site [-- --records 1000000 --loads 5 --changes 30 --skip-big --skip-sample
 *                       --keep --reuse DIR --rebuild-site --timeout 300]
 * Builds the sample site and a large one (sample → data → site, under /xf/), serves each on
 * localhost and measures every chart page in headless Chromium with a cold cache, printing every
 * figure of the aims of issue 12 (see scripts/bench/report.ts) and the machine's load before and
 * after. With --reuse DIR, what an earlier run left in DIR (--keep prints it) is used again:
 * the published data, and the site unless --rebuild-site.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { machineState } from './bench/machine.ts';
import { measureSite, type SiteFigures } from './bench/measure.ts';
import { benchReport } from './bench/report.ts';
import { prepareSite, type PreparedSite } from './bench/sites.ts';
import { CHROMIUM_ARGS, requireChromium } from './lib/build-site.ts';

const BASE_PATH = '/xf/';
const log = (line: string): void => console.error(`[bench:site] ${line}`);

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    loads: { type: 'string', default: '5' },
    changes: { type: 'string', default: '30' },
    'skip-big': { type: 'boolean', default: false },
    'skip-sample': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    'rebuild-site': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '300' },
  },
});
const [records, loads, changes, timeout] = [
  values.records,
  values.loads,
  values.changes,
  values.timeout,
].map((value) => Number(value.replaceAll('_', '')));
if (![records, loads, changes, timeout].every((n) => Number.isSafeInteger(n) && (n ?? 0) > 0)) {
  throw new Error('--records, --loads, --changes and --timeout take positive integers');
}

const before = machineState();
const executablePath = requireChromium();
const dir = values.reuse
  ? path.resolve(values.reuse)
  : await mkdtemp(path.join(tmpdir(), 'xf-bench-site-'));
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const sizes: (number | undefined)[] = [
    ...(values['skip-sample'] ? [] : [undefined]),
    ...(values['skip-big'] ? [] : [records]),
  ];
  const prepared: PreparedSite[] = [];
  const figures: SiteFigures[] = [];
  for (const size of sizes) {
    const site = await prepareSite({
      dir,
      records: size,
      basePath: BASE_PATH,
      reuse: values.reuse !== undefined,
      rebuildSite: values['rebuild-site'],
      log,
    });
    prepared.push(site);
    log(`measuring the ${site.label} site (${site.records.toLocaleString('en-US')} records)…`);
    figures.push(
      await measureSite(browser, site, {
        basePath: BASE_PATH,
        loads: loads ?? 5,
        changes: changes ?? 30,
        timeoutMs: (timeout ?? 300) * 1000,
        log,
      }),
    );
  }
  console.log(benchReport(figures, prepared, { before, after: machineState() }));
} finally {
  await browser.close();
  if (values.keep || values.reuse !== undefined) log(`built sites kept in ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
