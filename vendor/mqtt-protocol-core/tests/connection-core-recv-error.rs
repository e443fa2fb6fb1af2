// MIT License
//
// Copyright (c) 2025 Takatoshi Kondo
//
// Permission is hereby granted, free of charge, to any person obtaining a copy
// of this software and associated documentation files (the "Software"), to deal
// in the Software without restriction, including without limitation the rights
// to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
// copies of the Software, and to permit persons to whom the Software is
// furnished to do so, subject to the following conditions:
//
// The above copyright notice and this permission notice shall be included in all
// copies or substantial portions of the Software.
//
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
// IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
// FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
// AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
// LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
// OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
// SOFTWARE.
use mqtt_protocol_core::mqtt;

mod common;
use common::*;

///////////////////////////////////////////////////////////////////////////////

// Test recv method Incomplete pattern

#[test]
fn recv_incomplete_partial_fixed_header() {
    common::init_tracing();
    // Test with partial fixed header data
    let mut con = mqtt::Connection::<mqtt::role::Client>::new(mqtt::Version::V3_1_1);

    // Only provide first byte of fixed header (incomplete)
    let data = [0x10]; // CONNECT packet type but no remaining length
    let mut cursor = mqtt::common::Cursor::new(data.as_slice());

    let events = con.recv(&mut cursor);

    // Should return empty events for incomplete packet
    assert_eq!(events.len(), 0);
}

#[test]
fn recv_incomplete_partial_remaining_length() {
    common::init_tracing();
    let mut con = mqtt::Connection::<mqtt::role::Client>::new(mqtt::Version::V3_1_1);

    // Provide fixed header with incomplete remaining length
    let data = [0x10, 0x80]; // CONNECT packet with incomplete multi-byte remaining length
    let mut cursor = mqtt::common::Cursor::new(data.as_slice());

    let events = con.recv(&mut cursor);

    // Should return empty events for incomplete packet
    assert_eq!(events.len(), 0);
}

#[test]
fn recv_incomplete_partial_variable_header() {
    common::init_tracing();
    let mut con = mqtt::Connection::<mqtt::role::Client>::new(mqtt::Version::V3_1_1);

    // Provide fixed header with complete remaining length but incomplete variable header
    let data = [0x10, 0x10, 0x00]; // CONNECT packet with remaining length 16 but only partial variable header
    let mut cursor = mqtt::common::Cursor::new(data.as_slice());

    let events = con.recv(&mut cursor);

    // Should return empty events for incomplete packet
    assert_eq!(events.len(), 0);
}

///////////////////////////////////////////////////////////////////////////////

// Test recv method Error pattern

#[test]
fn recv_error_malformed_packet_invalid_remaining_length() {
    common::init_tracing();
    let mut con = mqtt::Connection::<mqtt::role::Client>::new(mqtt::Version::V3_1_1);

    // Create malformed packet with invalid remaining length encoding
    let data = [0x10, 0xFF, 0xFF, 0xFF, 0xFF]; // Invalid remaining length (too many continuation bytes)
    let mut cursor = mqtt::common::Cursor::new(data.as_slice());

    let events = con.recv(&mut cursor);

    // Should return error events
    assert_eq!(events.len(), 2);

    // First event should be RequestClose
    match &events[0] {
        mqtt::connection::Event::RequestClose => {}
        _ => panic!("Expected RequestClose event, got {:?}", events[0]),
    }

    // Second event should be NotifyError with MalformedPacket
    match &events[1] {
        mqtt::connection::Event::NotifyError(error) => {
            assert_eq!(*error, mqtt::result_code::MqttError::MalformedPacket);
        }
        _ => panic!("Expected NotifyError event, got {:?}", events[1]),
    }
}

#[test]
fn recv_error_malformed_packet_v3_1_1_connect_cid_not_valid() {
    common::init_tracing();
    let mut con = mqtt::Connection::<mqtt::role::Server>::new(mqtt::Version::V3_1_1);

    // Create malformed CONNECT packet with ClientId length specified but insufficient data
    // MQTT v3.1.1 CONNECT packet structure:
    // Fixed Header: 0x10 (CONNECT packet type), remaining length
    // Variable Header: Protocol Name (6 bytes: 0x00,0x04,"MQTT"), Protocol Version (0x04), Connect Flags (0x02), Keep Alive (2 bytes)
    // Payload: Client Identifier length (2 bytes) + Client Identifier data (but we provide insufficient data)
    let data = [
        0x10, // CONNECT packet type
        0x0C, // Remaining length: 12 bytes
        0x00, 0x04, // Protocol name length
        b'M', b'Q', b'T', b'T', // Protocol name "MQTT"
        0x04, // Protocol version (v3.1.1)
        0x02, // Connect flags (clean session)
        0x00, 0x3C, // Keep alive (60 seconds)
        0x00,
        0x05, // Client ID length: 5 bytes (but we don't provide the 5 bytes of data)
              // Missing Client ID data - this makes the packet malformed
    ];
    let mut cursor = mqtt::common::Cursor::new(data.as_slice());

    let events = con.recv(&mut cursor);

    // Should return error events
    assert_eq!(events.len(), 3);

    match &events[0] {
        mqtt::connection::Event::RequestSendPacket { packet, .. } => {
            if let mqtt::packet::Packet::V3_1_1Connack(connack) = packet {
                assert_eq!(
                    connack.return_code(),
                    mqtt::result_code::ConnectReturnCode::IdentifierRejected
                );
            } else {
                panic!("Expected CONNACK packet, got {:?}", packet);
            }
        }
        _ => panic!("Expected RequestSendPacket event, got {:?}", events[0]),
    }
    match &events[1] {
        mqtt::connection::Event::RequestClose => {
            // Expected RequestClose event
        }
        _ => panic!("Expected RequestClose event, got {:?}", events[0]),
    }
    match &events[2] {
        mqtt::connection::Event::NotifyError(error) => {
            assert_eq!(
                *error,
                mqtt::result_code::MqttError::ClientIdentifierNotValid
            );
        }
        _ => panic!("Expected NotifyError event, got {:?}", events[1]),
    }
}

#[test]
fn recv_error_malformed_packet_v3_1_1_connect_username_not_valid() {
    common::init_tracing();
    let mut con = mqtt::Connection::<mqtt::role::Server>::new(mqtt::Version::V3_1_1);

    // Create malformed CONNECT packet with UserName length specified but insufficient data
    // MQTT v3.1.1 CONNECT packet structure:
    // Fixed Header: 0x10 (CONNECT packet type), remaining length
    // Variable Header: Protocol Name (6 bytes: 0x00,0x04,"MQTT"), Protocol Version (0x04), Connect Flags (0x02), Keep Alive (2 bytes)
    // Payload: Client Identifier length (2 bytes) + Client Identifier data (but we provide insufficient data)
    let data = [
        0x10, // CONNECT packet type
        0x0f, // Remaining length: 15 bytes
        0x00, 0x04, // Protocol name length
        b'M', b'Q', b'T', b'T', // Protocol name "MQTT"
        0x04, // Protocol version (v3.1.1)
        0x80, // Connect flags (username)
        0x00, 0x3C, // Keep alive (60 seconds)
        0x00, 0x01, // Client ID length
        b'C', // Client ID
        0x00, 0x02, // UserName Length
    ];
    let mut cursor = mqtt::common::Cursor::new(data.as_slice());

    let events = con.recv(&mut cursor);

    // Should return error events
    assert_eq!(events.len(), 3);

    match &events[0] {
        mqtt::connection::Event::RequestSendPacket { packet, .. } => {
            if let mqtt::packet::Packet::V3_1_1Connack(connack) = packet {
                assert_eq!(
                    connack.return_code(),
                    mqtt::result_code::ConnectReturnCode::BadUserNameOrPassword
                );
            } else {
                panic!("Expected CONNACK packet, got {:?}", packet);
            }
        }
        _ => panic!("Expected RequestSendPacket event, got {:?}", events[0]),
    }
    match &events[1] {
        mqtt::connection::Event::RequestClose => {
            // Expected RequestClose event
        }
        _ => panic!("Expected RequestClose event, got {:?}", events[0]),
    }
    match &events[2] {
        mqtt::connection::Event::NotifyError(error) => {
            assert_eq!(*error, mqtt::result_code::MqttError::BadUserNameOrPassword);
        }
        _ => panic!("Expected NotifyError event, got {:?}", events[1]),
    }
}

#[test]
fn recv_error_malformed_packet_v3_1_1_connect_version_not_valid() {
    common::init_tracing();
    let mut con = mqtt::Connection::<mqtt::role::Server>::new(mqtt::Version::V3_1_1);
    let packet = mqtt::packet::v5_0::Connect::builder()
        .client_id("cid1")
        .unwrap()
        .build()
        .expect("Failed to build Connect packet");
    let bytes = packet.to_continuous_buffer();
    let mut cursor = mqtt::common::Cursor::new(bytes.as_slice());
    let events = con.recv(&mut cursor);

    // Should return error events
    assert_eq!(events.len(), 3);

    match &events[0] {
        mqtt::connection::Event::RequestSendPacket { packet, .. } => {
            if let mqtt::packet::Packet::V3_1_1Connack(connack) = packet {
                assert_eq!(
                    connack.return_code(),
                    mqtt::result_code::ConnectReturnCode::UnacceptableProtocolVersion
                );
            } else {
                panic!("Expected CONNACK packet, got {:?}", packet);
            }
        }
        _ => panic!("Expected RequestSendPacket event, got {:?}", events[0]),
    }
    match &events[1] {
        mqtt::connection::Event::RequestClose => {
            // Expected RequestClose event
        }
        _ => panic!("Expected RequestClose event, got {:?}", events[0]),
    }
    match &events[2] {
        mqtt::connection::Event::NotifyError(error) => {
            assert_eq!(
                *error,
                mqtt::result_code::MqttError::UnsupportedProtocolVersion
            );
        }
        _ => panic!("Expected NotifyError event, got {:?}", events[1]),
    }
}

#[test]
fn recv_error_malformed_packet_v3_1_1_connect_on_connected() {
    common::init_tracing();
    let mut con = mqtt::Connection::<mqtt::role::Server>::new(mqtt::Version::V3_1_1);
    v3_1_1_server_establish_connection(&mut con, true, false);

    let packet = mqtt::packet::v3_1_1::Connect::builder()
        .client_id("cid1")
        .unwrap()
        .build()
        .expect("Failed to build Connect packet");
    let bytes = packet.to_continuous_buffer();
    let mut cursor = mqtt::common::Cursor::new(bytes.as_slice());
    let events = con.recv(&mut cursor);

    // Should return error events
    assert_eq!(events.len(), 2);

    match &events[0] {
        mqtt::connection::Event::RequestClose => {}
        _ => panic!("Expected RequestClose event, got {:?}", events[0]),
    }
    match &events[1] {
        mqtt::connection::Event::NotifyError(error) => {
            assert_eq!(*error, mqtt::result_code::MqttError::ProtocolError);
        }
        _ => panic!("Expected NotifyError event, got {:?}", events[1]),
    }
}

#[test]
fn recv_error_malformed_packet_v5_0_connect_cid_not_valid() {
    common::init_tracing();
    let mut con = mqtt::Connection::<mqtt::role::Server>::new(mqtt::Version::V5_0);

    // Create malformed CONNECT packet with ClientId length specified but insufficient data
    // MQTT v5.0 CONNECT packet structure:
    // Fixed Header: 0x10 (CONNECT packet type), remaining length
    // Variable Header: Protocol Name (6 bytes: 0x00,0x04,"MQTT"), Protocol Version (0x04), Connect Flags (0x02), Keep Alive (2 bytes)
    // Payload: Client Identifier length (2 bytes) + Client Identifier data (but we provide insufficient data)
    let data = [
        0x10, // CONNECT packet type
        0x0D, // Remaining length: 13 bytes
        0x00, 0x04, // Protocol name length
        b'M', b'Q', b'T', b'T', // Protocol name "MQTT"
        0x05, // Protocol version (v5.0)
        0x02, // Connect flags (clean session)
        0x00, 0x3C, // Keep alive (60 seconds)
        0x00, // Property Length
        0x00,
        0x05, // Client ID length: 5 bytes (but we don't provide the 5 bytes of data)
              // Missing Client ID data - this makes the packet malformed
    ];
    let mut cursor = mqtt::common::Cursor::new(data.as_slice());

    let events = con.recv(&mut cursor);

    // Should return error events
    assert_eq!(events.len(), 3);

    match &events[0] {
        mqtt::connection::Event::RequestSendPacket { packet, .. } => {
            if let mqtt::packet::Packet::V5_0Connack(connack) = packet {
                assert_eq!(
                    connack.reason_code(),
                    mqtt::result_code::ConnectReasonCode::ClientIdentifierNotValid
                );
            } else {
                panic!("Expected CONNACK packet, got {:?}", packet);
            }
        }
        _ => panic!("Expected RequestSendPacket event, got {:?}", events[0]),
    }
    match &events[1] {
        mqtt::connection::Event::RequestClose => {
            // Expected RequestClose event
        }
        _ => panic!("Expected RequestClose event, got {:?}", events[0]),
    }
    match &events[2] {
        mqtt::connection::Event::NotifyError(error) => {
            assert_eq!(
                *error,
                mqtt::result_code::MqttError::ClientIdentifierNotValid
            );
        }
        _ => panic!("Expected NotifyError event, got {:?}", events[1]),
    }
}

#[test]
fn recv_error_malformed_packet_v5_0_connect_username_not_valid() {
    common::init_tracing();
    let mut con = mqtt::Connection::<mqtt::role::Server>::new(mqtt::Version::V5_0);

    // Create malformed CONNECT packet with UserName length specified but insufficient data
    // MQTT v5.0 CONNECT packet structure:
    // Fixed Header: 0x10 (CONNECT packet type), remaining length
    // Variable Header: Protocol Name (6 bytes: 0x00,0x04,"MQTT"), Protocol Version (0x04), Connect Flags (0x02), Keep Alive (2 bytes)
    // Payload: Client Identifier length (2 bytes) + Client Identifier data (but we provide insufficient data)
    let data = [
        0x10, // CONNECT packet type
        0x10, // Remaining length: 16 bytes
        0x00, 0x04, // Protocol name length
        b'M', b'Q', b'T', b'T', // Protocol name "MQTT"
        0x05, // Protocol version (v5.0)
        0x80, // Connect flags (username)
        0x00, 0x3C, // Keep alive (60 seconds)
        0x00, // PropertyLength
        0x00, 0x01, // Client ID length
        b'C', // Client ID
        0x00, 0x02, // UserName Length
    ];
    let mut cursor = mqtt::common::Cursor::new(data.as_slice());

    let events = con.recv(&mut cursor);

    // Should return error events
    assert_eq!(events.len(), 3);

    match &events[0] {
        mqtt::connection::Event::RequestSendPacket { packet, .. } => {
            if let mqtt::packet::Packet::V5_0Connack(connack) = packet {
                assert_eq!(
                    connack.reason_code(),
                    mqtt::result_code::ConnectReasonCode::BadUserNameOrPassword
                );
            } else {
                panic!("Expected CONNACK packet, got {:?}", packet);
            }
        }
        _ => panic!("Expected RequestSendPacket event, got {:?}", events[0]),
    }
    match &events[1] {
        mqtt::connection::Event::RequestClose => {
            // Expected RequestClose event
        }
        _ => panic!("Expected RequestClose event, got {:?}", events[0]),
    }
    match &events[2] {
        mqtt::connection::Event::NotifyError(error) => {
            assert_eq!(*error, mqtt::result_code::MqttError::BadUserNameOrPassword);
        }
        _ => panic!("Expected NotifyError event, got {:?}", events[1]),
    }
}

#[test]
fn recv_error_malformed_packet_v5_0_connect_version_not_valid() {
    common::init_tracing();
    let mut con = mqtt::Connection::<mqtt::role::Server>::new(mqtt::Version::V5_0);
    let packet = mqtt::packet::v3_1_1::Connect::builder()
        .client_id("cid1")
        .unwrap()
        .build()
        .expect("Failed to build Connect packet");
    let bytes = packet.to_continuous_buffer();
    let mut cursor = mqtt::common::Cursor::new(bytes.as_slice());
    let events = con.recv(&mut cursor);

    // Should return error events
    assert_eq!(events.len(), 3);

    match &events[0] {
        mqtt::connection::Event::RequestSendPacket { packet, .. } => {
            if let mqtt::packet::Packet::V5_0Connack(connack) = packet {
                assert_eq!(
                    connack.reason_code(),
                    mqtt::result_code::ConnectReasonCode::UnsupportedProtocolVersion
                );
            } else {
                panic!("Expected CONNACK packet, got {:?}", packet);
            }
        }
        _ => panic!("Expected RequestSendPacket event, got {:?}", events[0]),
    }
    match &events[1] {
        mqtt::connection::Event::RequestClose => {
            // Expected RequestClose event
        }
        _ => panic!("Expected RequestClose event, got {:?}", events[0]),
    }
    match &events[2] {
        mqtt::connection::Event::NotifyError(error) => {
            assert_eq!(
                *error,
                mqtt::result_code::MqttError::UnsupportedProtocolVersion
            );
        }
        _ => panic!("Expected NotifyError event, got {:?}", events[1]),
    }
}

#[test]
fn recv_error_malformed_packet_v5_0_connect_on_connected() {
    common::init_tracing();
    let mut con = mqtt::Connection::<mqtt::role::Server>::new(mqtt::Version::V5_0);
    v5_0_server_establish_connection(&mut con);

    let packet = mqtt::packet::v5_0::Connect::builder()
        .client_id("cid1")
        .unwrap()
        .build()
        .expect("Failed to build Connect packet");
    let bytes = packet.to_continuous_buffer();
    let mut cursor = mqtt::common::Cursor::new(bytes.as_slice());
    let events = con.recv(&mut cursor);

    // Should return error events
    assert_eq!(events.len(), 3);

    // First event: RequestSendPacket with V5.0 Disconnect packet
    match &events[0] {
        mqtt::connection::Event::RequestSendPacket {
            packet,
            release_packet_id_if_send_error,
        } => {
            if let mqtt::packet::Packet::V5_0Disconnect(disconnect) = packet {
                assert_eq!(
                    disconnect.reason_code(),
                    Some(mqtt::result_code::DisconnectReasonCode::ProtocolError)
                );
            } else {
                panic!("Expected V5_0Disconnect packet, got {:?}", packet);
            }
            assert_eq!(*release_packet_id_if_send_error, None);
        }
        _ => panic!("Expected RequestSendPacket event, got {:?}", events[0]),
    }

    match &events[1] {
        mqtt::connection::Event::RequestClose => {}
        _ => panic!("Expected RequestClose event, got {:?}", events[0]),
    }
    match &events[2] {
        mqtt::connection::Event::NotifyError(error) => {
            assert_eq!(*error, mqtt::result_code::MqttError::ProtocolError);
        }
        _ => panic!("Expected NotifyError event, got {:?}", events[1]),
    }
}

///////////////////////////////////////////////////////////////////////////////

// Remaining Length boundary tests for v5.0 CONNACK / PUBACK / PUBREC / PUBREL / PUBCOMP
//
// - Remaining Length too short to hold the mandatory fields => MalformedPacket
// - Remaining Length larger than what the packet format consumes (trailing
//   bytes) => MalformedPacket

fn assert_malformed(events: &[mqtt::connection::Event]) {
    assert!(
        events.iter().any(|e| matches!(
            e,
            mqtt::connection::Event::NotifyError(mqtt::result_code::MqttError::MalformedPacket)
        )),
        "Expected NotifyError(MalformedPacket), got {:?}",
        events
    );
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, mqtt::connection::Event::NotifyPacketReceived(_))),
        "Unexpected NotifyPacketReceived, got {:?}",
        events
    );
}

fn recv_v5_0_client(data: &[u8]) -> Vec<mqtt::connection::Event> {
    let mut con = mqtt::Connection::<mqtt::role::Client>::new(mqtt::Version::V5_0);
    let mut cursor = mqtt::common::Cursor::new(data);
    con.recv(&mut cursor)
}

fn recv_v5_0_client_connected(data: &[u8]) -> Vec<mqtt::connection::Event> {
    let mut con = mqtt::Connection::<mqtt::role::Client>::new(mqtt::Version::V5_0);
    common::v5_0_client_establish_connection(&mut con);
    let mut cursor = mqtt::common::Cursor::new(data);
    con.recv(&mut cursor)
}

#[test]
fn recv_error_malformed_packet_v5_0_connack_remaining_length_1() {
    common::init_tracing();
    // RL=1: only ack flags, no reason code / property length
    assert_malformed(&recv_v5_0_client(&[0x20, 0x01, 0x00]));
}

#[test]
fn recv_error_malformed_packet_v5_0_connack_remaining_length_2() {
    common::init_tracing();
    // RL=2: ack flags + reason code, property length is missing (mandatory in v5.0)
    assert_malformed(&recv_v5_0_client(&[0x20, 0x02, 0x00, 0x00]));
}

#[test]
fn recv_error_malformed_packet_v5_0_connack_short_remaining_length_not_read_next_bytes() {
    common::init_tracing();
    // RL=1 followed by bytes that would make a valid CONNACK if read beyond RL
    assert_malformed(&recv_v5_0_client(&[0x20, 0x01, 0x00, 0x00, 0x00]));
}

#[test]
fn recv_error_malformed_packet_v5_0_connack_trailing_bytes() {
    common::init_tracing();
    // RL=4: ack flags, reason code, property length 0, and one extra byte
    assert_malformed(&recv_v5_0_client(&[0x20, 0x04, 0x00, 0x00, 0x00, 0xFF]));
}

#[test]
fn recv_error_malformed_packet_v5_0_puback_remaining_length_1() {
    common::init_tracing();
    assert_malformed(&recv_v5_0_client_connected(&[0x40, 0x01, 0x00]));
}

#[test]
fn recv_error_malformed_packet_v5_0_puback_trailing_bytes() {
    common::init_tracing();
    // packet id, reason code, property length 0, one extra byte
    assert_malformed(&recv_v5_0_client_connected(&[
        0x40, 0x05, 0x00, 0x01, 0x00, 0x00, 0xFF,
    ]));
}

#[test]
fn recv_error_malformed_packet_v5_0_pubrec_remaining_length_1() {
    common::init_tracing();
    assert_malformed(&recv_v5_0_client_connected(&[0x50, 0x01, 0x00]));
}

#[test]
fn recv_error_malformed_packet_v5_0_pubrec_trailing_bytes() {
    common::init_tracing();
    assert_malformed(&recv_v5_0_client_connected(&[
        0x50, 0x05, 0x00, 0x01, 0x00, 0x00, 0xFF,
    ]));
}

#[test]
fn recv_error_malformed_packet_v5_0_pubrel_remaining_length_1() {
    common::init_tracing();
    assert_malformed(&recv_v5_0_client_connected(&[0x62, 0x01, 0x00]));
}

#[test]
fn recv_error_malformed_packet_v5_0_pubrel_trailing_bytes() {
    common::init_tracing();
    assert_malformed(&recv_v5_0_client_connected(&[
        0x62, 0x05, 0x00, 0x01, 0x00, 0x00, 0xFF,
    ]));
}

#[test]
fn recv_error_malformed_packet_v5_0_pubcomp_remaining_length_1() {
    common::init_tracing();
    assert_malformed(&recv_v5_0_client_connected(&[0x70, 0x01, 0x00]));
}

#[test]
fn recv_error_malformed_packet_v5_0_pubcomp_trailing_bytes() {
    common::init_tracing();
    assert_malformed(&recv_v5_0_client_connected(&[
        0x70, 0x05, 0x00, 0x01, 0x00, 0x00, 0xFF,
    ]));
}

#[test]
fn recv_success_v5_0_pubrel_remaining_length_2_and_3() {
    common::init_tracing();
    // RL=2 (packet id only) and RL=3 (packet id + reason code) are valid per spec
    for data in [
        &[0x62, 0x02, 0x00, 0x01][..],
        &[0x62, 0x03, 0x00, 0x01, 0x00][..],
    ] {
        let events = recv_v5_0_client_connected(data);
        assert!(
            events
                .iter()
                .any(|e| matches!(e, mqtt::connection::Event::NotifyPacketReceived(_))),
            "Expected NotifyPacketReceived, got {:?}",
            events
        );
    }
}
