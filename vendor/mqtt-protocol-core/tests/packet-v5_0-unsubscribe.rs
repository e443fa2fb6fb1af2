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

// Build fail tests
#[test]
fn build_fail_empty_entries() {
    common::init_tracing();
    let err = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .build()
        .unwrap_err();
    assert_eq!(err, mqtt::result_code::MqttError::ProtocolError);
}

#[test]
fn build_fail_no_packet_id() {
    common::init_tracing();
    let err = mqtt::packet::v5_0::Unsubscribe::builder()
        .entries(vec!["test/topic"])
        .unwrap()
        .build()
        .unwrap_err();
    assert_eq!(err, mqtt::result_code::MqttError::MalformedPacket);
}

#[test]
fn build_fail_invalid_property() {
    common::init_tracing();
    let mut props = mqtt::packet::Properties::new();
    props.push(mqtt::packet::Property::PayloadFormatIndicator(
        mqtt::packet::PayloadFormatIndicator::new(mqtt::packet::PayloadFormat::Binary).unwrap(),
    ));

    let err = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["test/topic"])
        .unwrap()
        .props(props)
        .build()
        .unwrap_err();
    assert_eq!(err, mqtt::result_code::MqttError::ProtocolError);
}

// Build success tests
#[test]
fn build_success_minimal() {
    common::init_tracing();
    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["test/topic"])
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(packet.packet_id(), 1u16);
    assert_eq!(packet.entries().len(), 1);
    assert!(packet.props().is_empty());
}

#[test]
fn build_success_with_properties() {
    common::init_tracing();
    let mut props = mqtt::packet::Properties::new();
    props.push(mqtt::packet::Property::UserProperty(
        mqtt::packet::UserProperty::new("key", "value").unwrap(),
    ));

    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(42u16)
        .entries(vec!["test/topic"])
        .unwrap()
        .props(props)
        .build()
        .unwrap();

    assert_eq!(packet.packet_id(), 42u16);
    assert_eq!(packet.entries().len(), 1);
    assert_eq!(packet.props().len(), 1);
}

#[test]
fn build_success_multiple_entries() {
    common::init_tracing();
    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(100u16)
        .entries(vec!["topic1", "topic2", "topic3"])
        .unwrap()
        .build()
        .unwrap();

    assert_eq!(packet.packet_id(), 100u16);
    assert_eq!(packet.entries().len(), 3);
    assert_eq!(packet.entries()[0].as_str(), "topic1");
    assert_eq!(packet.entries()[1].as_str(), "topic2");
    assert_eq!(packet.entries()[2].as_str(), "topic3");
}

// Display tests
#[test]
fn display_minimal() {
    common::init_tracing();
    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["test/topic"])
        .unwrap()
        .build()
        .unwrap();

    let display_str = format!("{packet}");
    assert!(display_str.contains("\"type\":\"unsubscribe\""));
    assert!(display_str.contains("\"packet_id\":1"));
    assert!(display_str.contains("\"entries\""));
}

#[test]
fn display_with_properties() {
    common::init_tracing();
    let mut props = mqtt::packet::Properties::new();
    props.push(mqtt::packet::Property::UserProperty(
        mqtt::packet::UserProperty::new("key", "value").unwrap(),
    ));

    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(42u16)
        .entries(vec!["test/topic"])
        .unwrap()
        .props(props)
        .build()
        .unwrap();

    let display_str = format!("{packet}");
    assert!(display_str.contains("\"type\":\"unsubscribe\""));
    assert!(display_str.contains("\"packet_id\":42"));
    assert!(display_str.contains("\"props\""));
    assert!(display_str.contains("\"entries\""));
}

// Debug tests
#[test]
fn debug_minimal() {
    common::init_tracing();
    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["test"])
        .unwrap()
        .build()
        .unwrap();

    let debug_str = format!("{packet:?}");
    assert!(debug_str.contains("\"type\":\"unsubscribe\""));
    assert!(debug_str.contains("\"packet_id\":1"));
}

#[test]
fn debug_with_properties() {
    common::init_tracing();
    let mut props = mqtt::packet::Properties::new();
    props.push(mqtt::packet::Property::UserProperty(
        mqtt::packet::UserProperty::new("test", "value").unwrap(),
    ));

    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(99u16)
        .entries(vec!["test"])
        .unwrap()
        .props(props)
        .build()
        .unwrap();

    let debug_str = format!("{packet:?}");
    assert!(debug_str.contains("\"props\""));
}

// Getter tests
#[test]
fn getter_packet_id() {
    common::init_tracing();
    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(12345u16)
        .entries(vec!["test"])
        .unwrap()
        .build()
        .unwrap();

    assert_eq!(packet.packet_id(), 12345u16);
}

#[test]
fn getter_entries() {
    common::init_tracing();
    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["topic1", "topic2"])
        .unwrap()
        .build()
        .unwrap();

    assert_eq!(packet.entries().len(), 2);
    assert_eq!(packet.entries()[0].as_str(), "topic1");
    assert_eq!(packet.entries()[1].as_str(), "topic2");
}

#[test]
fn getter_props_empty() {
    common::init_tracing();
    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["test"])
        .unwrap()
        .build()
        .unwrap();

    assert!(packet.props().is_empty());
}

#[test]
fn getter_props_with_values() {
    common::init_tracing();
    let mut props = mqtt::packet::Properties::new();
    props.push(mqtt::packet::Property::UserProperty(
        mqtt::packet::UserProperty::new("key", "value").unwrap(),
    ));

    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["test"])
        .unwrap()
        .props(props)
        .build()
        .unwrap();

    assert_eq!(packet.props().len(), 1);
}

// to_buffers() tests
#[test]
#[cfg(feature = "std")]
fn to_buffers_minimal() {
    common::init_tracing();
    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["test"])
        .unwrap()
        .build()
        .unwrap();

    let buffers = packet.to_buffers();
    assert!(!buffers.is_empty());

    // Collect all bytes
    let mut all_bytes = Vec::new();
    for buf in buffers {
        all_bytes.extend_from_slice(buf.as_ref());
    }

    // Check fixed header
    assert_eq!(all_bytes[0], 0xa2); // UNSUBSCRIBE packet type

    // Should contain packet ID, property length, and topic filter
    assert!(all_bytes.len() > 5);
}

#[cfg(feature = "std")]
#[test]
fn to_buffers_with_properties() {
    common::init_tracing();
    let mut props = mqtt::packet::Properties::new();
    props.push(mqtt::packet::Property::UserProperty(
        mqtt::packet::UserProperty::new("key", "value").unwrap(),
    ));

    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(42u16)
        .entries(vec!["test/topic"])
        .unwrap()
        .props(props)
        .build()
        .unwrap();

    let buffers = packet.to_buffers();
    let mut all_bytes = Vec::new();
    for buf in buffers {
        all_bytes.extend_from_slice(buf.as_ref());
    }

    // Should be larger than minimal case due to properties
    assert!(all_bytes.len() > 15);
    assert_eq!(all_bytes[0], 0xa2);
}

#[cfg(feature = "std")]
#[test]
fn to_buffers_multiple_entries() {
    common::init_tracing();
    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(100u16)
        .entries(vec!["topic1", "topic2", "topic3"])
        .unwrap()
        .build()
        .unwrap();

    let buffers = packet.to_buffers();
    let mut all_bytes = Vec::new();
    for buf in buffers {
        all_bytes.extend_from_slice(buf.as_ref());
    }

    // Should contain all three topic filters
    assert!(all_bytes.len() > 25);
}

// Parse tests
#[test]
fn parse_minimal() {
    common::init_tracing();
    let original = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["test"])
        .unwrap()
        .build()
        .unwrap();

    let continuous = original.to_continuous_buffer();

    #[cfg(feature = "std")]
    {
        // Verify consistency with to_buffers()
        let buffers = original.to_buffers();
        let mut buffers_data = Vec::new();
        for buf in buffers.iter() {
            buffers_data.extend_from_slice(buf);
        }
        assert_eq!(continuous, buffers_data.as_slice());
    }

    let data = &continuous[2..]; // Skip fixed header and remaining length
    let (parsed, consumed) = mqtt::packet::v5_0::Unsubscribe::parse(&data).unwrap();
    assert_eq!(consumed, data.len());
    assert_eq!(parsed.packet_id(), 1u16);
    assert_eq!(parsed.entries().len(), 1);
    assert_eq!(parsed.entries()[0].as_str(), "test");
    assert!(parsed.props().is_empty());
}

#[test]
fn parse_with_properties() {
    common::init_tracing();
    let mut props = mqtt::packet::Properties::new();
    props.push(mqtt::packet::Property::UserProperty(
        mqtt::packet::UserProperty::new("key", "value").unwrap(),
    ));

    let original = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(42u16)
        .entries(vec!["topic/test"])
        .unwrap()
        .props(props)
        .build()
        .unwrap();

    let continuous = original.to_continuous_buffer();

    #[cfg(feature = "std")]
    {
        // Verify consistency with to_buffers()
        let buffers = original.to_buffers();
        let mut buffers_data = Vec::new();
        for buf in buffers.iter() {
            buffers_data.extend_from_slice(buf);
        }
        assert_eq!(continuous, buffers_data.as_slice());
    }

    let data = &continuous[2..]; // Skip fixed header and remaining length
    let (parsed, consumed) = mqtt::packet::v5_0::Unsubscribe::parse(&data).unwrap();
    assert_eq!(consumed, data.len());
    assert_eq!(parsed.packet_id(), 42u16);
    assert_eq!(parsed.entries().len(), 1);
    assert_eq!(parsed.entries()[0].as_str(), "topic/test");
    assert_eq!(parsed.props().len(), 1);
}

#[test]
fn parse_multiple_entries() {
    common::init_tracing();
    let original = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(200u16)
        .entries(vec!["topic1", "topic2", "topic3"])
        .unwrap()
        .build()
        .unwrap();

    let continuous = original.to_continuous_buffer();

    #[cfg(feature = "std")]
    {
        // Verify consistency with to_buffers()
        let buffers = original.to_buffers();
        let mut buffers_data = Vec::new();
        for buf in buffers.iter() {
            buffers_data.extend_from_slice(buf);
        }
        assert_eq!(continuous, buffers_data.as_slice());
    }

    let data = &continuous[2..]; // Skip fixed header and remaining length
    let (parsed, consumed) = mqtt::packet::v5_0::Unsubscribe::parse(&data).unwrap();
    assert_eq!(consumed, data.len());
    assert_eq!(parsed.packet_id(), 200u16);
    assert_eq!(parsed.entries().len(), 3);
    assert_eq!(parsed.entries()[0].as_str(), "topic1");
    assert_eq!(parsed.entries()[1].as_str(), "topic2");
    assert_eq!(parsed.entries()[2].as_str(), "topic3");
}

#[test]
fn parse_invalid_too_short() {
    common::init_tracing();
    let data = [0x00]; // Too short for packet ID
    let err = mqtt::packet::v5_0::Unsubscribe::parse(&data).unwrap_err();
    assert_eq!(err, mqtt::result_code::MqttError::MalformedPacket);
}

#[test]
fn parse_invalid_no_entries() {
    common::init_tracing();
    let mut data = Vec::new();
    data.extend_from_slice(&(1u16).to_be_bytes()); // packet ID
    data.push(0x00); // property length = 0

    let err = mqtt::packet::v5_0::Unsubscribe::parse(&data).unwrap_err();
    assert_eq!(err, mqtt::result_code::MqttError::ProtocolError);
}

#[test]
fn parse_invalid_property() {
    common::init_tracing();
    let mut data = Vec::new();
    data.extend_from_slice(&(1u16).to_be_bytes()); // packet ID
    data.push(0x02); // property length = 2
    data.push(0x01); // PayloadFormatIndicator (invalid for UNSUBSCRIBE)
    data.push(0x00); // property value

    let err = mqtt::packet::v5_0::Unsubscribe::parse(&data).unwrap_err();
    assert_eq!(err, mqtt::result_code::MqttError::ProtocolError);
}

#[test]
fn parse_shared_subscription_valid_share_name() {
    common::init_tracing();
    let mut data = Vec::new();
    data.extend_from_slice(&(1u16).to_be_bytes()); // packet ID
    data.push(0x00); // property length = 0

    // topic filter: "$share/a/t"
    let topic_filter = "$share/a/t";
    data.extend_from_slice(&(topic_filter.len() as u16).to_be_bytes());
    data.extend_from_slice(topic_filter.as_bytes());

    let (packet, _) = mqtt::packet::v5_0::Unsubscribe::parse(&data).unwrap();
    assert_eq!(packet.entries()[0].as_str(), "$share/a/t");
}

#[test]
fn parse_shared_subscription_invalid_plus_in_share_name() {
    common::init_tracing();
    let mut data = Vec::new();
    data.extend_from_slice(&(1u16).to_be_bytes()); // packet ID
    data.push(0x00); // property length = 0

    // topic filter: "$share/+/t" (invalid: + in ShareName)
    let topic_filter = "$share/+/t";
    data.extend_from_slice(&(topic_filter.len() as u16).to_be_bytes());
    data.extend_from_slice(topic_filter.as_bytes());

    let err = mqtt::packet::v5_0::Unsubscribe::parse(&data).unwrap_err();
    assert_eq!(err, mqtt::result_code::MqttError::MalformedPacket);
}

#[test]
fn parse_shared_subscription_invalid_hash_in_share_name() {
    common::init_tracing();
    let mut data = Vec::new();
    data.extend_from_slice(&(1u16).to_be_bytes()); // packet ID
    data.push(0x00); // property length = 0

    // topic filter: "$share/#/t" (invalid: # in ShareName)
    let topic_filter = "$share/#/t";
    data.extend_from_slice(&(topic_filter.len() as u16).to_be_bytes());
    data.extend_from_slice(topic_filter.as_bytes());

    let err = mqtt::packet::v5_0::Unsubscribe::parse(&data).unwrap_err();
    assert_eq!(err, mqtt::result_code::MqttError::MalformedPacket);
}

// Size tests
#[test]
fn size_minimal() {
    common::init_tracing();
    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["test"])
        .unwrap()
        .build()
        .unwrap();

    let size = packet.size();
    assert!(size > 0);

    // Verify size matches actual buffer size
    let actual_size = packet.to_continuous_buffer().len();
    assert_eq!(size, actual_size);

    #[cfg(feature = "std")]
    {
        let buffers = packet.to_buffers();
        let buffers_size: usize = buffers.iter().map(|buf| buf.len()).sum();
        assert_eq!(size, buffers_size);
    }
}

#[test]
fn size_with_properties() {
    common::init_tracing();
    let mut props = mqtt::packet::Properties::new();
    props.push(mqtt::packet::Property::UserProperty(
        mqtt::packet::UserProperty::new("key", "value").unwrap(),
    ));

    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(42u16)
        .entries(vec!["test/topic"])
        .unwrap()
        .props(props)
        .build()
        .unwrap();

    let size = packet.size();
    let actual_size = packet.to_continuous_buffer().len();
    assert_eq!(size, actual_size);

    #[cfg(feature = "std")]
    {
        let buffers = packet.to_buffers();
        let buffers_size: usize = buffers.iter().map(|buf| buf.len()).sum();
        assert_eq!(size, buffers_size);
    }
}

#[test]
fn size_multiple_entries() {
    common::init_tracing();
    let packet = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(100u16)
        .entries(vec!["topic1", "topic2", "topic3"])
        .unwrap()
        .build()
        .unwrap();

    let size = packet.size();
    let actual_size = packet.to_continuous_buffer().len();
    assert_eq!(size, actual_size);

    #[cfg(feature = "std")]
    {
        let buffers = packet.to_buffers();
        let buffers_size: usize = buffers.iter().map(|buf| buf.len()).sum();
        assert_eq!(size, buffers_size);
    }
}

// Parse/serialize roundtrip tests
#[test]
fn roundtrip_minimal() {
    common::init_tracing();
    let original = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["test"])
        .unwrap()
        .build()
        .unwrap();

    let continuous = original.to_continuous_buffer();

    #[cfg(feature = "std")]
    {
        // Verify consistency with to_buffers()
        let buffers = original.to_buffers();
        let mut buffers_data = Vec::new();
        for buf in buffers.iter() {
            buffers_data.extend_from_slice(buf);
        }
        assert_eq!(continuous, buffers_data.as_slice());
    }

    let data = &continuous[2..]; // Skip fixed header and remaining length
    let (parsed, _) = mqtt::packet::v5_0::Unsubscribe::parse(&data).unwrap();
    assert_eq!(original.packet_id(), parsed.packet_id());
    assert_eq!(original.entries().len(), parsed.entries().len());
    assert_eq!(original.props().len(), parsed.props().len());
}

#[test]
fn roundtrip_with_all_valid_properties() {
    common::init_tracing();
    let mut props = mqtt::packet::Properties::new();
    props.push(mqtt::packet::Property::UserProperty(
        mqtt::packet::UserProperty::new("client", "test").unwrap(),
    ));
    props.push(mqtt::packet::Property::UserProperty(
        mqtt::packet::UserProperty::new("version", "1.0").unwrap(),
    ));

    let original = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(65535u16)
        .entries(vec!["sensor/+/temperature", "control/#"])
        .unwrap()
        .props(props)
        .build()
        .unwrap();

    let continuous = original.to_continuous_buffer();

    #[cfg(feature = "std")]
    {
        // Verify consistency with to_buffers()
        let buffers = original.to_buffers();
        let mut buffers_data = Vec::new();
        for buf in buffers.iter() {
            buffers_data.extend_from_slice(buf);
        }
        assert_eq!(continuous, buffers_data.as_slice());
    }

    let data = &continuous[2..]; // Skip fixed header and remaining length
    let (parsed, _) = mqtt::packet::v5_0::Unsubscribe::parse(&data).unwrap();
    assert_eq!(original.packet_id(), parsed.packet_id());
    assert_eq!(original.entries().len(), parsed.entries().len());
    assert_eq!(original.props().len(), parsed.props().len());

    // Check specific values
    assert_eq!(parsed.entries()[0].as_str(), "sensor/+/temperature");
    assert_eq!(parsed.entries()[1].as_str(), "control/#");
}

#[test]
fn test_packet_type() {
    common::init_tracing();
    let packet_type = mqtt::packet::v5_0::Unsubscribe::packet_type();
    assert_eq!(packet_type, mqtt::packet::PacketType::Unsubscribe);
}

// ShareName validation tests

#[test]
fn test_shared_subscription_valid_share_name() {
    common::init_tracing();
    // Valid shared subscription
    let unsubscribe = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["$share/mygroup/sensors/temperature"])
        .unwrap()
        .build();

    assert!(unsubscribe.is_ok());
}

#[test]
fn test_shared_subscription_invalid_share_name_contains_plus() {
    common::init_tracing();
    // Invalid: ShareName contains "+"
    let unsubscribe = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["$share/my+group/sensors/temperature"]);

    assert!(unsubscribe.is_err());
    assert_eq!(
        unsubscribe.unwrap_err(),
        mqtt::result_code::MqttError::MalformedPacket
    );
}

#[test]
fn test_shared_subscription_invalid_share_name_contains_hash() {
    common::init_tracing();
    // Invalid: ShareName contains "#"
    let unsubscribe = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["$share/my#group/sensors/temperature"]);

    assert!(unsubscribe.is_err());
    assert_eq!(
        unsubscribe.unwrap_err(),
        mqtt::result_code::MqttError::MalformedPacket
    );
}

#[test]
fn test_shared_subscription_invalid_empty_share_name() {
    common::init_tracing();
    // Invalid: Empty ShareName
    let unsubscribe = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["$share//sensors/temperature"]);

    assert!(unsubscribe.is_err());
    assert_eq!(
        unsubscribe.unwrap_err(),
        mqtt::result_code::MqttError::MalformedPacket
    );
}

#[test]
fn test_shared_subscription_invalid_no_filter() {
    common::init_tracing();
    // Invalid: No filter portion
    let unsubscribe = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["$share/mygroup"]);

    assert!(unsubscribe.is_err());
    assert_eq!(
        unsubscribe.unwrap_err(),
        mqtt::result_code::MqttError::MalformedPacket
    );
}

#[test]
fn test_non_shared_subscription_passes_validation() {
    common::init_tracing();
    // Non-shared subscriptions should always pass
    let unsubscribe = mqtt::packet::v5_0::Unsubscribe::builder()
        .packet_id(1u16)
        .entries(vec!["sensors/temperature", "home/+/status", "alerts/#"])
        .unwrap()
        .build();

    assert!(unsubscribe.is_ok());
}
