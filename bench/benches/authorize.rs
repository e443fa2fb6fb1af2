//! An authorization decision as the broker asks for it: `AccessControl::authorize`
//! of `tern::access::NamespaceAccess` (the Event Grid model) for a registered
//! client, i.e. what `connection/authz.rs` calls on a decision-cache miss.
//!
//! The namespace is seed 001's shape (a cloud application and devices with
//! `${client.authenticationName}` templates) with 1,000 registered devices and
//! a few extra groups and topic spaces. Measured: an allowed publish, a denied
//! publish (the whole namespace is searched) and an allowed subscribe.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use tern::access::NamespaceAccess;
use tern::access::{AccessControl, Identity, IdentitySource};
use tern::config::AccessConfig;
use tern_access::{Action, Limits, Namespace, NamespaceSpec};

fn namespace(devices: usize) -> Namespace {
    let mut toml =
        String::from("[[clients]]\nname = \"cloudApp\"\nattributes = { type = \"cloudApp\" }\n\n");
    for i in 0..devices {
        toml += &format!(
            "[[clients]]\nname = \"device-{i}\"\nattributes = {{ type = \"device\", floor = {} }}\n\n",
            i % 10
        );
    }
    toml += r#"
[[clientGroups]]
name = "cloudAppGroup"
query = "attributes.type = 'cloudApp'"

[[clientGroups]]
name = "devices"
query = "attributes.type = 'device'"

[[clientGroups]]
name = "upperFloors"
query = "attributes.type = 'device' and attributes.floor >= 5"

[[topicSpaces]]
name = "requestDesired"
topicTemplates = ["devices/+/desired"]

[[topicSpaces]]
name = "responseReported"
topicTemplates = ["devices/+/reported"]

[[topicSpaces]]
name = "deviceDesiredSub"
topicTemplates = ["devices/${client.authenticationName}/desired"]

[[topicSpaces]]
name = "deviceReportedPub"
topicTemplates = ["devices/${client.authenticationName}/reported", "telemetry/${client.authenticationName}/#"]

[[topicSpaces]]
name = "floorAlarms"
topicTemplates = ["alarms/floor/${client.attributes.floor}/#"]

[[permissionBindings]]
name = "cloudAppPub"
clientGroupName = "cloudAppGroup"
topicSpaceName = "requestDesired"
permission = "Publisher"

[[permissionBindings]]
name = "cloudAppSub"
clientGroupName = "cloudAppGroup"
topicSpaceName = "responseReported"
permission = "Subscriber"

[[permissionBindings]]
name = "devicesSub"
clientGroupName = "devices"
topicSpaceName = "deviceDesiredSub"
permission = "Subscriber"

[[permissionBindings]]
name = "devicesPub"
clientGroupName = "devices"
topicSpaceName = "deviceReportedPub"
permission = "Publisher"

[[permissionBindings]]
name = "upperAlarms"
clientGroupName = "upperFloors"
topicSpaceName = "floorAlarms"
permission = "Publisher"
"#;
    let spec: NamespaceSpec = toml::from_str(&toml).expect("the namespace parses");
    Namespace::from_spec(spec, Limits::default()).expect("the namespace is valid")
}

fn authorize(c: &mut Criterion) {
    let access = NamespaceAccess::new(&AccessConfig::default(), namespace(1000))
        .expect("no JWT or webhook to set up");
    let identity = Identity {
        authentication_name: "device-507".into(),
        source: IdentitySource::Registry,
        expires_at: None,
    };
    let mut group = c.benchmark_group("authorize");
    for (name, action) in [
        (
            "publish-allowed",
            Action::Publish("telemetry/device-507/temp/1"),
        ),
        (
            "publish-denied",
            Action::Publish("devices/device-1/reported"),
        ),
        (
            "subscribe-allowed",
            Action::Subscribe("devices/device-507/desired"),
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| black_box(access.authorize(&identity, action)).is_ok())
        });
    }
    group.finish();
}

criterion_group!(benches, authorize);
criterion_main!(benches);
