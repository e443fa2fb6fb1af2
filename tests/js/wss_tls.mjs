// MQTT over secure WebSocket (wss) with MQTT.js, checking the server certificate.
//
// Usage: node wss_tls.mjs <wss://127.0.0.1:PORT/mqtt> <ca.pem> [<client.pem> <client.key>]
//
// 1. Without the CA the connection fails: the server certificate is checked
//    (it is signed by a test CA no system trusts).
// 2. A subscriber (MQTT 5, SNI server name "localhost", so the certificate's
//    DNS name is checked) and a publisher (MQTT 3.1.1, connecting by IP, so
//    the certificate's IP address is checked) both trust <ca.pem> and, when
//    given, present <client.pem>/<client.key> as their client certificate.
//    A QoS 1 message goes from the publisher to the subscriber.
// Client ids start with "tern-js-wss-" so the Rust test can find them.

import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';
import { brokerUrl, check, connect, nextMessage, run, subscribe, uniqueSuffix } from './common.mjs';

const SCRIPT = 'wss_tls.mjs';
const url = brokerUrl(SCRIPT);
const [caPath, certPath, keyPath] = process.argv.slice(3);
if (!caPath) {
  console.error(`FAIL: usage: node ${SCRIPT} <wss-url> <ca.pem> [<client.pem> <client.key>]`);
  process.exit(1);
}

await run(SCRIPT, async (clients) => {
  // --- 1. The server certificate is verified -------------------------------
  let refused = null;
  try {
    const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5_000 }, false);
    await c.endAsync();
  } catch (err) {
    refused = err;
  }
  check(refused, 'connected without trusting the test CA: the server certificate was not checked');
  console.log(`without the CA: refused (${refused.code ?? refused.message})`);

  // --- 2. Publish and subscribe over wss -----------------------------------
  const tls = { ca: readFileSync(caPath) };
  if (certPath) {
    tls.cert = readFileSync(certPath);
    tls.key = readFileSync(keyPath);
  }
  const sub = await connect(url, 'wss-sub', {
    ...tls,
    protocolVersion: 5,
    servername: 'localhost',
    clientId: `tern-js-wss-sub-${uniqueSuffix()}`,
  });
  clients.push(sub);
  const pub = await connect(url, 'wss-pub', {
    ...tls,
    protocolVersion: 4,
    clientId: `tern-js-wss-pub-${uniqueSuffix()}`,
  });
  clients.push(pub);

  const topic = `tern/wss/${uniqueSuffix()}`;
  await subscribe(sub, topic, 1);
  const arrived = nextMessage(sub, `message on ${topic}`, (t) => t === topic);
  await pub.publishAsync(topic, 'over wss', { qos: 1 });
  const { payload, packet } = await arrived;
  check(payload.toString() === 'over wss', `payload ${JSON.stringify(payload.toString())}`);
  check(packet.qos === 1, `delivered at QoS ${packet.qos}`);
  console.log('wss pub/sub: ok');
});
