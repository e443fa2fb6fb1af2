//! The routing tests' broker: access mode, a device that may publish under
//! `devices/`, the admin API, and the calls the tests make of them.

use crate::common::*;
use serde_json::Value;
use tern::admin::client::{AdminClient, ClientError, Method};

pub(super) const TOKEN: &str = "routing-admin-token";
pub(super) const PASSWORD: &str = "pa55word";

/// A broker in access mode: client `dev1` (attribute room = r1) may publish
/// under `devices/`; the admin API is on.
pub(super) async fn start_broker(
    tweak: impl FnOnce(&mut tern::Config),
) -> (tern::Broker, AdminClient, tempfile::TempDir) {
    start_with_namespace("", tweak).await
}

/// Like [`start_broker`], with `more` appended to the namespace file.
pub(super) async fn start_with_namespace(
    more: &str,
    tweak: impl FnOnce(&mut tern::Config),
) -> (tern::Broker, AdminClient, tempfile::TempDir) {
    let hash = tern::access::password::hash_password(PASSWORD).unwrap();
    let namespace = format!(
        r#"
[[clients]]
name = "dev1"
passwordHash = "{hash}"
attributes = {{ room = "r1" }}

[[topicSpaces]]
name = "devices"
topicTemplates = ["devices/#"]

[[permissionBindings]]
name = "devicesPublish"
clientGroupName = "$all"
topicSpaceName = "devices"
permission = "Publisher"
{more}"#
    );
    let (broker, dir) = start_with_namespace_file(&namespace, |c| {
        c.admin.token = Some(TOKEN.into());
        tweak(c);
    })
    .await;
    let admin = AdminClient {
        url: format!("http://{}", broker.http_addr()),
        token: Some(TOKEN.into()),
    };
    (broker, admin, dir)
}

pub(super) async fn put_route(admin: &AdminClient, route: Value) -> Result<Value, ClientError> {
    let name = route["name"].as_str().unwrap().to_owned();
    admin
        .call(Method::PUT, &format!("/api/v1/routes/{name}"), Some(&route))
        .await
}

pub(super) async fn device(broker: &tern::Broker) -> Raw {
    let login = Connect::v5("dev1-session").credentials("dev1", PASSWORD);
    Raw::connected(broker.mqtt_addr(), &login).await.0
}

/// Publishes at QoS 1 and waits for the PUBACK (by then the message was offered to the routes).
pub(super) async fn publish_acked(
    client: &mut Raw,
    topic: &str,
    payload: &[u8],
    id: u16,
    props: &[u8],
) {
    client
        .send(&publish(true, topic, payload, 1, false, id, props))
        .await;
    let ack = client.expect(kind::PUBACK).await;
    assert_eq!(ack.ack().0, id);
}

/// The dead letters of `route` once there are `n` (polled, at most [`WAIT`]).
pub(super) async fn dead_letters(admin: &AdminClient, route: &str, n: usize) -> Vec<Value> {
    let path = format!("/api/v1/routes/{route}/deadLetters");
    let value = poll(&format!("{n} dead letters of {route}"), || async {
        let listed = admin.call(Method::GET, &path, None).await.unwrap();
        let value = listed["value"].as_array().cloned().unwrap_or_default();
        (value.len() >= n).then_some(value)
    })
    .await;
    assert_eq!(value.len(), n, "dead letters of {route}: {value:?}");
    value
}
