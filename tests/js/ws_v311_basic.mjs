// MQTT 3.1.1 basics over WebSocket with MQTT.js.
//
// Usage: node ws_v311_basic.mjs <ws://127.0.0.1:PORT/mqtt>
//
// protocolVersion 4 (MQTT 3.1.1). MQTT.js offers the WebSocket subprotocol
// "mqtt" for protocol versions 4 and 5 ("mqttv3.1" only for version 3), so
// that is what the broker sees here.
//
// 1. A subscriber (QoS 2 on tern/v311/<run>/#) receives messages published by
//    another client at QoS 0, 1 and 2, each at the publish's QoS.
// 2. Retained round trip: a retained QoS 1 message is stored, a client that
//    subscribes afterwards receives it with the retain flag set, and an empty
//    retained publish clears it (a later subscriber receives nothing retained;
//    checked by publishing a non-retained marker after subscribing).

import { brokerUrl, check, connect, nextMessage, run, subscribe, uniqueSuffix } from './common.mjs';

const SCRIPT = 'ws_v311_basic.mjs';
const url = brokerUrl(SCRIPT);

await run(SCRIPT, async (clients) => {
  const v4 = { protocolVersion: 4 };
  const base = `tern/v311/${uniqueSuffix()}`;

  // --- 1. QoS 0/1/2 pub/sub ---------------------------------------------
  const sub = await connect(url, 'v311-sub', v4);
  clients.push(sub);
  const pub = await connect(url, 'v311-pub', v4);
  clients.push(pub);

  const granted = await subscribe(sub, `${base}/#`, 2);
  check(granted[0].qos === 2, `granted QoS ${granted[0].qos}, expected 2`);

  for (const qos of [0, 1, 2]) {
    const topic = `${base}/qos${qos}`;
    const body = `hello at qos ${qos}`;
    const arrived = nextMessage(sub, `QoS ${qos} message on ${topic}`, (t) => t === topic);
    await pub.publishAsync(topic, body, { qos });
    const { payload, packet } = await arrived;
    check(payload.toString() === body, `QoS ${qos}: payload ${JSON.stringify(payload.toString())}`);
    check(packet.qos === qos, `QoS ${qos}: delivered at QoS ${packet.qos}`);
    check(!packet.retain, `QoS ${qos}: retain flag set on a live message`);
    console.log(`qos ${qos}: ok`);
  }

  // --- 2. Retained message round trip -------------------------------------
  const retainedTopic = `${base}/retained`;
  const retainedBody = 'last known state';
  // Wait for the live copy so the broker has certainly stored it.
  const live = nextMessage(sub, `live copy of retained ${retainedTopic}`, (t) => t === retainedTopic);
  await pub.publishAsync(retainedTopic, retainedBody, { qos: 1, retain: true });
  await live;

  const late = await connect(url, 'v311-late', v4);
  clients.push(late);
  const stored = nextMessage(late, `retained message on ${retainedTopic}`, (t) => t === retainedTopic);
  await subscribe(late, retainedTopic, 1);
  const { payload, packet } = await stored;
  check(payload.toString() === retainedBody, `retained payload ${JSON.stringify(payload.toString())}`);
  check(packet.retain === true, 'retained message delivered without the retain flag');
  check(packet.qos === 1, `retained message delivered at QoS ${packet.qos}, expected 1`);
  console.log('retained: ok');

  // Clear it, then show that a new subscriber gets no retained copy: the
  // first message it sees on the topic must be a fresh, non-retained marker.
  const cleared = nextMessage(sub, `clearing publish on ${retainedTopic}`, (t) => t === retainedTopic);
  await pub.publishAsync(retainedTopic, '', { qos: 1, retain: true });
  await cleared;

  const after = await connect(url, 'v311-after', v4);
  clients.push(after);
  const first = nextMessage(after, `first message on ${retainedTopic}`, (t) => t === retainedTopic);
  await subscribe(after, retainedTopic, 1);
  await pub.publishAsync(retainedTopic, 'marker', { qos: 1 });
  const { payload: p2, packet: k2 } = await first;
  check(
    p2.toString() === 'marker' && !k2.retain,
    `after clearing, got ${k2.retain ? 'a retained' : 'a'} message ${JSON.stringify(p2.toString())} instead of the marker`,
  );
  console.log('retained clear: ok');
});
