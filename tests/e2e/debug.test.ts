import { it } from 'vitest';
import { launchBrowser } from './utils/browser';
import { Collector, startPages } from './utils/server';
it('debug', async () => {
  const browser = await launchBrowser();
  const collector = await new Collector().start();
  const pages = await startPages(() => collector.url);
  const page = await (await browser.newContext()).newPage();
  page.on('console', (m) => console.log('PAGE', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('PAGEERR', e));
  await page.goto(pages.url('basic.html'));
  await page.click('#go');
  await new Promise((r) => setTimeout(r, 3000));
  console.log(JSON.stringify(collector.requests.map((r) => [r.status, r.body?.batch.map((m) => m.event || m.type)])));
  console.log(await page.evaluate(() => JSON.stringify((window as any).sabu.status())));
  await browser.close(); await collector.stop(); await pages.close();
});
