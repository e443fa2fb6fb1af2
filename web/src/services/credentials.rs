//! What the connect screen asks for, how it is kept for the session, and how a
//! link like `…/#token=JWT&url=ws://host/mqtt` (what `tern demo` prints) fills it in.
//!
//! Pure: the browser glue (sessionStorage, `location`) is in `services::storage`.

use crate::services::mqtt::Credentials;
use serde_json::{json, Value};

/// Which kind of credentials the person chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthKind {
    /// User name and password (what Tern's open mode accepts).
    #[default]
    UserPassword,
    /// A JWT sent as MQTT 5 Authentication Data with method `CUSTOM-JWT`.
    Jwt,
}

impl AuthKind {
    /// The stable name used in storage and in the form.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthKind::UserPassword => "password",
            AuthKind::Jwt => "jwt",
        }
    }

    /// The inverse of [`AuthKind::as_str`]; unknown names fall back to user/password.
    pub fn parse(s: &str) -> Self {
        if s == "jwt" {
            AuthKind::Jwt
        } else {
            AuthKind::UserPassword
        }
    }
}

/// The connect screen's fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Login {
    /// The broker's WebSocket URL, e.g. `ws://127.0.0.1:8080/mqtt`.
    pub url: String,
    /// Which credentials to send.
    pub kind: AuthKind,
    /// User Name (for [`AuthKind::UserPassword`]).
    pub username: String,
    /// Password (for [`AuthKind::UserPassword`]); may be empty.
    pub password: String,
    /// The JWT (for [`AuthKind::Jwt`]).
    pub token: String,
}

/// A field of the connect screen that cannot be used as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginError {
    /// The URL is not a WebSocket URL.
    #[error("the broker URL must start with ws:// or wss:// (got \"{0}\")")]
    BadUrl(String),
    /// JWT chosen but no token given.
    #[error("the token is empty: paste the JWT to send as Authentication Data")]
    EmptyToken,
    /// A token that is not three dot-separated parts.
    #[error("the token does not look like a JWT (expected three parts separated by dots)")]
    NotAJwt,
}

impl Login {
    /// Checks the fields and returns the credentials CONNECT will carry.
    pub fn credentials(&self) -> Result<Credentials, LoginError> {
        let url = self.url.trim();
        if !(url.starts_with("ws://") || url.starts_with("wss://")) {
            return Err(LoginError::BadUrl(url.to_string()));
        }
        match self.kind {
            AuthKind::UserPassword if self.username.is_empty() && self.password.is_empty() => {
                Ok(Credentials::Anonymous)
            }
            AuthKind::UserPassword => Ok(Credentials::UserPassword {
                username: self.username.clone(),
                password: self.password.clone(),
            }),
            AuthKind::Jwt => {
                let token = self.token.trim();
                if token.is_empty() {
                    Err(LoginError::EmptyToken)
                } else if token.split('.').count() != 3 {
                    Err(LoginError::NotAJwt)
                } else {
                    Ok(Credentials::Jwt {
                        token: token.to_string(),
                    })
                }
            }
        }
    }

    /// The JSON kept in sessionStorage.
    pub fn to_json(&self) -> String {
        json!({
            "url": self.url,
            "kind": self.kind.as_str(),
            "username": self.username,
            "password": self.password,
            "token": self.token,
        })
        .to_string()
    }

    /// Reads what [`Login::to_json`] wrote; `None` if it is not that.
    pub fn from_json(text: &str) -> Option<Self> {
        let v: Value = serde_json::from_str(text).ok()?;
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        Some(Self {
            url: s("url"),
            kind: AuthKind::parse(&s("kind")),
            username: s("username"),
            password: s("password"),
            token: s("token"),
        })
    }
}

/// What a URL fragment like `#token=…&url=…` carries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FragmentLogin {
    /// `token=`: a JWT to connect with straight away.
    pub token: Option<String>,
    /// `url=`: the broker's WebSocket URL.
    pub url: Option<String>,
}

/// Parses a location fragment (with or without the leading `#`).
pub fn parse_fragment(fragment: &str) -> FragmentLogin {
    let mut out = FragmentLogin::default();
    for pair in fragment.trim_start_matches('#').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        if value.is_empty() {
            continue;
        }
        match key {
            "token" => out.token = Some(value),
            "url" => out.url = Some(value),
            _ => {}
        }
    }
    out
}

/// The WebSocket URL of the broker that served the page: `/mqtt` on the same host.
///
/// `protocol` is `location.protocol` (`"http:"` or `"https:"`), `host` is `location.host`.
pub fn default_ws_url(protocol: &str, host: &str) -> String {
    let scheme = if protocol == "https:" { "wss" } else { "ws" };
    format!("{scheme}://{host}/mqtt")
}

/// The port `trunk serve` listens on (Trunk.toml `[serve] port`).
pub const TRUNK_SERVE_PORT: &str = "8081";
/// The broker's default HTTP/WebSocket port (what `./scripts/run.sh` listens on).
pub const BROKER_DEV_PORT: u16 = 8080;

/// The broker URL for a page served by `trunk serve` (development builds):
/// trunk 0.21's WebSocket proxy drops the `mqtt` subprotocol, which browsers
/// then refuse [MQTT-6.0.0-3 needs it offered], so the dashboard connects to
/// the broker directly instead of through the proxy. `None` for other pages.
pub fn trunk_serve_ws_url(protocol: &str, hostname: &str, port: &str) -> Option<String> {
    (port == TRUNK_SERVE_PORT && protocol == "http:")
        .then(|| format!("ws://{hostname}:{BROKER_DEV_PORT}/mqtt"))
}

/// Decodes `%XX` escapes and `+` (as space); invalid escapes are kept as they are.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_with_token_and_url() {
        let f = parse_fragment("#token=aaa.bbb.ccc&url=ws%3A%2F%2F127.0.0.1%3A8080%2Fmqtt");
        assert_eq!(f.token.as_deref(), Some("aaa.bbb.ccc"));
        assert_eq!(f.url.as_deref(), Some("ws://127.0.0.1:8080/mqtt"));
        assert_eq!(parse_fragment(""), FragmentLogin::default());
        assert_eq!(parse_fragment("#other=1&token="), FragmentLogin::default());
        // A route in front of the login (see crate::route) is not part of it.
        assert_eq!(
            parse_fragment("#/broker&token=aaa.bbb.ccc")
                .token
                .as_deref(),
            Some("aaa.bbb.ccc")
        );
        assert_eq!(parse_fragment("#/broker"), FragmentLogin::default());
    }

    #[test]
    fn percent_decoding_keeps_bad_escapes() {
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("a%zz"), "a%zz");
        assert_eq!(percent_decode("a+b%20c"), "a b c");
    }

    #[test]
    fn credentials_are_checked() {
        let mut login = Login {
            url: "http://x".into(),
            ..Login::default()
        };
        assert!(matches!(login.credentials(), Err(LoginError::BadUrl(_))));
        login.url = "ws://127.0.0.1:1/mqtt".into();
        assert_eq!(login.credentials(), Ok(Credentials::Anonymous));
        login.username = "app".into();
        assert_eq!(
            login.credentials(),
            Ok(Credentials::UserPassword {
                username: "app".into(),
                password: String::new()
            })
        );
        login.kind = AuthKind::Jwt;
        assert_eq!(login.credentials(), Err(LoginError::EmptyToken));
        login.token = "not-a-jwt".into();
        assert_eq!(login.credentials(), Err(LoginError::NotAJwt));
        login.token = " a.b.c ".into();
        assert_eq!(
            login.credentials(),
            Ok(Credentials::Jwt {
                token: "a.b.c".into()
            })
        );
    }

    #[test]
    fn login_round_trips_through_json() {
        let login = Login {
            url: "wss://h/mqtt".into(),
            kind: AuthKind::Jwt,
            username: "u".into(),
            password: "p\"q".into(),
            token: "a.b.c".into(),
        };
        assert_eq!(Login::from_json(&login.to_json()), Some(login));
        assert_eq!(Login::from_json("nope"), None);
    }

    #[test]
    fn trunk_serve_pages_connect_to_the_broker_directly() {
        assert_eq!(
            trunk_serve_ws_url("http:", "127.0.0.1", "8081").as_deref(),
            Some("ws://127.0.0.1:8080/mqtt")
        );
        assert_eq!(trunk_serve_ws_url("http:", "127.0.0.1", "8080"), None);
        assert_eq!(trunk_serve_ws_url("https:", "h", "8081"), None);
    }

    #[test]
    fn default_url_follows_the_page() {
        assert_eq!(default_ws_url("https:", "h:1"), "wss://h:1/mqtt");
        assert_eq!(default_ws_url("http:", "h"), "ws://h/mqtt");
    }
}
