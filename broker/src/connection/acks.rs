//! Acknowledgement packets (PUBACK, PUBREC, PUBREL, PUBCOMP) in the client's
//! protocol version, so the handlers say *what* they answer and not how each
//! version spells it.

use tern_protocol::mqtt::packet::{v3_1_1, v5_0, GenericPacket};
use tern_protocol::mqtt::result_code::{PubackReasonCode, PubrecReasonCode};

/// The packet of kind `$kind` with only a packet identifier, in either version.
macro_rules! id_only {
    ($v5:expr, $kind:ident, $id:expr) => {
        if $v5 {
            v5_0::$kind::builder()
                .packet_id($id)
                .build()
                .ok()
                .map(Into::into)
        } else {
            v3_1_1::$kind::builder()
                .packet_id($id)
                .build()
                .ok()
                .map(Into::into)
        }
    };
}

/// PUBACK; MQTT 5 carries `code` (an unknown code becomes Unspecified error).
pub(super) fn puback(v5: bool, packet_id: u16, code: u8) -> Option<GenericPacket<u16>> {
    if !v5 {
        return id_only!(false, Puback, packet_id);
    }
    let code = PubackReasonCode::try_from(code).unwrap_or(PubackReasonCode::UnspecifiedError);
    v5_0::Puback::builder()
        .packet_id(packet_id)
        .reason_code(code)
        .build()
        .ok()
        .map(Into::into)
}

/// PUBREC; MQTT 5 carries `code` (an unknown code becomes Unspecified error).
pub(super) fn pubrec(v5: bool, packet_id: u16, code: u8) -> Option<GenericPacket<u16>> {
    if !v5 {
        return id_only!(false, Pubrec, packet_id);
    }
    let code = PubrecReasonCode::try_from(code).unwrap_or(PubrecReasonCode::UnspecifiedError);
    v5_0::Pubrec::builder()
        .packet_id(packet_id)
        .reason_code(code)
        .build()
        .ok()
        .map(Into::into)
}

/// PUBREL.
pub(super) fn pubrel(v5: bool, packet_id: u16) -> Option<GenericPacket<u16>> {
    id_only!(v5, Pubrel, packet_id)
}

/// PUBCOMP.
pub(super) fn pubcomp(v5: bool, packet_id: u16) -> Option<GenericPacket<u16>> {
    id_only!(v5, Pubcomp, packet_id)
}
