//! The MQTT version a client speaks, and the one place where each reply the
//! broker sends is spelled for each version.
//!
//! Everything above this module says *what* it answers (`version.puback(id,
//! code)`); how 3.1.1 and 5.0 differ (reason codes, properties, packets 3.1.1
//! does not have) is written here once.

use tern_protocol::mqtt::packet::{v3_1_1, v5_0, GenericPacket};
use tern_protocol::mqtt::result_code::{
    ConnectReasonCode, ConnectReturnCode, DisconnectReasonCode, PubackReasonCode, PubrecReasonCode,
    SubackReasonCode, SubackReturnCode, UnsubackReasonCode,
};

/// The protocol version of a connection (and of a session's last connection).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    /// MQTT 3.1.1 (protocol level 4).
    V3_1_1,
    /// MQTT 5.0 (protocol level 5).
    V5,
}

/// A reply packet, or `None` if the protocol library refused to build it
/// (it validates every field; the broker's inputs are already valid).
pub type Reply = Option<GenericPacket<u16>>;

/// The packet of kind `$kind` with only a packet identifier, in either version.
macro_rules! id_only {
    ($version:expr, $kind:ident, $id:expr) => {
        match $version {
            Version::V5 => v5_0::$kind::builder()
                .packet_id($id)
                .build()
                .ok()
                .map(Into::into),
            Version::V3_1_1 => v3_1_1::$kind::builder()
                .packet_id($id)
                .build()
                .ok()
                .map(Into::into),
        }
    };
}

/// The acknowledgement of kind `$kind`: in MQTT 5 with reason code `$code`
/// (of type `$codes`; an unknown one becomes Unspecified error), in 3.1.1
/// with the packet identifier only.
macro_rules! with_code {
    ($version:expr, $kind:ident, $codes:ident, $id:expr, $code:expr) => {
        match $version {
            Version::V5 => v5_0::$kind::builder()
                .packet_id($id)
                .reason_code($codes::try_from($code).unwrap_or($codes::UnspecifiedError))
                .build()
                .ok()
                .map(Into::into),
            Version::V3_1_1 => id_only!($version, $kind, $id),
        }
    };
}

impl Version {
    /// The version of a client that speaks MQTT 5 if `v5`.
    pub fn from_v5(v5: bool) -> Self {
        if v5 {
            Self::V5
        } else {
            Self::V3_1_1
        }
    }

    /// Whether this is MQTT 5.0.
    pub fn is_v5(self) -> bool {
        self == Self::V5
    }

    /// PUBACK; MQTT 5 carries `code` (an unknown code becomes Unspecified error).
    pub fn puback(self, packet_id: u16, code: u8) -> Reply {
        with_code!(self, Puback, PubackReasonCode, packet_id, code)
    }

    /// PUBREC; MQTT 5 carries `code` (an unknown code becomes Unspecified error).
    pub fn pubrec(self, packet_id: u16, code: u8) -> Reply {
        with_code!(self, Pubrec, PubrecReasonCode, packet_id, code)
    }

    /// PUBREL.
    pub fn pubrel(self, packet_id: u16) -> Reply {
        id_only!(self, Pubrel, packet_id)
    }

    /// PUBCOMP.
    pub fn pubcomp(self, packet_id: u16) -> Reply {
        id_only!(self, Pubcomp, packet_id)
    }

    /// SUBACK with one code per filter: the granted QoS or a failure. MQTT
    /// 3.1.1 has one failure code, 0x80 [MQTT-3.9.3-2]; an MQTT 5 code
    /// unknown to the library becomes Unspecified error.
    pub fn suback(self, packet_id: u16, codes: &[u8]) -> Reply {
        match self {
            Self::V5 => {
                let codes = codes
                    .iter()
                    .map(|&c| {
                        SubackReasonCode::try_from(c).unwrap_or(SubackReasonCode::UnspecifiedError)
                    })
                    .collect();
                v5_0::Suback::builder()
                    .packet_id(packet_id)
                    .reason_codes(codes)
                    .build()
                    .ok()
                    .map(Into::into)
            }
            Self::V3_1_1 => {
                let codes = codes
                    .iter()
                    .map(|&c| SubackReturnCode::try_from(c).unwrap_or(SubackReturnCode::Failure))
                    .collect();
                v3_1_1::Suback::builder()
                    .packet_id(packet_id)
                    .return_codes(codes)
                    .build()
                    .ok()
                    .map(Into::into)
            }
        }
    }

    /// UNSUBACK; MQTT 5 carries one code per filter, 3.1.1 none.
    pub fn unsuback(self, packet_id: u16, codes: Vec<UnsubackReasonCode>) -> Reply {
        match self {
            Self::V5 => v5_0::Unsuback::builder()
                .packet_id(packet_id)
                .reason_codes(codes)
                .build()
                .ok()
                .map(Into::into),
            Self::V3_1_1 => id_only!(self, Unsuback, packet_id),
        }
    }

    /// DISCONNECT with `code`: MQTT 5 only (a 3.1.1 server just closes the
    /// connection [MQTT-3.14.0]).
    pub fn disconnect(self, code: DisconnectReasonCode) -> Reply {
        match self {
            Self::V5 => v5_0::Disconnect::builder()
                .reason_code(code)
                .build()
                .ok()
                .map(Into::into),
            Self::V3_1_1 => None,
        }
    }

    /// The CONNACK that refuses a connection with `code` (in 3.1.1, the
    /// nearest return code [MQTT-3.2.2-5]).
    pub fn connack_refused(self, code: ConnectReasonCode) -> Reply {
        match self {
            Self::V5 => v5_0::Connack::builder()
                .session_present(false)
                .reason_code(code)
                .build()
                .ok()
                .map(Into::into),
            Self::V3_1_1 => v3_1_1::Connack::builder()
                .session_present(false)
                .return_code(v3_return_code(code))
                .build()
                .ok()
                .map(Into::into),
        }
    }
}

/// The 3.1.1 return code nearest to an MQTT 5 CONNACK reason code.
fn v3_return_code(code: ConnectReasonCode) -> ConnectReturnCode {
    match code {
        ConnectReasonCode::UnsupportedProtocolVersion => {
            ConnectReturnCode::UnacceptableProtocolVersion
        }
        ConnectReasonCode::ClientIdentifierNotValid => ConnectReturnCode::IdentifierRejected,
        ConnectReasonCode::ServerUnavailable
        | ConnectReasonCode::ServerBusy
        | ConnectReasonCode::QuotaExceeded
        | ConnectReasonCode::ConnectionRateExceeded => ConnectReturnCode::ServerUnavailable,
        ConnectReasonCode::BadUserNameOrPassword => ConnectReturnCode::BadUserNameOrPassword,
        _ => ConnectReturnCode::NotAuthorized,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_v5(packet: &GenericPacket<u16>) -> bool {
        use GenericPacket::*;
        matches!(
            packet,
            V5_0Connack(_)
                | V5_0Suback(_)
                | V5_0Unsuback(_)
                | V5_0Puback(_)
                | V5_0Pubrec(_)
                | V5_0Pubrel(_)
                | V5_0Pubcomp(_)
                | V5_0Disconnect(_)
        )
    }

    /// Each reply is the packet of the client's version, and a 3.1.1 SUBACK
    /// turns every MQTT 5 failure into 0x80.
    #[test]
    fn replies_are_spelled_per_version() {
        for version in [Version::V5, Version::V3_1_1] {
            let packets = [
                version.puback(1, 0),
                version.pubrec(1, 0),
                version.pubrel(1),
                version.pubcomp(1),
                version.suback(1, &[1, 0x87]),
                version.unsuback(1, vec![UnsubackReasonCode::Success]),
                version.connack_refused(ConnectReasonCode::NotAuthorized),
            ];
            for packet in packets {
                let packet = packet.expect("valid reply");
                assert_eq!(is_v5(&packet), version.is_v5(), "{packet:?}");
            }
        }
        match Version::V3_1_1.suback(1, &[1, 0x87]) {
            Some(GenericPacket::V3_1_1Suback(suback)) => assert_eq!(
                suback.return_codes(),
                [
                    SubackReturnCode::SuccessMaximumQos1,
                    SubackReturnCode::Failure
                ]
            ),
            other => panic!("not a 3.1.1 SUBACK: {other:?}"),
        }
        assert!(Version::V3_1_1
            .disconnect(DisconnectReasonCode::ProtocolError)
            .is_none());
        assert!(Version::V5
            .disconnect(DisconnectReasonCode::ProtocolError)
            .is_some());
    }
}
