// Large payload over WebSocket with MQTT.js, for MQTT 5 and MQTT 3.1.1.
//
// Usage: node ws_large_payload.mjs <ws://127.0.0.1:PORT/mqtt> [ignored]
//
// For each protocol version (5, then 4 = 3.1.1) one client subscribes to a
// unique topic at QoS 1 and publishes a 1,000,000-byte patterned payload to
// it at QoS 1, then checks the delivered bytes exactly. The broker must allow
// packets of that size (Tern's default maximum packet size is 512 KiB, so the
// Rust test starts it with a larger limit). Any argv[3] is ignored.

import { brokerUrl, check, connect, nextMessage, run, subscribe, uniqueSuffix } from './common.mjs';

const SCRIPT = 'ws_large_payload.mjs';
const url = brokerUrl(SCRIPT);

const PAYLOAD_LEN = 1_000_000;

/** A payload whose bytes depend on their offset (period 251, a prime). */
function patternedPayload(len, seed) {
  const buf = Buffer.allocUnsafe(len);
  for (let i = 0; i < len; i++) {
    buf[i] = (i + seed) % 251;
  }
  return buf;
}

function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      return i;
    }
  }
  return n;
}

await run(
  SCRIPT,
  async (clients) => {
    for (const protocolVersion of [5, 4]) {
      const label = protocolVersion === 5 ? 'v5' : 'v3.1.1';
      const client = await connect(url, `large-${label}`, { protocolVersion });
      clients.push(client);
      const topic = `tern/large/${label}/${uniqueSuffix()}`;
      await subscribe(client, topic, 1);

      const payload = patternedPayload(PAYLOAD_LEN, protocolVersion);
      const arrived = nextMessage(client, `${PAYLOAD_LEN}-byte message on ${topic}`, (t) => t === topic);
      await client.publishAsync(topic, payload, { qos: 1 });
      const { payload: got, packet } = await arrived;

      check(packet.qos === 1, `${label}: delivered at QoS ${packet.qos}, expected 1`);
      check(
        got.length === PAYLOAD_LEN,
        `${label}: received ${got.length} bytes, expected ${PAYLOAD_LEN}`,
      );
      if (!got.equals(payload)) {
        const at = firstDifference(got, payload);
        throw new Error(
          `${label}: payload differs first at byte ${at} (got ${got[at]}, expected ${payload[at]})`,
        );
      }
      console.log(`${label}: ${PAYLOAD_LEN} bytes round-tripped at QoS 1`);
    }
  },
  20_000,
);
