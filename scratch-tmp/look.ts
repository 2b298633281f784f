import { chromium } from 'playwright-core';
import { serveStatic } from '../scripts/serve.ts';
const server = serveStatic('/tmp/alerts-s4/site', '/xf/');
await new Promise((r) => server.listen(0, '127.0.0.1', () => r(null)));
const port = (server.address() as any).port;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: process.env.NOJS ? false : true });
const page = await ctx.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
const url = `http://127.0.0.1:${port}/xf/alerts/${process.argv[2] ?? ''}`;
await page.goto(url);
await page.waitForLoadState('networkidle');
await page.waitForTimeout(800);
console.log(page.url());
await page.screenshot({ path: process.argv[3] ?? '/tmp/alerts-s4/page.png', fullPage: true });
if (process.env.PRESENT) {
  await page.click('[data-present]');
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/alerts-s4/slide1.png' });
  await page.keyboard.press('ArrowRight'); await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/alerts-s4/slide2.png' });
  await page.keyboard.press('ArrowRight'); await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/alerts-s4/slide3.png' });
  console.log(page.url(), await page.title());
}
await browser.close();
server.close();
