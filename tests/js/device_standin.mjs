// A small device that follows the dashboard's topic contract, with MQTT.js.
//
// Usage: node device_standin.mjs <ws://127.0.0.1:PORT/mqtt> <device-id> [firmware]
//
// It stands in for the device simulator (`tern-device`) in the dashboard's
// end-to-end test (dashboard_e2e.mjs) and behaves the same way, so the test can
// swap it for the simulator by changing only the command it spawns:
//   - connects (MQTT 5, client id and user name = the device id) with a
//     retained will `offline` on clients/{id}/status;
//   - subscribes to devices/{id}/desired, then publishes a retained `online`
//     on clients/{id}/status and prints `ready {id}` on stdout;
//   - on a desired message that is a JSON object, merges it into its state,
//     bumps `$version`, and answers on the request's Response Topic (default
//     devices/{id}/reported) with the same Correlation Data, its full state as
//     JSON, content type application/json, Payload Format Indicator 1 and user
//     property `firmware`; anything else gets the unchanged state plus a user
//     property `error`.
// It runs until killed (the test kills it with SIGKILL so the broker sends the will).

import mqtt from 'mqtt';

const [url, id, firmware = 'standin-1.0'] = process.argv.slice(2);
if (!url || !id) {
  console.error('usage: node device_standin.mjs <ws-url> <device-id> [firmware]');
  process.exit(2);
}

const statusTopic = `clients/${id}/status`;
const desiredTopic = `devices/${id}/desired`;
const state = { $version: 1 };

const client = mqtt.connect(url, {
  protocolVersion: 5,
  clientId: id,
  username: id,
  password: 'device',
  clean: true,
  reconnectPeriod: 0,
  connectTimeout: 5_000,
  will: { topic: statusTopic, payload: 'offline', qos: 1, retain: true },
});

client.on('error', (e) => {
  console.error(`FAIL: device ${id}: ${e.message}`);
  process.exit(1);
});
client.on('close', () => process.exit(0));

client.on('connect', async () => {
  await client.subscribeAsync(desiredTopic, { qos: 1 });
  await client.publishAsync(statusTopic, 'online', { qos: 1, retain: true });
  console.log(`ready ${id}`);
});

client.on('message', (topic, payload, packet) => {
  if (topic !== desiredTopic) return;
  const props = packet.properties ?? {};
  const userProperties = { firmware };
  try {
    const desired = JSON.parse(payload.toString('utf8'));
    if (desired === null || typeof desired !== 'object' || Array.isArray(desired)) {
      throw new Error('desired properties must be a JSON object');
    }
    Object.assign(state, desired);
    state.$version += 1;
  } catch (e) {
    userProperties.error = `invalid desired properties: ${e.message}`;
  }
  const properties = {
    contentType: 'application/json',
    payloadFormatIndicator: true,
    userProperties,
  };
  if (props.correlationData) properties.correlationData = props.correlationData;
  client.publish(props.responseTopic ?? `devices/${id}/reported`, JSON.stringify(state), {
    qos: 1,
    properties,
  });
});
