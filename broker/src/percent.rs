//! Percent-decoding of URL path segments and query values, strict: a
//! malformed escape is an error (the request is refused), where the
//! `percent-encoding` crate would pass it through as text — the static-file
//! path checks and the admin API's resource names rely on seeing exactly what
//! was meant. Shared by the HTTP listener and the admin API.

/// Decodes `%XX` escapes; `None` if an escape is malformed or the result is
/// not UTF-8. `+` stays `+` (topic filters contain it).
pub fn decode(s: &str) -> Option<String> {
    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = hex(*bytes.get(i + 1)?)?;
            let lo = hex(*bytes.get(i + 2)?)?;
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
