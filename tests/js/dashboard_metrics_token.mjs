// End-to-end test of the dashboard's Broker view against a broker whose
// /metrics needs a token, in headless Chromium (playwright-core, the system's
// /usr/bin/chromium; no browser is downloaded). What a browser that is not on
// the broker's host sees, made on loopback: `metrics.open_on_loopback = false`.
//
// Usage: node dashboard_metrics_token.mjs <tern-binary> <dist-dir> <artifacts-dir>
//
// Starts `tern run --open` on loopback ports it picks, serving <dist-dir>,
// with `[metrics] open_on_loopback = false` and a random TERN_METRICS_TOKEN.
// Checks that /metrics answers 401 without the token and 200 with it, then,
// through the UI only:
//   1. the Broker view says /metrics needs the metrics token (HTTP 401) and
//      highlights the "Metrics token" setting;
//   2. a wrong token saved there is refused, and the status says so;
//   3. the right token saved there: the status shows the figures read from
//      /metrics and the charts get points; it is kept in localStorage, so a
//      reload reads /metrics with it again;
//   4. Forget removes it and the view says the token is needed again;
//   5. the token appears in no console message of the page and nowhere in the
//      broker's output.
// Screenshots go to <artifacts-dir>: broker-needs-token.png, broker-token.png.
// Exits 0 on success; non-zero with `FAIL:` on stderr. Every wait is bounded
// (DOM conditions, no sleeps); an overall watchdog ends the run after 90 s.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, newPage } from './browser.mjs';

const [ternBin, distDir, artifactsDir] = process.argv.slice(2);
if (!ternBin || !distDir || !artifactsDir) {
  console.error('usage: node dashboard_metrics_token.mjs <tern-binary> <dist-dir> <artifacts-dir>');
  process.exit(2);
}
const WAIT = 10_000;
/** The dashboard reads /metrics every 5 s: a wait for a scheduled read gets three periods. */
const SCRAPE_WAIT = 15_000;
/** Where the dashboard keeps the token (services::metrics_token::STORAGE_KEY). */
const STORAGE_KEY = 'tern.dashboard.metrics_token';
const TOKEN = `mt-${randomBytes(16).toString('hex')}`;

const children = new Set();
let browser;
let workDir;
let brokerOutput = '';

function cleanup() {
  for (const c of children) c.kill('SIGKILL');
  children.clear();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}

async function fail(message) {
  console.error(`FAIL: ${message}`.replaceAll(TOKEN, '<the metrics token>'));
  try {
    await browser?.close();
  } catch {
    // already gone
  }
  cleanup();
  process.exit(1);
}

const watchdog = setTimeout(() => fail('overall time limit of 90 s exceeded'), 90_000);

/** Starts the broker; resolves with its WebSocket URL once it prints it (bounded). */
function startBroker(configFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      ternBin,
      ['run', '--open', '--config', configFile, '--mqtt', '127.0.0.1:0', '--http', '127.0.0.1:0'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', TERN_METRICS_TOKEN: TOKEN } },
    );
    children.add(child);
    let ready = false;
    const timer = setTimeout(() => reject(new Error(`tern run printed no WebSocket address within ${WAIT} ms: ${brokerOutput}`)), WAIT);
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (d) => {
        brokerOutput = (brokerOutput + d).slice(-50_000);
        const m = !ready && brokerOutput.match(/WebSocket listening on (ws:\/\/\S+)/);
        if (m) {
          ready = true;
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    }
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`tern run: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      clearTimeout(timer);
      const why = `tern run exited (${code ?? signal}): ${brokerOutput}`;
      if (ready) fail(why);
      else reject(new Error(why));
    });
  });
}

/** The status of GET /metrics, with the bearer token when `token` is given. */
async function metricsStatus(base, token) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const response = await fetch(`${base}metrics`, { headers, signal: AbortSignal.timeout(WAIT) });
  await response.arrayBuffer();
  return response.status;
}

/** The status line's text once it matches `pattern` (bounded). */
async function statusMatching(page, pattern, timeout = WAIT) {
  const status = page.locator('#metrics-status').filter({ hasText: pattern });
  await status.waitFor({ timeout });
  return status.innerText();
}

/** Types `token` into the Metrics token field and saves it. */
async function saveToken(page, token) {
  await page.fill('#metrics-token', token);
  await page.click('#metrics-token-save');
  if ((await page.locator('#metrics-token').inputValue()) !== '') throw new Error('the token field was not emptied after Save');
}

mkdirSync(artifactsDir, { recursive: true });

try {
  workDir = mkdtempSync(path.join(tmpdir(), 'tern-metrics-token-'));
  const configFile = path.join(workDir, 'tern.toml');
  writeFileSync(
    configFile,
    `[listeners]\nstatic_dir = ${JSON.stringify(path.resolve(distDir))}\n\n[metrics]\nopen_on_loopback = false\n`,
  );
  const wsUrl = await startBroker(configFile);
  const base = `${wsUrl.replace(/^ws:/, 'http:').replace(/mqtt$/, '')}`;
  console.log(`tern run: dashboard at ${base}, /metrics needs the token`);

  // The broker really refuses a loopback read without the token.
  const without = await metricsStatus(base);
  const wrong = await metricsStatus(base, 'not-the-token');
  const right = await metricsStatus(base, TOKEN);
  if (without !== 401 || wrong !== 401 || right !== 200) {
    throw new Error(`/metrics answered ${without} without the token, ${wrong} with a wrong one, ${right} with it: wanted 401, 401, 200`);
  }

  browser = await launchBrowser(WAIT);
  const page = await newPage(browser, WAIT);
  const pageErrors = [];
  const consoleTexts = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A refused fetch is logged by Chromium itself ("Failed to load resource …
  // 401"): expected here, so console errors are not failures; only the token
  // must never appear.
  page.on('console', (m) => consoleTexts.push(m.text()));

  // Connect (open mode: no credentials) and open the Broker view.
  await page.goto(`${base}#/broker`);
  await page.locator('#url').waitFor();
  await page.click('#connect');
  await page.locator('#connection-state.connected').waitFor();
  await page.locator('#tab-broker.active').waitFor();
  await page.locator('#metrics-token-state').filter({ hasText: 'No token kept' }).waitFor();

  // 1. Without a token: the status says it is needed and points at the setting.
  const needs = await statusMatching(page, "needs the broker's metrics token (HTTP 401)", SCRAPE_WAIT);
  if (!needs.includes('"Metrics token"')) throw new Error(`the status does not point at the Metrics token setting: ${needs}`);
  await page.locator('#metrics-status.needs-token').waitFor();
  await page.locator('#metrics-token-form.needed').waitFor();
  console.log(`without a token: ${needs}`);
  await page.screenshot({ path: path.join(artifactsDir, 'broker-needs-token.png'), fullPage: true });

  // 2. A wrong token: refused (Save reads /metrics at once).
  await saveToken(page, 'not-the-token');
  console.log(`a wrong token: ${await statusMatching(page, 'refused the metrics token (HTTP 401)')}`);

  // 3. The right token: figures, then chart points (a second read, 5 s later).
  await saveToken(page, TOKEN);
  const read = await statusMatching(page, /\d+ connected · \d+ published/);
  if (await page.locator('#metrics-token-form.needed, #metrics-status.needs-token').count()) {
    throw new Error('the token setting is still highlighted after metrics were read');
  }
  await page.locator('#metrics-token-state').filter({ hasText: 'A token is kept' }).waitFor();
  await page.waitForFunction(
    () => (document.querySelector('#chart-connections polyline')?.getAttribute('points') ?? '').trim().includes(' '),
    null,
    { timeout: SCRAPE_WAIT },
  );
  console.log(`with the token: ${read}; charts drawn`);
  await page.screenshot({ path: path.join(artifactsDir, 'broker-token.png'), fullPage: true });
  const kept = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  if (kept !== TOKEN) throw new Error(`the token is not kept in localStorage under ${STORAGE_KEY}`);

  // A reload (the login kept for the tab connects again) reads with the kept token.
  await page.reload();
  await page.locator('#connection-state.connected').waitFor();
  await page.locator('#tab-broker.active').waitFor();
  await statusMatching(page, /\d+ connected · \d+ published/, SCRAPE_WAIT);
  console.log('after a reload: read with the kept token');

  // 4. Forget: the token is gone and the view asks for it again.
  await page.click('#metrics-token-forget');
  await statusMatching(page, "needs the broker's metrics token (HTTP 401)");
  await page.locator('#metrics-token-state').filter({ hasText: 'No token kept' }).waitFor();
  if ((await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)) !== null) {
    throw new Error('Forget left the token in localStorage');
  }
  console.log('Forget: the token is gone, the view asks for it again');

  // 5. The token was never logged.
  if (consoleTexts.some((t) => t.includes(TOKEN))) throw new Error('the page logged the metrics token to the console');
  if (brokerOutput.includes(TOKEN)) throw new Error("the broker's output holds the metrics token");
  if (pageErrors.length > 0) throw new Error(`errors in the page: ${pageErrors.join('; ')}`);

  console.log(`PASS: the Broker view reads a token-protected /metrics; screenshots in ${artifactsDir}`);
  await browser.close();
  clearTimeout(watchdog);
  cleanup();
  process.exit(0);
} catch (e) {
  await fail(e.stack ?? String(e));
}
