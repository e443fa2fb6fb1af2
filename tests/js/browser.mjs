// Headless Chromium as the dashboard scripts drive it: Debian's
// /usr/bin/chromium (or $CHROMIUM) through playwright-core, no browser
// downloaded, and a page of the dashboard's size.

import { chromium } from 'playwright-core';

/** The Chromium binary the scripts drive. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Starts headless Chromium, giving up after `timeout` ms. */
export function launchBrowser(timeout) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A new 1280×860 page whose every wait is bounded by `timeout` ms. */
export async function newPage(browser, timeout) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.setDefaultTimeout(timeout);
  return page;
}
