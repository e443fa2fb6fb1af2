//! Appending encoded packets to a connection's write buffer.

use bytes::BytesMut;
use mqtt_protocol_core::mqtt::packet::{GenericPacket, GenericPacketTrait};

/// Appends the wire form of `packet` to `buf`.
///
/// The packet's parts (header, properties, shared payload) are copied once,
/// straight into the buffer the connection writes to the socket, so several
/// packets produced in one turn of the connection loop go out in one write.
pub fn encode_into(buf: &mut BytesMut, packet: &GenericPacket<u16>) {
    buf.reserve(packet.size());
    for slice in packet.to_buffers() {
        buf.extend_from_slice(&slice);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mqtt_protocol_core::mqtt::packet::v5_0;

    #[test]
    fn encoded_bytes_match_continuous_buffer() {
        let publish = v5_0::Publish::builder()
            .topic_name("a/b")
            .unwrap()
            .payload(b"hello".to_vec())
            .build()
            .unwrap();
        let packet: GenericPacket<u16> = publish.into();
        let mut buf = BytesMut::new();
        encode_into(&mut buf, &packet);
        assert_eq!(&buf[..], &packet.to_continuous_buffer()[..]);
        assert_eq!(buf.len(), packet.size());
    }
}
