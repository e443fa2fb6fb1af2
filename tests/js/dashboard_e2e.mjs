// End-to-end test of the dashboard in headless Chromium (playwright-core, the
// system's /usr/bin/chromium; no browser is downloaded).
//
// Usage: node dashboard_e2e.mjs <tern-binary> <dist-dir> <artifacts-dir>
//
// Starts Tern in open mode serving <dist-dir> (listeners.static_dir) on
// loopback ports it picks, three devices (device_standin.mjs, the stand-in for
// the `tern-device` simulator: swap DEVICE_COMMAND to use the simulator), and
// the dashboard from the broker. Then, through the UI only:
//   1. a `#token=` link connects at once, and a JWT typed in is sent too; open
//      mode refuses both (CONNACK 0x8C) and the reason is shown;
//   2. connects with user name and password; every device is shown online; a
//      reload connects again from the login kept in sessionStorage;
//   3. malformed JSON is flagged and cannot be sent;
//   4. commands to three devices are answered, each with its round-trip time,
//      the device's new state and its firmware user property;
//   5. a command to a device that does not exist times out (1 s timeout);
//   6. a device killed with SIGKILL is shown offline (its will), and online
//      again when it comes back, and answers a command again.
// Screenshots go to <artifacts-dir>: dashboard.png (the command view at the
// end), connect-refused.png, devices-offline.png, devices.png, devices-load.png. Exits 0 on success; non-zero with `FAIL:` on stderr.
// Every wait is bounded; an overall watchdog ends the run after 120 s.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const [ternBin, distDir, artifactsDir] = process.argv.slice(2);
if (!ternBin || !distDir || !artifactsDir) {
  console.error('usage: node dashboard_e2e.mjs <tern-binary> <dist-dir> <artifacts-dir>');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const WAIT = 10_000;
const DEVICES = ['dev-a', 'dev-b', 'dev-c'];
/** How a device is started: the stand-in now; `tern-device` once it is merged. */
const DEVICE_COMMAND = (url, id) => [process.execPath, [path.join(HERE, 'device_standin.mjs'), url, id]];

const children = new Set();
let browser;

function cleanup() {
  for (const c of children) c.kill('SIGKILL');
  children.clear();
}

async function fail(message) {
  console.error(`FAIL: ${message}`);
  try {
    await browser?.close();
  } catch {
    // already gone
  }
  cleanup();
  process.exit(1);
}

const watchdog = setTimeout(() => fail('overall time limit of 120 s exceeded'), 120_000);

/** Spawns a process and resolves with the first stdout match of `pattern` (bounded). */
function spawnUntil(cmd, args, pattern, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${what}: no "${pattern}" within ${WAIT} ms; stdout: ${out}; stderr: ${err}`)), WAIT);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m });
      }
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('exit', (code) => {
      children.delete(child);
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) early; stdout: ${out}; stderr: ${err}`));
    });
  });
}

async function startDevice(wsUrl, id) {
  const [cmd, args] = DEVICE_COMMAND(wsUrl, id);
  const { child } = await spawnUntil(cmd, args, new RegExp(`ready ${id}`), `device ${id}`);
  child.removeAllListeners('exit');
  child.on('exit', () => children.delete(child));
  return child;
}

mkdirSync(artifactsDir, { recursive: true });

const LOAD_DEVICES = 1000;
const LOAD_RATE = 100; // reported messages per second
const LOAD_SECONDS = 5;
/** Largest timer lag (ms) in the page under load that still counts as responsive. */
const MAX_LAG_MS = 1000;

/** Publishes the load with one MQTT.js client and checks the page under it. */
async function runLoad(page, wsUrl) {
  const title = await page.locator('#connection-state').getAttribute('title');
  const prefix = title?.match(/responses under (\S+)/)?.[1];
  if (!prefix) throw new Error(`no response prefix in the badge title: ${title}`);
  const before = Number((await page.locator('#tab-reported').innerText()).match(/\((\d+)\)/)[1]);
  await page.click('#tab-devices');
  // Lag probe: a 50 ms interval records how late it runs.
  await page.evaluate(() => {
    window.__lag = { max: 0, samples: [] };
    let last = performance.now();
    window.__lagTimer = setInterval(() => {
      const now = performance.now();
      const lag = now - last - 50;
      last = now;
      window.__lag.samples.push(lag);
      if (lag > window.__lag.max) window.__lag.max = lag;
    }, 50);
  });
  const load = await mqtt.connectAsync(wsUrl, { protocolVersion: 5, clientId: 'load', reconnectPeriod: 0, connectTimeout: 5_000 });
  const started = Date.now();
  for (let i = 0; i < LOAD_DEVICES; i++) {
    load.publish(`clients/load-${String(i).padStart(4, '0')}/status`, 'online', { qos: 0, retain: true });
  }
  await page.locator('#devices').filter({ hasText: 'load-0000' }).waitFor();
  await page.waitForFunction((n) => document.querySelector('#tab-devices')?.innerText.includes(`${n} online`), LOAD_DEVICES + DEVICES.length, { timeout: WAIT });
  const devicesMs = Date.now() - started;
  let sent = 0;
  const tabSwitches = [];
  const total = LOAD_RATE * LOAD_SECONDS;
  const t0 = Date.now();
  while (sent < total) {
    // Publish what is due by now, then wait for the next 10 ms slot.
    const due = Math.min(total, Math.floor(((Date.now() - t0) / 1000) * LOAD_RATE) + 1);
    for (; sent < due; sent++) {
      const dev = `load-${String(sent % LOAD_DEVICES).padStart(4, '0')}`;
      load.publish(`${prefix}/devices/${dev}/reported`, JSON.stringify({ $version: sent, temp: 20 + (sent % 7) }), {
        qos: 0,
        properties: { correlationData: Buffer.from(`load-${sent}`), userProperties: { firmware: 'load' }, contentType: 'application/json' },
      });
    }
    if (sent === Math.floor(total / 2) || sent === total - 1) {
      const s = Date.now();
      const tab = tabSwitches.length % 2 === 0 ? 'reported' : 'devices';
      await page.click(`#tab-${tab}`);
      await page.locator(`#tab-${tab}.active`).waitFor();
      tabSwitches.push(Date.now() - s);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await page.waitForFunction((n) => document.querySelector('#tab-reported')?.innerText.includes(`(${n})`), before + total, { timeout: WAIT });
  const lag = await page.evaluate(() => {
    clearInterval(window.__lagTimer);
    const s = window.__lag.samples.slice().sort((a, b) => a - b);
    return { max: window.__lag.max, p95: s[Math.floor(s.length * 0.95)] ?? 0, n: s.length };
  });
  await load.endAsync();
  await page.click('#tab-reported');
  const shown = await page.locator('#reported li.msg').count();
  console.log(
    `load: ${LOAD_DEVICES} devices shown in ${devicesMs} ms; ${total} reported messages at ${LOAD_RATE}/s: ` +
      `page timer lag p95 ${lag.p95.toFixed(0)} ms, max ${lag.max.toFixed(0)} ms (${lag.n} samples); ` +
      `tab switches ${tabSwitches.join(', ')} ms; ${shown} messages rendered (bounded)`,
  );
  if (shown > 200) throw new Error(`Reported view is not bounded: ${shown} items`);
  if (lag.max > MAX_LAG_MS) throw new Error(`page unresponsive under load: timer lag ${lag.max.toFixed(0)} ms > ${MAX_LAG_MS} ms`);
  for (const ms of tabSwitches) {
    if (ms > MAX_LAG_MS) throw new Error(`tab switch took ${ms} ms under load`);
  }
  await page.click('#tab-devices');
  await page.screenshot({ path: path.join(artifactsDir, 'devices-load.png') });
}

try {
  // --- broker ---------------------------------------------------------------
  const dir = mkdtempSync(path.join(tmpdir(), 'tern-e2e-'));
  const config = path.join(dir, 'tern.toml');
  writeFileSync(config, `[listeners]\nstatic_dir = ${JSON.stringify(path.resolve(distDir))}\n`);
  const { child: broker, match } = await spawnUntil(
    ternBin,
    ['run', '--open', '--config', config, '--mqtt', '127.0.0.1:0', '--http', '127.0.0.1:0'],
    /WebSocket listening on (ws:\/\/\S+)/,
    'tern',
  );
  broker.removeAllListeners('exit');
  broker.on('exit', (code) => {
    children.delete(broker);
    fail(`tern exited (${code}) during the test`);
  });
  const wsUrl = match[1];
  const pageUrl = wsUrl.replace(/^ws:/, 'http:').replace(/\/mqtt$/, '/');
  console.log(`tern at ${wsUrl}, dashboard at ${pageUrl}`);

  // --- devices --------------------------------------------------------------
  const devices = new Map();
  for (const id of DEVICES) devices.set(id, await startDevice(wsUrl, id));

  // --- browser --------------------------------------------------------------
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: WAIT,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.setDefaultTimeout(WAIT);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  // 1a. A `#token=…&url=…` link connects at once with the JWT (open mode refuses
  // it: CONNACK 0x8C, shown on the connect screen) and leaves the address bar.
  await page.goto(`${pageUrl}#token=aaa.bbb.ccc&url=${encodeURIComponent(wsUrl)}`);
  await page.locator('#refused').filter({ hasText: '0x8C' }).waitFor();
  if (page.url().includes('token=')) throw new Error(`token left in the address bar: ${page.url()}`);
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(pageUrl);

  // 1b. A JWT typed on the connect screen: refused the same way.
  await page.locator('#url').waitFor();
  const prefilled = await page.locator('#url').inputValue();
  if (prefilled !== wsUrl) throw new Error(`broker URL not prefilled from the page: ${prefilled}`);
  await page.click('#auth-jwt');
  await page.fill('#token', 'aaa.bbb.ccc');
  await page.click('#connect');
  await page.locator('#refused').filter({ hasText: '0x8C' }).waitFor();
  console.log(`refused: ${await page.locator('#refused').innerText()}`);
  await page.screenshot({ path: path.join(artifactsDir, 'connect-refused.png') });

  // 2. User name and password; all devices online.
  await page.click('#auth-password');
  await page.fill('#username', 'dashboard');
  await page.fill('#password', 'secret');
  await page.click('#connect');
  await page.locator('#connection-state.connected').waitFor();
  for (const id of DEVICES) {
    await page.locator(`tr[data-device="${id}"] .presence.online`).waitFor();
  }
  console.log('connected; devices online');
  // The login is kept for the tab: a reload connects again by itself.
  await page.reload();
  await page.locator('#connection-state.connected').waitFor();
  await page.locator('tr[data-device="dev-a"] .presence.online').waitFor();

  // 3. Malformed JSON is flagged and the Send button is disabled.
  await page.click(`tr[data-device="dev-a"] button`); // "Command…" opens the command view for dev-a
  if ((await page.locator('#device').inputValue()) !== 'dev-a') throw new Error('device not preselected');
  await page.fill('#desired', '{"temp": }');
  await page.locator('#json-check.bad').waitFor();
  if (!(await page.locator('#send').isDisabled())) throw new Error('Send enabled for malformed JSON');
  await page.fill('#desired', '[1, 2]');
  await page.locator('#json-check.bad').filter({ hasText: 'JSON object' }).waitFor();

  // 4. Commands to every device, answered with a round-trip time.
  let answered = 0;
  for (const [i, id] of DEVICES.entries()) {
    await page.fill('#device', id);
    await page.fill('#desired', JSON.stringify({ temp: 20 + i, mode: 'eco' }, null, 2));
    await page.locator('#json-check.ok').waitFor();
    await page.click('#send');
    answered += 1;
    await page.waitForFunction((n) => document.querySelectorAll('#requests tr.req.answered').length >= n, answered, { timeout: WAIT });
  }
  const rows = await page.locator('#requests tr.req.answered').allInnerTexts();
  for (const row of rows) {
    if (!/answered in \d+(\.\d+)? m?s/.test(row)) throw new Error(`no round-trip time in: ${row}`);
    if (!row.includes('"$version":2') || !row.includes('firmware standin-1.0')) throw new Error(`response not shown: ${row}`);
  }
  console.log(`answered: ${rows.map((r) => r.split('\n').join(' | ')).join('\n          ')}`);

  // 5. A device that does not exist: the request times out.
  await page.fill('#device', 'ghost');
  await page.fill('#timeout', '1');
  await page.fill('#desired', '{"x": 1}');
  await page.click('#send');
  await page.locator('#requests tr.req.timedout').filter({ hasText: 'ghost' }).waitFor();
  await page.fill('#timeout', '10');

  // The Reported view lists the responses with their correlation data.
  await page.click('#tab-reported');
  await page.waitForFunction(() => document.querySelectorAll('#reported li.msg').length >= 3, null, { timeout: WAIT });
  const reported = await page.locator('#reported').innerText();
  if (!reported.includes('firmware=standin-1.0') || !reported.includes('corr dash-')) {
    throw new Error(`Reported view incomplete: ${reported}`);
  }

  // 6. Kill dev-b: offline from its will; back again: online, answers again.
  await page.click('#tab-devices');
  devices.get('dev-b').kill('SIGKILL');
  await page.locator('tr[data-device="dev-b"] .presence.offline').waitFor();
  console.log('dev-b offline after SIGKILL');
  await page.screenshot({ path: path.join(artifactsDir, 'devices-offline.png') });
  devices.set('dev-b', await startDevice(wsUrl, 'dev-b'));
  await page.locator('tr[data-device="dev-b"] .presence.online').waitFor();
  console.log('dev-b online again');
  await page.screenshot({ path: path.join(artifactsDir, 'devices.png') });

  await page.click('tr[data-device="dev-b"] button');
  await page.fill('#desired', '{"temp": 25}');
  await page.click('#send');
  await page.waitForFunction(() => document.querySelectorAll('#requests tr.req.answered').length >= 4, null, { timeout: WAIT });
  // The restarted device starts from a fresh state: $version 2 again.
  const latest = await page.locator('#requests tr.req').first().innerText();
  if (!latest.includes('dev-b') || !latest.includes('"temp":25')) throw new Error(`restarted device's answer: ${latest}`);

  await page.screenshot({ path: path.join(artifactsDir, 'dashboard.png'), fullPage: true });

  // 7. Load: 1,000 more devices and 100 reported messages/s for 5 s. The page
  // must keep up (all devices counted, the Reported total right) and stay
  // responsive (timer lag and tab switches measured in the page).
  await runLoad(page, wsUrl);

  if (pageErrors.length > 0) throw new Error(`errors in the page: ${pageErrors.join('; ')}`);
  console.log(`PASS: dashboard end-to-end; screenshots in ${artifactsDir}`);
  await browser.close();
  clearTimeout(watchdog);
  broker.removeAllListeners('exit');
  cleanup();
  process.exit(0);
} catch (e) {
  await fail(e.stack ?? String(e));
}
