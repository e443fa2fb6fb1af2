//! Seeds of the `ws_stream` target: conversations cut into WebSocket frames.

use super::connection::{v3_dev1, v5_dev1, v5_jwt};
use super::mqtt::*;

// ---- ws_stream -----------------------------------------------------------

/// A client WebSocket frame: FIN + opcode, masked with key 0 (payload unchanged).
pub(super) fn frame(fin: bool, opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![if fin { 0x80 } else { 0 } | opcode];
    match payload.len() {
        n if n < 126 => out.push(0x80 | n as u8),
        n if n <= 0xFFFF => {
            out.push(0x80 | 126);
            out.extend((n as u16).to_be_bytes());
        }
        n => {
            out.push(0x80 | 127);
            out.extend((n as u64).to_be_bytes());
        }
    }
    out.extend([0, 0, 0, 0]);
    out.extend_from_slice(payload);
    out
}

/// `bytes` cut into binary frames at `cuts` (packets spanning frames and
/// frames holding several packets).
pub(super) fn frames(bytes: &[u8], cuts: &[usize]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut start = 0;
    for &cut in cuts.iter().chain([bytes.len()].iter()) {
        let cut = cut.min(bytes.len());
        if cut > start {
            out.extend(frame(true, 0x2, &bytes[start..cut]));
            start = cut;
        }
    }
    out
}

pub(super) fn ws_seeds() -> Vec<(String, Vec<u8>)> {
    let close = frame(true, 0x8, &[0x03, 0xE8]);
    let mut seeds = Vec::new();
    let mut add = |name: &str, flags: u8, bytes: Vec<u8>| {
        let mut v = vec![flags];
        v.extend(bytes);
        seeds.push((name.to_owned(), v));
    };
    add(
        "echo-frames-ping-close",
        0,
        cat(&[
            frame(true, 0x2, b"hello"),
            frame(true, 0x9, b"ping"),
            frame(true, 0x2, &[0u8; 200]),
            frame(true, 0xA, b"pong"),
            close.clone(),
        ]),
    );
    add(
        "echo-fragmented",
        3,
        cat(&[
            frame(false, 0x2, b"part one "),
            frame(false, 0x0, b"part two "),
            frame(true, 0x9, b"ping in between"),
            frame(true, 0x0, b"end"),
            close.clone(),
        ]),
    );
    add(
        "echo-text-frame",
        0,
        cat(&[frame(true, 0x2, b"ok"), frame(true, 0x1, b"text")]),
    );
    add("echo-unmasked", 0, vec![0x82, 0x03, b'a', b'b', b'c']);
    add("echo-open", 8, frame(true, 0x2, b"left open"));
    let v3 = v3_dev1();
    add(
        "mqtt-v3-split",
        16,
        cat(&[frames(&v3, &[1, 5, 40, 41, 90]), close.clone()]),
    );
    add("mqtt-v3-one-frame-bytewise", 16 | 1, frames(&v3, &[]));
    let v5 = v5_dev1();
    add("mqtt-v5-split", 16 | 8, frames(&v5, &[3, 17, 100, 180]));
    add("mqtt-v5-jwt", 16, cat(&[frames(&v5_jwt(), &[60]), close]));
    seeds
}
