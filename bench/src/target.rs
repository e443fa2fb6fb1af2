//! Where the broker is: a loopback TCP address or a loopback `ws://` URL.
//!
//! The generator floods whatever it is pointed at, so it refuses anything that
//! is not on this machine's loopback interface before opening a socket.

use std::fmt;
use std::net::{IpAddr, SocketAddr};

/// How to reach the broker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// MQTT over plain TCP.
    Tcp(SocketAddr),
    /// MQTT over WebSocket (subprotocol `mqtt`): the socket address and the URL.
    Ws {
        /// Where to open the TCP connection.
        addr: SocketAddr,
        /// The `ws://` URL sent in the upgrade request.
        url: String,
    },
}

/// Why a broker address is refused.
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    /// The address does not resolve.
    #[error("cannot resolve {0}: {1}")]
    Resolve(String, std::io::Error),
    /// The address is not loopback.
    #[error("{0} is not a loopback address: tern-bench only talks to brokers on this machine")]
    NotLoopback(String),
    /// The text is not `[tcp://]host:port` or `ws://host:port/path`.
    #[error("cannot parse broker address {0:?} (expected host:port, tcp://host:port or ws://host:port/path)")]
    Syntax(String),
}

impl Target {
    /// Parses `host:port`, `tcp://host:port`, `mqtt://host:port` or `ws://host:port/path`,
    /// resolves it and refuses non-loopback addresses.
    pub async fn parse(text: &str) -> Result<Self, TargetError> {
        let (ws, rest) = if let Some(rest) = text.strip_prefix("ws://") {
            (true, rest)
        } else if let Some(rest) = text
            .strip_prefix("tcp://")
            .or_else(|| text.strip_prefix("mqtt://"))
        {
            (false, rest)
        } else if text.contains("://") {
            return Err(TargetError::Syntax(text.into()));
        } else {
            (false, text)
        };
        let hostport = rest.split('/').next().unwrap_or_default();
        if hostport.is_empty() || !hostport.contains(':') {
            return Err(TargetError::Syntax(text.into()));
        }
        let addrs: Vec<SocketAddr> = tokio::net::lookup_host(hostport)
            .await
            .map_err(|e| TargetError::Resolve(hostport.into(), e))?
            .collect();
        let Some(addr) = addrs.first().copied() else {
            return Err(TargetError::NotLoopback(hostport.into()));
        };
        if !addrs.iter().all(|a| a.ip().is_loopback()) {
            return Err(TargetError::NotLoopback(hostport.into()));
        }
        Ok(if ws {
            let url = if rest.contains('/') {
                text.to_owned()
            } else {
                format!("{text}/mqtt")
            };
            Target::Ws { addr, url }
        } else {
            Target::Tcp(addr)
        })
    }

    /// The socket address the connection goes to.
    pub fn addr(&self) -> SocketAddr {
        match self {
            Target::Tcp(a) | Target::Ws { addr: a, .. } => *a,
        }
    }

    /// `tcp` or `ws`, for reports.
    pub fn transport(&self) -> &'static str {
        match self {
            Target::Tcp(_) => "tcp",
            Target::Ws { .. } => "ws",
        }
    }

    /// Whether `ip` is a loopback address (the check applied to every target).
    pub fn is_loopback(ip: IpAddr) -> bool {
        ip.is_loopback()
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Tcp(a) => write!(f, "tcp://{a}"),
            Target::Ws { url, .. } => f.write_str(url),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn loopback_targets_parse_and_others_are_refused() {
        let t = Target::parse("127.0.0.1:1883").await.unwrap();
        assert_eq!(t, Target::Tcp("127.0.0.1:1883".parse().unwrap()));
        let t = Target::parse("ws://127.0.0.1:8080").await.unwrap();
        assert_eq!(t.to_string(), "ws://127.0.0.1:8080/mqtt");
        assert!(matches!(
            Target::parse("10.1.2.3:1883").await,
            Err(TargetError::NotLoopback(_))
        ));
        assert!(matches!(
            Target::parse("http://127.0.0.1:1").await,
            Err(TargetError::Syntax(_))
        ));
    }
}
