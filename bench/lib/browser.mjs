import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

/** Debian's Chromium; never a downloaded browser. Same flags as tests/e2e/utils/browser.ts. */
export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium, or set CHROME_PATH.`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

const isLoopback = (url) => {
  try {
    const u = new URL(url);
    return !/^https?:$|^wss?:$/.test(u.protocol) || u.hostname == '127.0.0.1';
  } catch {
    return true;
  }
};

/**
 * A fresh profile for one measurement. Any request that is not to 127.0.0.1 is aborted
 * (and listed in `blocked`), so no peer can call out. The user agent is the headful one
 * for every target alike: some peers drop all events from "HeadlessChrome".
 */
const userAgents = new WeakMap();

export async function freshContext(browser) {
  if (!userAgents.has(browser)) {
    const cdp = await browser.newBrowserCDPSession();
    userAgents.set(browser, (await cdp.send('Browser.getVersion')).userAgent.replace('HeadlessChrome', 'Chrome'));
    await cdp.detach();
  }
  const ua = userAgents.get(browser);
  const context = await browser.newContext({ userAgent: ua });
  const blocked = [];
  await context.route((url) => !isLoopback(url.href), (route) => {
    blocked.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  return { context, blocked };
}
