//! The topic contract between simulated devices, the dashboard and `tern demo`.
//!
//! They are the topics of the Event Grid walkthroughs: `clients/{id}/status` for the
//! online/offline status (the will topic), `devices/{id}/desired` for requests and
//! `devices/{id}/reported` for responses without a Response Topic.

/// The status payload a device publishes (retained) once connected and subscribed.
pub const ONLINE: &str = "online";
/// The status payload of the will, and of a clean shutdown.
pub const OFFLINE: &str = "offline";
/// The user property carrying the firmware version on every response.
pub const FIRMWARE_PROPERTY: &str = "firmware";
/// The user property naming why a request was refused.
pub const ERROR_PROPERTY: &str = "error";
/// The content type of every response.
pub const CONTENT_TYPE_JSON: &str = "application/json";

/// `clients/{id}/status`: the retained `online` / `offline` status.
pub fn status(id: &str) -> String {
    format!("clients/{id}/status")
}

/// `devices/{id}/desired`: where requests to the device arrive.
pub fn desired(id: &str) -> String {
    format!("devices/{id}/desired")
}

/// `devices/{id}/reported`: where responses go when a request has no Response Topic.
pub fn reported(id: &str) -> String {
    format!("devices/{id}/reported")
}

/// Why `topic` cannot be published to, if it cannot: empty, a wildcard, or a NUL character
/// ([MQTT-4.7.3-1], [MQTT-3.3.2-2], [MQTT-4.7.3-2]).
pub fn publish_topic_problem(topic: &str) -> Option<&'static str> {
    if topic.is_empty() {
        Some("is empty [MQTT-4.7.3-1]")
    } else if topic.contains(['+', '#']) {
        Some("contains a wildcard [MQTT-3.3.2-2]")
    } else if topic.contains('\0') {
        Some("contains U+0000 [MQTT-4.7.3-2]")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_follow_the_walkthroughs() {
        assert_eq!(status("sensor1"), "clients/sensor1/status");
        assert_eq!(desired("device2"), "devices/device2/desired");
        assert_eq!(reported("device2"), "devices/device2/reported");
    }

    #[test]
    fn unpublishable_topics_are_named() {
        assert!(publish_topic_problem("devices/a/reported").is_none());
        for bad in ["", "a/+", "a/#", "a\0b"] {
            assert!(publish_topic_problem(bad).is_some(), "{bad:?}");
        }
    }
}
