// Shared helpers for the MQTT.js scripts in tests/js/.
//
// Each script is run by the Rust end-to-end tests (tern-tests'
// `run_node_script`) as `node <script> <broker-url> [ignored...]` and must
// exit 0 on success, or non-zero with a line starting with `FAIL:` on stderr.
// Every script has an overall watchdog so it can never hang.

import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';

/** Default overall time limit of one script, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 15_000;

// The overall time limit of this run, set by `run()`. The environment variable
// TERN_JS_TIMEOUT_MS overrides each script's own limit (useful against slow
// reference brokers: mosquitto 2.0's WebSocket listener needs ~25 s to send a
// 1 MB message).
let overallTimeoutMs = DEFAULT_TIMEOUT_MS;

// Set once the script has passed and is disconnecting its clients.
let closingExpected = false;

/** Prints a failure message and exits non-zero. */
export function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

/** Throws an Error with `message` when `condition` is falsy. */
export function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** A short random hex string, for unique client ids and topics. */
export function uniqueSuffix() {
  return randomBytes(4).toString('hex');
}

/** Returns the broker URL from argv[2], or fails with a usage message. */
export function brokerUrl(scriptName) {
  const url = process.argv[2];
  if (!url) {
    fail(`usage: node ${scriptName} <broker-url, e.g. ws://127.0.0.1:8080/mqtt>`);
  }
  return url;
}

/**
 * Connects one MQTT.js client with settings suited to tests: no automatic
 * reconnects (a refused connection fails at once), a bounded connect time,
 * and a clean session. `opts` is merged over those defaults.
 */
export async function connect(url, name, opts = {}) {
  const options = {
    clientId: `tern-js-${name}-${uniqueSuffix()}`,
    clean: true,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
    keepalive: 30,
    ...opts,
  };
  let client;
  try {
    // `false`: a close before CONNACK rejects instead of waiting for retries.
    client = await mqtt.connectAsync(url, options, false);
  } catch (err) {
    throw new Error(
      `${name}: could not connect to ${url} (protocolVersion ${options.protocolVersion ?? 4}): ${err?.message ?? err}`,
    );
  }
  // After CONNACK, any error or unexpected close fails the run at once
  // instead of leaving a pending publish to run into the watchdog.
  client.on('error', (err) => {
    // While disconnecting after a passed run, a late PUBACK for a message
    // still in flight may hit a closed socket (EPIPE): not a failure.
    if (!closingExpected) {
      fail(`${name}: client error: ${err?.message ?? err}`);
    }
  });
  client.on('disconnect', (packet) => {
    if (!closingExpected) {
      fail(
        `${name}: broker sent DISCONNECT (reason code ${packet?.reasonCode}, properties ${JSON.stringify(packet?.properties ?? {})})`,
      );
    }
  });
  client.on('close', () => {
    if (!closingExpected) {
      fail(`${name}: connection closed unexpectedly`);
    }
  });
  return client;
}

/**
 * Resolves with the next message `{ topic, payload, packet }` received by
 * `client` for which `filter(topic, payload, packet)` is true; rejects after
 * `timeoutMs`. Call it BEFORE triggering the publish so nothing is missed.
 */
export function nextMessage(client, description, filter = () => true, timeoutMs = undefined) {
  // By default, give up just before the overall watchdog so the message says
  // what was being waited for.
  const limit = timeoutMs ?? Math.max(overallTimeoutMs - 1_000, 1_000);
  return new Promise((resolve, reject) => {
    const onMessage = (topic, payload, packet) => {
      if (!filter(topic, payload, packet)) {
        return;
      }
      clearTimeout(timer);
      client.off('message', onMessage);
      resolve({ topic, payload, packet });
    };
    const timer = setTimeout(() => {
      client.off('message', onMessage);
      reject(new Error(`timed out after ${limit} ms waiting for ${description}`));
    }, limit);
    client.on('message', onMessage);
  });
}

/** Subscribes and checks that the broker granted a QoS (not a failure code). */
export async function subscribe(client, topic, qos) {
  const granted = await client.subscribeAsync(topic, { qos });
  for (const g of granted) {
    check(
      typeof g.qos === 'number' && g.qos <= 2,
      `subscription to ${g.topic} refused (SUBACK code ${g.qos})`,
    );
  }
  return granted;
}

/**
 * Runs `main(clients)` under an overall watchdog, ends every client in
 * `clients` afterwards and exits the process: 0 on success, 1 on failure
 * (with `FAIL: ...` on stderr), 2 on timeout.
 */
export async function run(scriptName, main, timeoutMs = DEFAULT_TIMEOUT_MS) {
  const fromEnv = Number.parseInt(process.env.TERN_JS_TIMEOUT_MS ?? '', 10);
  overallTimeoutMs = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : timeoutMs;
  timeoutMs = overallTimeoutMs;
  const watchdog = setTimeout(() => {
    console.error(`FAIL: ${scriptName} timed out after ${timeoutMs} ms`);
    process.exit(2);
  }, timeoutMs);
  process.on('unhandledRejection', (err) => fail(`${scriptName}: ${err?.stack ?? err}`));
  const clients = [];
  try {
    await main(clients);
  } catch (err) {
    fail(`${scriptName}: ${err?.stack ?? err}`);
  }
  closingExpected = true;
  // Disconnect politely, but never let a slow DISCONNECT fail a passed run.
  await Promise.race([
    Promise.allSettled(clients.map((c) => c.endAsync())),
    new Promise((resolve) => setTimeout(resolve, 2_000)),
  ]);
  clearTimeout(watchdog);
  console.log(`OK: ${scriptName}`);
  process.exit(0);
}
