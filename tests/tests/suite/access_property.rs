//! A property over random namespaces: no client ever receives a message on a
//! topic its bindings do not allow it to subscribe to — even when its rights
//! shrink while messages wait in its session — and every client gets exactly
//! the messages its granted subscriptions match and its rights still allow.
//!
//! Each case is a random namespace (clients with attributes, groups defined
//! by queries, topic spaces of templates with variables, bindings) loaded
//! into a real broker. Every client subscribes to a fixed list of filters
//! over TCP in a persistent session and goes offline; a publisher sends one
//! QoS 1 message to each of a fixed list of topics, which wait in the
//! sessions; an administrator then gives every client new random attributes
//! through the REST API (changing its groups and its template variables);
//! the clients come back, and what each received is compared with the access
//! model's own answer under the new attributes
//! (`tern_access::Namespace::authorize`). A last message to each client's
//! own `end/{name}` topic closes its stream, so no case waits on a timer.
//! The runner's seed is fixed: the cases are the same in every run.

use crate::common;

use common::*;
use proptest::prelude::{any, Strategy};
use proptest::test_runner::TestCaseError;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::collections::BTreeSet;
use std::sync::LazyLock;
use tern_access::{Action, Limits, Namespace, NamespaceSpec};

const PASSWORD: &str = "pa55word";
static HASH: LazyLock<String> =
    LazyLock::new(|| tern::access::password::hash_password(PASSWORD).unwrap());

const CLIENTS: usize = 3;
const QUERIES: &[&str] = &[
    "attributes.room = 'r1'",
    "attributes.role = 'b'",
    "attributes.room = 'r2' or attributes.role = 'a'",
    "authenticationName IN ['c0', 'c1']",
];
const TEMPLATES: &[&str] = &[
    "t/${client.authenticationName}/#",
    "t/+/x",
    "t/${client.attributes.room}/+",
    "t/r1/#",
    "u/#",
    "t/c0/${client.attributes.role}",
    "t/${client.authenticationName}/${client.attributes.role}",
];
const FILTERS: &[&str] = &[
    "#", "t/#", "t/+/x", "u/#", "t/c0/+", "t/r1/y", "t/+/+", "t/c1/#",
];
const TOPICS: &[&str] = &[
    "t/c0/x", "t/c1/x", "t/c2/x", "t/r1/x", "t/r1/y", "t/r2/a", "t/c0/a", "t/c0/b", "t/c1/b",
    "u/v", "u/v/w",
];

/// One random namespace, as the indices it was made of.
#[derive(Debug, Clone)]
struct Case {
    /// (room, role) of each client.
    attributes: Vec<(u8, u8)>,
    /// (room, role) of each client after the administrator's change.
    later: Vec<(u8, u8)>,
    /// Query index of each group.
    groups: Vec<usize>,
    /// Template indices of each topic space.
    spaces: Vec<Vec<usize>>,
    /// (group: None = $all, space, Subscriber?) of each binding.
    bindings: Vec<(Option<usize>, usize, bool)>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        proptest::collection::vec((0u8..2, 0u8..2), CLIENTS),
        proptest::collection::vec((0u8..2, 0u8..2), CLIENTS),
        proptest::collection::vec(0..QUERIES.len(), 0..=3),
        proptest::collection::vec(proptest::collection::vec(0..TEMPLATES.len(), 1..=3), 1..=3),
        proptest::collection::vec((any::<Option<u8>>(), any::<u8>(), any::<bool>()), 1..=6),
    )
        .prop_map(|(attributes, later, groups, spaces, raw)| {
            let bindings = raw
                .into_iter()
                .map(|(g, s, sub)| {
                    let group = g
                        .filter(|_| !groups.is_empty())
                        .map(|g| usize::from(g) % groups.len());
                    (group, usize::from(s) % spaces.len(), sub)
                })
                .collect();
            Case {
                attributes,
                later,
                groups,
                spaces,
                bindings,
            }
        })
}

/// The namespace file of a case, with the fixed parts every case has: a
/// publisher allowed everything, and each client's own `end/{name}` topic.
fn namespace_toml(case: &Case, attributes: &[(u8, u8)]) -> String {
    let hash = &*HASH;
    let mut out = String::new();
    for (i, (room, role)) in attributes.iter().enumerate() {
        let (room, role) = attribute_values(*room, *role);
        out += &format!("[[clients]]\nname = \"c{i}\"\npasswordHash = \"{hash}\"\n[clients.attributes]\nroom = \"{room}\"\nrole = \"{role}\"\n\n");
    }
    out += &format!("[[clients]]\nname = \"pub\"\npasswordHash = \"{hash}\"\n\n");
    out += "[[clientGroups]]\nname = \"publishers\"\nquery = \"authenticationName = 'pub'\"\n\n";
    for (i, q) in case.groups.iter().enumerate() {
        out += &format!(
            "[[clientGroups]]\nname = \"group{i}\"\nquery = \"{}\"\n\n",
            QUERIES[*q]
        );
    }
    out += "[[topicSpaces]]\nname = \"everything\"\ntopicTemplates = [\"#\"]\n\n";
    out += "[[topicSpaces]]\nname = \"ends\"\ntopicTemplates = [\"end/${client.authenticationName}\"]\n\n";
    for (i, templates) in case.spaces.iter().enumerate() {
        let unique: BTreeSet<&str> = templates.iter().map(|t| TEMPLATES[*t]).collect();
        let list: Vec<String> = unique.iter().map(|t| format!("\"{t}\"")).collect();
        out += &format!(
            "[[topicSpaces]]\nname = \"space{i}\"\ntopicTemplates = [{}]\n\n",
            list.join(", ")
        );
    }
    let fixed = [
        ("publishAll", "publishers", "everything", "Publisher"),
        ("ownEnd", "$all", "ends", "Subscriber"),
    ];
    for (name, group, space, permission) in fixed {
        out += &format!("[[permissionBindings]]\nname = \"{name}\"\nclientGroupName = \"{group}\"\ntopicSpaceName = \"{space}\"\npermission = \"{permission}\"\n\n");
    }
    for (i, (group, space, subscriber)) in case.bindings.iter().enumerate() {
        let group = group.map_or("$all".to_owned(), |g| format!("group{g}"));
        let permission = if *subscriber {
            "Subscriber"
        } else {
            "Publisher"
        };
        out += &format!("[[permissionBindings]]\nname = \"bind{i}\"\nclientGroupName = \"{group}\"\ntopicSpaceName = \"space{space}\"\npermission = \"{permission}\"\n\n");
    }
    out
}

fn attribute_values(room: u8, role: u8) -> (&'static str, &'static str) {
    (
        ["r1", "r2"][usize::from(room)],
        ["a", "b"][usize::from(role)],
    )
}

/// A persistent session's CONNECT.
fn login(name: &str) -> Connect {
    Connect::v5(name)
        .clean(false)
        .props(prop::session_expiry(600))
        .credentials(name, PASSWORD)
}

const ADMIN_TOKEN: &str = "property-admin-token";

/// Runs one case against a real broker; returns how many messages were
/// delivered (beyond the end markers), so the caller can see the property
/// was not met vacuously.
async fn run(case: &Case) -> Result<usize, String> {
    let text = namespace_toml(case, &case.attributes);
    // The broker loads `text` itself; parsing it here reports a bad case clearly.
    toml::from_str::<NamespaceSpec>(&text).map_err(|e| e.to_string())?;
    let later: NamespaceSpec =
        toml::from_str(&namespace_toml(case, &case.later)).map_err(|e| e.to_string())?;
    let oracle =
        Namespace::from_spec(later.clone(), Limits::default()).map_err(|e| e.to_string())?;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("namespace.toml");
    std::fs::write(&file, &text).unwrap();
    let broker = start_with(|c| {
        c.open = false;
        c.access.namespace_file = Some(file);
        c.admin.token = Some(ADMIN_TOKEN.into());
    })
    .await;
    let addr = broker.mqtt_addr();

    // Every client subscribes in a persistent session, then goes offline.
    let mut granted_by_client = Vec::new();
    for i in 0..CLIENTS {
        let name = format!("c{i}");
        let (mut raw, _) = Raw::connected(addr, &login(&name)).await;
        let end = format!("end/{name}");
        let mut entries: Vec<(&str, u8)> = FILTERS.iter().map(|f| (*f, 1)).collect();
        entries.push((&end, 1));
        let codes = raw.subscribe(1, &entries).await;
        let granted: Vec<String> = entries
            .iter()
            .zip(&codes)
            .filter(|(_, code)| **code < 0x80)
            .map(|((f, _), _)| f.to_string())
            .collect();
        if !granted.contains(&end) {
            return Err(format!("{name}: its end topic was refused: {codes:?}"));
        }
        raw.send(&[0xE0, 0x00]).await;
        raw.expect_closed().await;
        granted_by_client.push(granted);
    }

    // Messages wait in the offline sessions.
    let (mut publisher, _) = Raw::connected(addr, &login("pub")).await;
    let mut next_id = 0u16;
    let mut send = |topic: String| {
        next_id += 1;
        (
            next_id,
            publish(true, &topic, &topic, 1, false, next_id, &[]),
        )
    };
    for topic in TOPICS {
        let (id, bytes) = send(topic.to_string());
        publisher.send(&bytes).await;
        assert_eq!(publisher.expect(kind::PUBACK).await.ack(), (id, 0));
    }

    // Their rights change while they are away.
    let admin = tern::admin::client::AdminClient {
        url: format!("http://{}", broker.http_addr()),
        token: Some(ADMIN_TOKEN.into()),
    };
    for (i, (room, role)) in case.later.iter().enumerate() {
        let (room, role) = attribute_values(*room, *role);
        let body = serde_json::json!({"name": format!("c{i}"), "attributes": {"room": room, "role": role}});
        admin
            .call(
                tern::admin::client::Method::PUT,
                &format!("/api/v1/clients/c{i}"),
                Some(&body),
            )
            .await
            .map_err(|e| format!("PUT c{i}: {e}"))?;
    }

    let mut delivered = 0;
    for (i, granted) in granted_by_client.iter().enumerate() {
        let name = format!("c{i}");
        let end = format!("end/{name}");
        let (mut raw, connack) = Raw::connected(addr, &login(&name)).await;
        if !connack.session_present {
            return Err(format!("{name}: session lost"));
        }
        let (id, bytes) = send(end.clone());
        publisher.send(&bytes).await;
        assert_eq!(publisher.expect(kind::PUBACK).await.ack(), (id, 0));
        let principal = later.clients[i].principal();
        let allowed = |t: &str| {
            oracle
                .authorize(&principal, Action::Subscribe(t))
                .is_allowed()
        };
        let expected: BTreeSet<String> = TOPICS
            .iter()
            .filter(|t| granted.iter().any(|f| tern_topic::filter_matches(f, t)))
            .filter(|t| allowed(t))
            .map(|t| t.to_string())
            .chain(std::iter::once(end.clone()))
            .collect();
        let mut received = BTreeSet::new();
        loop {
            let message = raw.recv_publish_ack().await;
            if !allowed(&message.topic) {
                return Err(format!(
                    "{name} received {} it may not subscribe to",
                    message.topic
                ));
            }
            let done = message.topic == end;
            if !received.insert(message.topic) {
                return Err(format!("{name} received a topic twice"));
            }
            if done {
                break;
            }
        }
        if received != expected {
            return Err(format!(
                "{name}: received {received:?}, expected {expected:?}"
            ));
        }
        delivered += received.len() - 1;
    }
    broker.shutdown().await;
    Ok(delivered)
}

#[test]
fn no_client_receives_what_its_bindings_do_not_allow() {
    let config = Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let delivered = std::cell::Cell::new(0);
    let result = runner.run(&case(), |case| {
        let n = runtime.block_on(run(&case)).map_err(TestCaseError::fail)?;
        delivered.set(delivered.get() + n);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!("{} messages delivered in all", delivered.get());
    assert!(
        delivered.get() > 0,
        "the cases delivered something: the property is not vacuous"
    );
}
