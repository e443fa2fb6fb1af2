// End-to-end test of the dashboard against the real product, in headless
// Chromium (playwright-core, the system's /usr/bin/chromium; no browser is
// downloaded).
//
// Usage: node dashboard_e2e.mjs <tern-binary> <dist-dir> <artifacts-dir> <tern-device-binary>
//
// Starts `tern demo` (the seeds' namespace, default deny; three simulated
// devices device1..device3 on MQTT/TLS with CA-signed client certificates;
// <dist-dir> as the dashboard) on loopback ports it picks, in a fresh data
// dir. Adds a fourth device the way a user would: a client certificate from
// the demo's CA (`tern certs client create`), the client registered through
// the admin API (`tern client create`), and a separate `tern-device` process
// connecting with that certificate over MQTT/TLS. Then, through the UI only:
//   1. garbage and tampered JWTs typed on the connect screen are refused with
//      the broker's CONNACK reason (0x86 Bad User Name or Password), shown;
//   2. the `http://HOST:PORT/#token=JWT` link `tern demo` prints logs in (MQTT
//      5 enhanced authentication, CUSTOM-JWT) and leaves the address bar;
//      every device is shown online; a reload connects again from the login
//      kept in sessionStorage;
//   2b. the page shown is in the URL (`#/reported`, `#/broker`, …): a tab sets
//      the fragment, a reload keeps the page, loading the dashboard's URL with
//      the Broker view's fragment opens the Broker view, back and forward move
//      between pages, and a fresh tab opened with `#/broker&token=JWT` logs in
//      on the Broker view (the token leaves the address bar, the route stays);
//   3. malformed JSON is flagged and cannot be sent;
//   4. commands to the demo's devices are answered: round-trip time, the
//      device's new state and its firmware user property shown; each
//      response in the Reported view carries its request's correlation data
//      and none is unmatched;
//   5. a command to a device that does not exist times out (1 s timeout): the
//      demo lets the cloud app publish to any `devices/+/desired`;
//   6. the external `tern-device` answers a command (its own firmware); killed
//      with SIGKILL it is shown offline (its will), restarted it is shown
//      online again and answers again from a fresh state; the Broker view
//      shows /metrics figures and charts and the life-cycle events, among
//      them the device's ConnectionLost disconnection;
//   7. load: a client registered through the admin API (password, its own
//      group and bindings to the demo's topic spaces) publishes 1,000 more
//      devices' status and 100 reported messages/s for 5 s; the page keeps
//      up, its lists stay bounded, its timer lag and tab switches are measured.
// Screenshots go to <artifacts-dir>: connect-refused.png, devices-offline.png,
// devices.png, dashboard.png (the command view), broker.png, devices-load.png. Exits 0 on
// success; non-zero with `FAIL:` on stderr. Every wait is bounded; an overall
// watchdog ends the run after 120 s.

import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { launchBrowser, newPage } from './browser.mjs';

const [ternBin, distDir, artifactsDir, deviceBin] = process.argv.slice(2);
if (!ternBin || !distDir || !artifactsDir || !deviceBin) {
  console.error('usage: node dashboard_e2e.mjs <tern-binary> <dist-dir> <artifacts-dir> <tern-device-binary>');
  process.exit(2);
}
const WAIT = 10_000;
/** The devices `tern demo --devices 3` simulates (in its own process). */
const DEMO_DEVICES = ['device1', 'device2', 'device3'];
/** The firmware the demo's simulated devices report (tern-device's default). */
const DEMO_FIRMWARE = '1.0.0';
/** The device added to the demo and run as a separate `tern-device` process. */
const EXTERNAL = 'external1';
const EXTERNAL_FIRMWARE = '2.0.0-external';
/** The load publisher's client, registered through the admin API. */
const LOADGEN = { name: 'loadgen', password: 'load-secret' };
/** The Bad User Name or Password reason code Tern sends for a JWT that does not verify. */
const BAD_CREDENTIALS = '0x86';

const children = new Set();
let browser;
let dataDir;

function cleanup() {
  for (const c of children) c.kill('SIGKILL');
  children.clear();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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

/** Keeps the last `limit` characters of a growing log. */
function tail(log, more, limit = 20_000) {
  const s = log + more;
  return s.length > limit ? s.slice(-limit) : s;
}

/**
 * Spawns a long-running process and resolves once its stdout matches
 * `pattern` (bounded); `onExit` is called if it ends later.
 */
function spawnUntil(cmd, args, pattern, what, onExit) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    children.add(child);
    let out = '';
    let err = '';
    let ready = false;
    const timer = setTimeout(() => reject(new Error(`${what}: no ${pattern} within ${WAIT} ms; stdout: ${out}; stderr: ${err}`)), WAIT);
    child.stdout.on('data', (d) => {
      out = tail(out, d);
      const m = !ready && out.match(pattern);
      if (m) {
        ready = true;
        clearTimeout(timer);
        resolve({ child, match: m });
      }
    });
    child.stderr.on('data', (d) => {
      err = tail(err, d);
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${what}: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      clearTimeout(timer);
      const why = `${what} exited (${code ?? signal}); stdout: ${out}; stderr: ${err}`;
      if (ready) onExit?.(why);
      else reject(new Error(why));
    });
  });
}

/** Runs a short `tern` command (bounded) and resolves with its stdout. */
function tern(args, env = {}) {
  return new Promise((resolve, reject) => {
    execFile(ternBin, args, { timeout: WAIT, env: { ...process.env, NO_COLOR: '1', ...env } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`tern ${args.join(' ')}: ${error.message}; stderr: ${stderr}`));
      else resolve(stdout);
    });
  });
}

/**
 * Starts the external device: `tern-device` with its client certificate
 * over MQTT/TLS. Its readiness is judged in the UI; an exit we did not ask
 * for fails the test.
 */
function startExternalDevice(demo) {
  const child = spawn(
    deviceBin,
    [
      '--mqtt', demo.mqtts,
      '--ids', EXTERNAL,
      '--firmware', EXTERNAL_FIRMWARE,
      '--cafile', path.join(demo.dataDir, 'ca', 'ca.pem'),
      '--cert-dir', demo.externalCertDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  children.add(child);
  let err = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (d) => {
      err = tail(err, d);
    });
  }
  child.on('error', (e) => fail(`tern-device: ${e.message}`));
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!child.killedOnPurpose) fail(`tern-device exited (${code ?? signal}); output: ${err}`);
  });
  return child;
}

/** Unicode base64url of a JSON value (a JWT part). */
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The demo's token with its claims changed to `sub` = device1 and its signature kept. */
function tamper(token) {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return [header, b64url({ ...claims, sub: DEMO_DEVICES[0] }), signature].join('.');
}

mkdirSync(artifactsDir, { recursive: true });

const LOAD_DEVICES = 1000;
const LOAD_RATE = 100; // reported messages per second
const LOAD_SECONDS = 5;
/** Largest timer lag (ms) in the page under load that still counts as responsive. */
const MAX_LAG_MS = 1000;

/**
 * Lets the load publisher in: a client with a password, a group of its own,
 * and bindings that let it publish to the demo's status and reported topic
 * spaces (all through the admin API, with the bearer token the demo printed).
 */
async function admitLoadPublisher(demo) {
  const admin = ['--admin', demo.adminUrl];
  const env = { TERN_ADMIN_TOKEN: demo.adminToken };
  await tern([...admin, 'client', 'create', '--name', LOADGEN.name, '--attributes', '{"type":"loadgen"}', '--password', LOADGEN.password], env);
  await tern([...admin, 'client-group', 'create', '--name', 'loadgens', '--query', "attributes.type = 'loadgen'"], env);
  for (const [binding, space] of [
    ['loadgenStatusPub', 'lwtSub'],
    ['loadgenReportedPub', 'responseReportedProperties'],
  ]) {
    await tern(
      [...admin, 'permission-binding', 'create', '--name', binding, '--client-group', 'loadgens', '--topic-space', space, '--permission', 'publisher'],
      env,
    );
  }
}

/** Publishes the load with one MQTT.js client and checks the page under it. */
async function runLoad(page, demo) {
  const online = DEMO_DEVICES.length + 1;
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
  const load = await mqtt.connectAsync(demo.wsUrl, {
    protocolVersion: 5,
    clientId: 'load',
    username: LOADGEN.name,
    password: LOADGEN.password,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
  });
  const started = Date.now();
  for (let i = 0; i < LOAD_DEVICES; i++) {
    load.publish(`clients/load-${String(i).padStart(4, '0')}/status`, 'online', { qos: 0, retain: true });
  }
  await page.locator('#devices').filter({ hasText: 'load-0000' }).waitFor();
  await page.waitForFunction((n) => document.querySelector('#tab-devices')?.innerText.includes(`${n} online`), LOAD_DEVICES + online, { timeout: WAIT });
  const devicesMs = Date.now() - started;
  let sent = 0;
  const tabSwitches = [];
  const total = LOAD_RATE * LOAD_SECONDS;
  // Switch tabs once half the messages are out and once all are (messages go
  // out in batches, so these are thresholds, not exact counts).
  const switchAt = [Math.floor(total / 2), total];
  const t0 = Date.now();
  while (sent < total) {
    // Publish what is due by now, then wait for the next 10 ms slot.
    const due = Math.min(total, Math.floor(((Date.now() - t0) / 1000) * LOAD_RATE) + 1);
    for (; sent < due; sent++) {
      const dev = `load-${String(sent % LOAD_DEVICES).padStart(4, '0')}`;
      load.publish(`devices/${dev}/reported`, JSON.stringify({ $version: sent, temp: 20 + (sent % 7) }), {
        qos: 0,
        properties: { correlationData: Buffer.from(`load-${sent}`), userProperties: { firmware: 'load' }, contentType: 'application/json' },
      });
    }
    if (sent >= switchAt[tabSwitches.length]) {
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

/** Sends a command from the command view and waits for its row to be answered; returns the row's text. */
async function command(page, device, desired, answeredBefore) {
  await page.fill('#device', device);
  await page.fill('#desired', JSON.stringify(desired, null, 2));
  await page.locator('#json-check.ok').waitFor();
  await page.click('#send');
  await page.waitForFunction((n) => document.querySelectorAll('#requests tr.req.answered').length > n, answeredBefore, { timeout: WAIT });
  const latest = page.locator('#requests tr.req').first();
  return { text: await latest.innerText(), correlation: await latest.getAttribute('data-correlation') };
}

/** Checks an answered row: round-trip time, the device, its new state and firmware. */
function checkAnswer(row, device, desired, version, firmware) {
  const text = row.text;
  if (!text.includes(device)) throw new Error(`answer from the wrong device (wanted ${device}): ${text}`);
  if (!/answered in \d+(\.\d+)? m?s/.test(text)) throw new Error(`no round-trip time in: ${text}`);
  // The device's full state as it reported it (key order is the device's).
  const want = { ...desired, $version: version };
  let shown;
  try {
    shown = JSON.parse(text.match(/\{.*\}/)?.[0]);
  } catch {
    shown = undefined;
  }
  const same = shown && Object.keys(shown).length === Object.keys(want).length && Object.entries(want).every(([k, v]) => JSON.stringify(shown[k]) === JSON.stringify(v));
  if (!same) throw new Error(`reported state ${JSON.stringify(want)} not shown: ${text}`);
  if (!text.includes(`firmware ${firmware}`)) throw new Error(`firmware ${firmware} not shown: ${text}`);
  if (!row.correlation) throw new Error(`no correlation data on the row: ${text}`);
}

try {
  // --- tern demo ------------------------------------------------------------
  dataDir = mkdtempSync(path.join(tmpdir(), 'tern-e2e-'));
  const demoDir = path.join(dataDir, 'demo');
  const { match } = await spawnUntil(
    ternBin,
    [
      'demo',
      '--http', '127.0.0.1:0',
      '--mqtt', '127.0.0.1:0',
      '--mqtts', '127.0.0.1:0',
      '--data-dir', demoDir,
      '--web-dir', path.resolve(distDir),
      '--devices', String(DEMO_DEVICES.length),
    ],
    /mqtts:\/\/(\S+) \(devices\)\n[\s\S]*Admin API: (http:\/\/\S+)\/api\/v1 \(bearer token (\S+)\)\n[\s\S]*\n(http:\/\/\S+\/)#token=(\S+)\n/,
    'tern demo',
    (why) => fail(`tern demo ended during the test: ${why}`),
  );
  const [, mqtts, adminUrl, adminToken, pageUrl, token] = match;
  const demo = {
    dataDir: demoDir,
    mqtts,
    adminUrl,
    adminToken,
    wsUrl: `${pageUrl.replace(/^http:/, 'ws:')}mqtt`,
    externalCertDir: path.join(dataDir, 'external'),
  };
  console.log(`tern demo: dashboard at ${pageUrl}, devices on mqtts://${mqtts}`);

  // --- the external device: certificate, registration, process --------------
  await tern(['certs', 'client', 'create', EXTERNAL, '--ca', path.join(demoDir, 'ca'), '--out', demo.externalCertDir]);
  await tern(
    ['--admin', adminUrl, 'client', 'create', '--name', EXTERNAL, '--attributes', '{"type":"device"}', '--validation-scheme', 'SubjectMatchesAuthenticationName'],
    { TERN_ADMIN_TOKEN: adminToken },
  );
  let external = startExternalDevice(demo);
  const ALL_DEVICES = [...DEMO_DEVICES, EXTERNAL];

  // --- browser --------------------------------------------------------------
  browser = await launchBrowser(WAIT);
  const page = await newPage(browser, WAIT);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });

  // 1. Garbage and tampered JWTs typed on the connect screen: refused, the
  // CONNACK reason shown. A fresh page for each, so each refusal is its own.
  for (const [what, jwt] of [
    ['garbage', 'aaa.bbb.ccc'],
    ['tampered', tamper(token)],
  ]) {
    await page.goto(pageUrl);
    await page.evaluate(() => sessionStorage.clear());
    await page.goto('about:blank');
    await page.goto(pageUrl);
    await page.locator('#url').waitFor();
    const prefilled = await page.locator('#url').inputValue();
    if (prefilled !== demo.wsUrl) throw new Error(`broker URL not prefilled from the page: ${prefilled}`);
    await page.click('#auth-jwt');
    await page.fill('#token', jwt);
    await page.click('#connect');
    await page.locator('#refused').filter({ hasText: BAD_CREDENTIALS }).waitFor();
    console.log(`${what} JWT refused: ${await page.locator('#refused').innerText()}`);
  }
  await page.screenshot({ path: path.join(artifactsDir, 'connect-refused.png') });

  // 2. The link `tern demo` printed logs in with its JWT; every device online.
  await page.evaluate(() => sessionStorage.clear());
  await page.goto('about:blank');
  await page.goto(`${pageUrl}#token=${token}`);
  await page.locator('#connection-state.connected').waitFor();
  if (page.url().includes('token=')) throw new Error(`token left in the address bar: ${page.url()}`);
  for (const id of ALL_DEVICES) {
    await page.locator(`tr[data-device="${id}"] .presence.online`).waitFor();
  }
  console.log(`logged in from the link; online: ${ALL_DEVICES.join(', ')}`);
  // The login is kept for the tab: a reload connects again by itself.
  await page.reload();
  await page.locator('#connection-state.connected').waitFor();
  await page.locator(`tr[data-device="${DEMO_DEVICES[0]}"] .presence.online`).waitFor();

  // 2b. The page is in the URL: the tabs set the fragment, a reload keeps the
  // page, the Broker view's fragment opens it on load, back/forward work.
  const fragment = () => new URL(page.url()).hash;
  await page.click('#tab-reported');
  await page.locator('#tab-reported.active').waitFor();
  if (fragment() !== '#/reported') throw new Error(`the Reported tab did not set the fragment: ${page.url()}`);
  await page.reload();
  await page.locator('#connection-state.connected').waitFor();
  await page.locator('#tab-reported.active').waitFor();
  await page.locator('main h2').filter({ hasText: 'Reported' }).waitFor();
  await page.goto('about:blank');
  await page.goto(`${pageUrl}#/broker`);
  await page.locator('#connection-state.connected').waitFor();
  await page.locator('#tab-broker.active').waitFor();
  await page.locator('#metrics-status').waitFor();
  await page.click('#tab-devices');
  await page.locator(`tr[data-device="${DEMO_DEVICES[0]}"] .presence.online`).waitFor();
  if (fragment() !== '#/devices') throw new Error(`the Devices tab did not set the fragment: ${page.url()}`);
  await page.goBack();
  await page.locator('#tab-broker.active').waitFor();
  await page.locator('#metrics-status').waitFor();
  await page.goForward();
  await page.locator('#tab-devices.active').waitFor();
  await page.locator(`tr[data-device="${DEMO_DEVICES[0]}"] .presence.online`).waitFor();
  // A shared link: a fresh tab (no kept login) with a route and the token.
  const shared = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  shared.setDefaultTimeout(WAIT);
  shared.on('pageerror', (e) => pageErrors.push(`shared tab: ${e.message}`));
  await shared.goto(`${pageUrl}#/broker&token=${token}`);
  await shared.locator('#connection-state.connected').waitFor();
  await shared.locator('#tab-broker.active').waitFor();
  await shared.locator('#metrics-status').waitFor();
  if (new URL(shared.url()).hash !== '#/broker') throw new Error(`shared link: wanted #/broker left in the address bar: ${shared.url()}`);
  await shared.close();
  console.log('the page is in the URL: reload, #/broker on load, back/forward and a shared #/broker&token= link');

  // 3. Malformed JSON is flagged and the Send button is disabled.
  await page.click(`tr[data-device="${DEMO_DEVICES[0]}"] button`); // "Command…" opens the command view
  if ((await page.locator('#device').inputValue()) !== DEMO_DEVICES[0]) throw new Error('device not preselected');
  await page.fill('#desired', '{"temp": }');
  await page.locator('#json-check.bad').waitFor();
  if (!(await page.locator('#send').isDisabled())) throw new Error('Send enabled for malformed JSON');
  await page.fill('#desired', '[1, 2]');
  await page.locator('#json-check.bad').filter({ hasText: 'JSON object' }).waitFor();

  // 4. Commands to the demo's devices: answered, state and firmware shown.
  let answered = 0;
  const answers = [];
  for (const [i, id] of DEMO_DEVICES.entries()) {
    const desired = { temp: 20 + i, mode: 'eco' };
    const row = await command(page, id, desired, answered++);
    checkAnswer(row, id, desired, 1, DEMO_FIRMWARE);
    answers.push({ id, ...row });
  }
  console.log(`answered: ${answers.map((a) => a.text.split('\n').join(' | ')).join('\n          ')}`);

  // 5. A device that does not exist: the broker accepts the publish (the
  // cloud app may publish to devices/+/desired), nobody answers, it times out.
  await page.fill('#device', 'ghost');
  await page.fill('#timeout', '1');
  await page.fill('#desired', '{"x": 1}');
  await page.click('#send');
  await page.locator('#requests tr.req.timedout').filter({ hasText: 'ghost' }).waitFor();
  await page.fill('#timeout', '10');

  // The Reported view lists each response on its device's reported topic with
  // the request's correlation data, and none is unmatched.
  await page.click('#tab-reported');
  for (const a of answers) {
    await page
      .locator('#reported li.msg')
      .filter({ hasText: `devices/${a.id}/reported` })
      .filter({ hasText: `corr ${a.correlation}` })
      .filter({ hasText: `firmware=${DEMO_FIRMWARE}` })
      .waitFor();
  }
  const unmatched = await page.locator('#reported .tag-warn').count();
  if (unmatched > 0) throw new Error(`${unmatched} reported message(s) shown as unmatched: ${await page.locator('#reported').innerText()}`);

  // 6. The external tern-device process: answers, killed → offline (its
  // will), restarted → online, answers again from a fresh state.
  await page.click('#tab-command');
  checkAnswer(await command(page, EXTERNAL, { temp: 30 }, answered++), EXTERNAL, { temp: 30 }, 1, EXTERNAL_FIRMWARE);
  await page.click('#tab-devices');
  external.killedOnPurpose = true;
  external.kill('SIGKILL');
  await page.locator(`tr[data-device="${EXTERNAL}"] .presence.offline`).waitFor();
  console.log(`${EXTERNAL} offline after SIGKILL`);
  await page.screenshot({ path: path.join(artifactsDir, 'devices-offline.png') });
  external = startExternalDevice(demo);
  await page.locator(`tr[data-device="${EXTERNAL}"] .presence.online`).waitFor();
  console.log(`${EXTERNAL} online again`);
  await page.screenshot({ path: path.join(artifactsDir, 'devices.png') });

  await page.click(`tr[data-device="${EXTERNAL}"] button`);
  checkAnswer(await command(page, EXTERNAL, { temp: 25 }, answered++), EXTERNAL, { temp: 25 }, 1, EXTERNAL_FIRMWARE);
  await page.screenshot({ path: path.join(artifactsDir, 'dashboard.png'), fullPage: true });

  // 6b. The Broker view: figures from /metrics (read every 5 s), charts once
  // two readings exist, and the life-cycle events, among them the external
  // device's lost connection (the SIGKILL above) and its return.
  await page.click('#tab-broker');
  await page.locator('#metrics-status').filter({ hasText: 'connected' }).waitFor({ timeout: 3 * WAIT });
  await page.waitForFunction(
    () => (document.querySelector('#chart-messages polyline')?.getAttribute('points') ?? '').trim().includes(' '),
    null,
    { timeout: 3 * WAIT },
  );
  await page.locator('#lifecycle-table tr.lc-disconnected').filter({ hasText: EXTERNAL }).filter({ hasText: 'ConnectionLost' }).waitFor();
  await page.locator('#lifecycle-table tr.lc-connected').filter({ hasText: EXTERNAL }).first().waitFor();
  console.log(`Broker view: ${await page.locator('#metrics-status').innerText()}`);
  await page.screenshot({ path: path.join(artifactsDir, 'broker.png'), fullPage: true });
  await page.click('#tab-devices');

  // 7. Load: 1,000 more devices and 100 reported messages/s for 5 s. The page
  // must keep up (all devices counted, the Reported total right) and stay
  // responsive (timer lag and tab switches measured in the page).
  await admitLoadPublisher(demo);
  await runLoad(page, demo);

  if (pageErrors.length > 0) throw new Error(`errors in the page: ${pageErrors.join('; ')}`);
  console.log(`PASS: dashboard end-to-end against tern demo and tern-device; screenshots in ${artifactsDir}`);
  await browser.close();
  clearTimeout(watchdog);
  external.killedOnPurpose = true;
  cleanup();
  process.exit(0);
} catch (e) {
  await fail(e.stack ?? String(e));
}
