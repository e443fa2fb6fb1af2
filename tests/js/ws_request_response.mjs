// MQTT 5 request/response over WebSocket with MQTT.js.
//
// Usage: node ws_request_response.mjs <ws://127.0.0.1:PORT/mqtt>
//
// A "responder" subscribes to devices/dev1/desired; a "requester" subscribes
// to devices/dev1/reported, then publishes a request (QoS 1) on
// devices/dev1/desired carrying Response Topic, Correlation Data (random
// bytes), User Properties {a: '1', b: ['x', 'y']} and Content Type
// application/json. The responder checks what it got and answers on the
// response topic, echoing the correlation data and user properties and adding
// one user property. The requester checks the answer: correlation data, user
// properties in order, content type. Exits 0 on success.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { brokerUrl, check, connect, nextMessage, run, subscribe } from './common.mjs';

const SCRIPT = 'ws_request_response.mjs';
const url = brokerUrl(SCRIPT);

const REQUEST_TOPIC = 'devices/dev1/desired';
const RESPONSE_TOPIC = 'devices/dev1/reported';
const CONTENT_TYPE = 'application/json';

/** Deep-equality check of user properties including key order. */
function assertUserProperties(actual, expected, who) {
  check(actual, `${who}: no user properties received`);
  try {
    assert.deepStrictEqual(Object.entries(actual), Object.entries(expected));
  } catch {
    throw new Error(
      `${who}: user properties differ: expected ${JSON.stringify(Object.entries(expected))}, got ${JSON.stringify(Object.entries(actual))}`,
    );
  }
}

await run(SCRIPT, async (clients) => {
  const v5 = { protocolVersion: 5 };
  const responder = await connect(url, 'responder', v5);
  clients.push(responder);
  const requester = await connect(url, 'requester', v5);
  clients.push(requester);

  await subscribe(responder, REQUEST_TOPIC, 1);
  await subscribe(requester, RESPONSE_TOPIC, 1);

  const correlationData = randomBytes(16);
  const requestUserProperties = { a: '1', b: ['x', 'y'] };
  const requestBody = JSON.stringify({ op: 'set', temperature: 21.5 });

  // The responder answers the first request it sees, after checking it.
  const responderDone = nextMessage(responder, `request on ${REQUEST_TOPIC}`).then(
    async ({ topic, payload, packet }) => {
      const p = packet.properties ?? {};
      check(topic === REQUEST_TOPIC, `responder: request on wrong topic ${topic}`);
      check(packet.qos === 1, `responder: request delivered at QoS ${packet.qos}, expected 1`);
      check(payload.toString() === requestBody, `responder: request payload differs: ${payload}`);
      check(
        p.responseTopic === RESPONSE_TOPIC,
        `responder: responseTopic is ${JSON.stringify(p.responseTopic)}, expected ${RESPONSE_TOPIC}`,
      );
      check(
        Buffer.isBuffer(p.correlationData) && p.correlationData.equals(correlationData),
        `responder: correlationData differs: ${p.correlationData?.toString('hex')} vs ${correlationData.toString('hex')}`,
      );
      check(
        p.contentType === CONTENT_TYPE,
        `responder: contentType is ${JSON.stringify(p.contentType)}, expected ${CONTENT_TYPE}`,
      );
      assertUserProperties(p.userProperties, requestUserProperties, 'responder');

      await responder.publishAsync(p.responseTopic, JSON.stringify({ ok: true }), {
        qos: 1,
        properties: {
          correlationData: p.correlationData,
          contentType: p.contentType,
          userProperties: { ...p.userProperties, responder: 'dev1' },
        },
      });
    },
  );

  const responseArrived = nextMessage(requester, `response on ${RESPONSE_TOPIC}`);

  await requester.publishAsync(REQUEST_TOPIC, requestBody, {
    qos: 1,
    properties: {
      responseTopic: RESPONSE_TOPIC,
      correlationData,
      userProperties: requestUserProperties,
      contentType: CONTENT_TYPE,
    },
  });

  await responderDone;
  const { topic, payload, packet } = await responseArrived;
  const p = packet.properties ?? {};
  check(topic === RESPONSE_TOPIC, `requester: response on wrong topic ${topic}`);
  check(packet.qos === 1, `requester: response delivered at QoS ${packet.qos}, expected 1`);
  check(payload.toString() === '{"ok":true}', `requester: response payload differs: ${payload}`);
  check(
    Buffer.isBuffer(p.correlationData) && p.correlationData.equals(correlationData),
    `requester: correlationData differs: ${p.correlationData?.toString('hex')} vs ${correlationData.toString('hex')}`,
  );
  check(
    p.contentType === CONTENT_TYPE,
    `requester: contentType is ${JSON.stringify(p.contentType)}, expected ${CONTENT_TYPE}`,
  );
  assertUserProperties(
    p.userProperties,
    { a: '1', b: ['x', 'y'], responder: 'dev1' },
    'requester',
  );
});
