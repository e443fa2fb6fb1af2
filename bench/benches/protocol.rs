//! PUBLISH decode and encode on the broker's hot path, with the protocol layer
//! the broker uses (mqtt-protocol-core through `tern-protocol`).
//!
//! * decode: bytes of one QoS 0 MQTT 5 PUBLISH fed to a connected server-role
//!   `Connection::recv` (what `connection/mod.rs` does per read), then turned into
//!   the broker's `Message` (`connection/inbound.rs`);
//! * encode: `Message::to_publish` for an MQTT 5 subscriber plus `encode_into`
//!   the write buffer (`connection/outbound.rs`).
//!
//! Payloads of 64 B, 1 KiB and 64 KiB.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use bytes::BytesMut;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::hint::black_box;
use std::sync::Arc;
use tern::message::{Delivery, Message};
use tern_protocol::mqtt::common::Cursor;
use tern_protocol::mqtt::connection::{ConnectionOptions, GenericEvent};
use tern_protocol::mqtt::packet::{v5_0, GenericPacket, GenericPacketTrait, Qos};
use tern_protocol::mqtt::{role, Connection, Version};
use tokio::time::Instant;

const SIZES: [(usize, &str); 3] = [(64, "64B"), (1024, "1KiB"), (65536, "64KiB")];

/// A server-role connection that has received CONNECT and sent CONNACK, as the
/// broker's connection task holds it after the handshake.
fn connected_server() -> Connection<role::Server> {
    let options = ConnectionOptions::new()
        .maximum_packet_size_recv(512 * 1024)
        .receive_maximum(100);
    let mut proto = Connection::<role::Server>::with_options(Version::Undetermined, options);
    proto.set_auto_ping_response(true);
    let connect: GenericPacket<u16> = v5_0::Connect::builder()
        .client_id("bench")
        .expect("valid client id")
        .clean_start(true)
        .build()
        .expect("valid CONNECT")
        .into();
    let bytes = connect.to_continuous_buffer();
    let _ = proto.recv(&mut Cursor::new(&bytes[..]));
    let connack: GenericPacket<u16> = v5_0::Connack::builder()
        .session_present(false)
        .reason_code(tern_protocol::mqtt::result_code::ConnectReasonCode::Success)
        .build()
        .expect("valid CONNACK")
        .into();
    let _ = proto.send(connack);
    proto
}

fn publish_bytes(size: usize) -> Vec<u8> {
    let packet: GenericPacket<u16> = v5_0::Publish::builder()
        .topic_name("bench/devices/42/telemetry")
        .expect("valid topic")
        .qos(Qos::AtMostOnce)
        .payload(vec![7u8; size])
        .build()
        .expect("valid PUBLISH")
        .into();
    packet.to_continuous_buffer()
}

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("publish_decode");
    let publisher: Arc<str> = Arc::from("bench");
    for (size, name) in SIZES {
        let bytes = publish_bytes(size);
        let mut proto = connected_server();
        group.throughput(Throughput::Elements(1));
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut cursor = Cursor::new(&bytes[..]);
                let events = proto.recv(&mut cursor);
                for event in events {
                    if let GenericEvent::NotifyPacketReceived(GenericPacket::V5_0Publish(p)) = event
                    {
                        black_box(Message::from_v5(&p, &publisher, Instant::now()));
                    }
                }
            })
        });
    }
    group.finish();
}

fn encode(c: &mut Criterion) {
    let mut group = c.benchmark_group("publish_encode");
    let publisher: Arc<str> = Arc::from("bench");
    for (size, name) in SIZES {
        let publish = v5_0::Publish::builder()
            .topic_name("bench/devices/42/telemetry")
            .expect("valid topic")
            .payload(vec![7u8; size])
            .build()
            .expect("valid PUBLISH");
        let message = Message::from_v5(&publish, &publisher, Instant::now());
        let delivery = Delivery {
            version: tern::version::Version::V5,
            qos: Qos::AtMostOnce,
            retain: false,
            dup: false,
            packet_id: None,
            subscription_ids: &[],
        };
        group.throughput(Throughput::Elements(1));
        group.bench_function(name, |b| {
            b.iter_batched_ref(
                || BytesMut::with_capacity(size + 64),
                |buf| {
                    let packet = message
                        .to_publish(&delivery, Instant::now())
                        .expect("not expired");
                    tern_protocol::encode_into(buf, &packet);
                    black_box(buf.len());
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, decode, encode);
criterion_main!(benches);
