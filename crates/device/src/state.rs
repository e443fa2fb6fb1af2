//! A device's property state: a JSON object that desired-property requests are merged into,
//! plus the `$version` counter the reported state carries.
//!
//! Pure (no I/O), so the merge rules are unit-tested here and the connection code only has to
//! move bytes.

use serde_json::{Map, Value};

/// The key of the version counter in the reported state. Keys beginning with `$` are reserved
/// for the device, so a desired request may not set them.
pub const VERSION_KEY: &str = "$version";

/// Why a desired-property payload was refused; the device answers with this text in the
/// `error` user property and leaves its state unchanged.
#[derive(Debug, thiserror::Error)]
pub enum DesiredError {
    /// The payload is not valid JSON (this includes invalid UTF-8).
    #[error("payload is not valid JSON: {0}")]
    InvalidJson(#[from] serde_json::Error),
    /// The payload is valid JSON but not an object.
    #[error("payload must be a JSON object of desired properties, found {found}")]
    NotAnObject {
        /// The JSON type that was found instead (`array`, `string`, ...).
        found: &'static str,
    },
    /// The payload tries to set a key reserved for the device.
    #[error("desired property `{key}` is reserved: keys beginning with `$` are set by the device")]
    ReservedKey {
        /// The offending key.
        key: String,
    },
}

/// The state of one simulated device.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeviceState {
    /// The current properties (never contains `$`-keys).
    properties: Map<String, Value>,
    /// How many desired requests changed the properties so far.
    version: u64,
}

impl DeviceState {
    /// A device with these initial properties and version 0.
    pub fn new(properties: Map<String, Value>) -> Self {
        Self {
            properties,
            version: 0,
        }
    }

    /// The number of applied changes so far.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Applies a desired-property payload as a JSON Merge Patch (RFC 7396): keys set to
    /// `null` are removed, nested objects are merged, other values replace. Returns whether
    /// the state changed; `$version` is incremented exactly when it did. On error the state
    /// is unchanged.
    pub fn apply_desired(&mut self, payload: &[u8]) -> Result<bool, DesiredError> {
        let patch: Value = serde_json::from_slice(payload)?;
        let Value::Object(patch) = patch else {
            return Err(DesiredError::NotAnObject {
                found: json_type(&patch),
            });
        };
        if let Some(key) = patch.keys().find(|k| k.starts_with('$')) {
            return Err(DesiredError::ReservedKey { key: key.clone() });
        }
        let before = self.properties.clone();
        merge_object(&mut self.properties, patch);
        let changed = self.properties != before;
        if changed {
            self.version += 1;
        }
        Ok(changed)
    }

    /// The full reported state: the properties plus `"$version"`.
    pub fn reported(&self) -> Value {
        let mut reported = self.properties.clone();
        reported.insert(VERSION_KEY.to_owned(), Value::from(self.version));
        Value::Object(reported)
    }

    /// [`reported`](Self::reported) serialised, as sent on the wire.
    pub fn reported_bytes(&self) -> Vec<u8> {
        // Serialising a `Value` cannot fail (string keys, no non-finite floats).
        serde_json::to_vec(&self.reported()).unwrap_or_default()
    }
}

/// RFC 7396 merge of `patch` into `target`.
fn merge_object(target: &mut Map<String, Value>, patch: Map<String, Value>) {
    for (key, value) in patch {
        match value {
            Value::Null => {
                target.remove(&key);
            }
            Value::Object(inner) => {
                let slot = target
                    .entry(key)
                    .or_insert_with(|| Value::Object(Map::new()));
                if !slot.is_object() {
                    *slot = Value::Object(Map::new());
                }
                if let Value::Object(existing) = slot {
                    merge_object(existing, inner);
                }
            }
            other => {
                target.insert(key, other);
            }
        }
    }
}

/// The JSON type name of `value`, for error messages.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn state() -> DeviceState {
        DeviceState::default()
    }

    #[test]
    fn merge_sets_replaces_removes_and_nests() {
        let mut s = state();
        assert!(s
            .apply_desired(br#"{"temp":21,"mode":{"fan":"auto","eco":true}}"#)
            .unwrap());
        assert!(s
            .apply_desired(br#"{"temp":22.5,"mode":{"eco":null,"x":1},"on":true}"#)
            .unwrap());
        assert_eq!(
            s.reported(),
            json!({"temp":22.5,"mode":{"fan":"auto","x":1},"on":true,"$version":2})
        );
        assert!(s.apply_desired(br#"{"mode":null}"#).unwrap());
        assert_eq!(s.reported(), json!({"temp":22.5,"on":true,"$version":3}));
    }

    #[test]
    fn an_object_replaces_a_scalar() {
        let mut s = state();
        s.apply_desired(br#"{"a":1}"#).unwrap();
        s.apply_desired(br#"{"a":{"b":2}}"#).unwrap();
        assert_eq!(s.reported(), json!({"a":{"b":2},"$version":2}));
    }

    #[test]
    fn no_change_keeps_the_version() {
        let mut s = state();
        s.apply_desired(br#"{"a":1}"#).unwrap();
        assert!(!s.apply_desired(br#"{"a":1}"#).unwrap());
        assert!(!s.apply_desired(b"{}").unwrap());
        assert!(!s.apply_desired(br#"{"gone":null}"#).unwrap());
        assert_eq!(s.version(), 1);
    }

    #[test]
    fn bad_payloads_are_refused_and_change_nothing() {
        let mut s = state();
        s.apply_desired(br#"{"a":1}"#).unwrap();
        let before = s.clone();
        for (payload, expect) in [
            (&b"{not json"[..], "not valid JSON"),
            (&b"\xff\xfe"[..], "not valid JSON"),
            (&b""[..], "not valid JSON"),
            (&b"[1,2]"[..], "found an array"),
            (&b"42"[..], "found a number"),
            (&br#"{"$version":9}"#[..], "`$version` is reserved"),
        ] {
            let err = s.apply_desired(payload).unwrap_err().to_string();
            assert!(err.contains(expect), "{err}");
            assert_eq!(s, before);
        }
    }

    #[test]
    fn reported_bytes_are_the_reported_json() {
        let mut s = DeviceState::new(json!({"fw":"x"}).as_object().unwrap().clone());
        s.apply_desired(br#"{"on":false}"#).unwrap();
        let parsed: Value = serde_json::from_slice(&s.reported_bytes()).unwrap();
        assert_eq!(parsed, json!({"fw":"x","on":false,"$version":1}));
    }
}
