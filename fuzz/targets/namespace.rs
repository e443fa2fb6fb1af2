//! Fuzz target `namespace`: bytes → the namespace file and the REST admin
//! API's request bodies.
//!
//! Input: one mode byte, then:
//! - even mode: a namespace file (lossy UTF-8 TOML), applied the way
//!   `tern run` applies `access.namespace_file` (`toml` → `NamespaceSpec` →
//!   `tern::admin::apply_spec` over an empty namespace) and the way the store's
//!   snapshot is loaded (`Namespace::from_spec`);
//! - odd mode: REST requests separated by `~~next~~`, each `METHOD path`,
//!   a newline, then the body; each is sent with the bearer token over HTTP/1.1
//!   (hyper, over `tokio::io::duplex`) to the real admin API
//!   (`tern::admin::api::handle`) of a namespace that starts as the fixed one
//!   of the `connection` target. A non-empty `password` in a body is replaced
//!   by `null` first: hashing it with argon2's default settings costs tens of
//!   milliseconds, which would stall the fuzzer, and the hash is opaque to the
//!   model anyway.
//!
//! Checks, besides "no panic": a namespace survives its own snapshot
//! (`from_spec(ns.spec())` succeeds and gives the same spec); the API never
//! answers 5xx; a refused request (not 2xx) leaves the namespace untouched;
//! authorization of every client for a few topics does not panic. Routes may
//! be created (they are validated like the rest), but never deliver: the
//! broker state of the REST mode is shut down from the start.

use crate::connection::{fixture, split, SEPARATOR};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use tern::access::NamespaceAccess;
use tern::admin::Admin;
use tern::state::BrokerState;
use tern_access::{Action, Limits, Namespace, NamespaceSpec};

/// The admin API's bearer token in this target.
const TOKEN: &str = "fuzz-token";
/// At most this many requests per input.
const MAX_REQUESTS: usize = 16;

/// The fuzz target.
pub fn run(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 0 {
        namespace_file(rest);
    } else {
        rest_requests(rest);
    }
}

fn namespace_file(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let Ok(spec) = toml::from_str::<NamespaceSpec>(&text) else {
        return;
    };
    let mut namespace = Namespace::new(Limits::default());
    let applied = tern::admin::apply_spec(&mut namespace, spec.clone());
    check_invariants(&namespace);
    if applied.is_ok() {
        exercise(&namespace);
    }
    if let Ok(loaded) = Namespace::from_spec(spec, Limits::default()) {
        check_invariants(&loaded);
        exercise(&loaded);
    }
}

/// A namespace's snapshot loads back to the same namespace.
fn check_invariants(namespace: &Namespace) {
    let spec = namespace.spec();
    let loaded = Namespace::from_spec(spec.clone(), namespace.limits().clone())
        .unwrap_or_else(|e| panic!("the snapshot of a namespace does not load: {e}\n{spec:#?}"));
    assert_eq!(loaded.spec(), spec, "a snapshot loads to another namespace");
}

/// Authorizes every client for topics made from the templates (no panics).
fn exercise(namespace: &Namespace) {
    let templates: Vec<String> = namespace
        .topic_spaces()
        .flat_map(|s| s.topic_templates.iter().cloned())
        .collect();
    for client in namespace.clients().take(8) {
        let principal = client.principal();
        let _ = namespace.groups_of(&principal);
        for template in templates.iter().take(8) {
            let topic = template
                .replace(
                    "${client.authenticationName}",
                    &principal.authentication_name,
                )
                .replace(['+', '#'], "x");
            let _ = namespace.authorize(&principal, Action::Publish(&topic));
            let _ = namespace.authorize(&principal, Action::Subscribe(template));
            let _ = namespace.authorize(&principal, Action::Subscribe(&topic));
        }
    }
}

fn rest_requests(bytes: &[u8]) {
    let fixture = fixture();
    let access = Arc::new(
        NamespaceAccess::new(&fixture.config.access, fixture.namespace.clone())
            .expect("access setup"),
    );
    let state = BrokerState::new(fixture.config.clone(), access.clone());
    // Routes the requests create must never deliver anywhere (a fuzzed
    // endpointUrl may name any host): with the state shut down, their
    // delivery tasks end before they try anything.
    state.shutdown.cancel();
    let admin = Arc::new(Admin::new(access, state, None, Some(TOKEN.into())));
    let requests = split(bytes, SEPARATOR, MAX_REQUESTS);
    crate::connection::runtime().block_on(async {
        let (client_io, server_io) = tokio::io::duplex(64 * 1024);
        let server_admin = admin.clone();
        let service = hyper::service::service_fn(move |req| {
            let admin = server_admin.clone();
            async move {
                Ok::<_, std::convert::Infallible>(tern::admin::api::handle(&admin, req).await)
            }
        });
        let server = hyper::server::conn::http1::Builder::new()
            .serve_connection(TokioIo::new(server_io), service);
        let client = async {
            let Ok((mut sender, conn)) =
                hyper::client::conn::http1::handshake(TokioIo::new(client_io)).await
            else {
                return;
            };
            let requests = async {
                for raw in requests {
                    let Some(request) = request(raw) else {
                        continue;
                    };
                    let before = admin.namespace();
                    if sender.ready().await.is_err() {
                        return;
                    }
                    let Ok(response) = sender.send_request(request).await else {
                        return;
                    };
                    let status = response.status();
                    let body = response.into_body().collect().await;
                    assert!(
                        !status.is_server_error(),
                        "the admin API answered {status} to {:?}: {:?}",
                        String::from_utf8_lossy(raw),
                        body.map(|b| b.to_bytes())
                    );
                    let after = admin.namespace();
                    if !status.is_success() {
                        assert!(
                            Arc::ptr_eq(&before, &after),
                            "a refused request ({status}) changed the namespace: {:?}",
                            String::from_utf8_lossy(raw)
                        );
                    }
                    check_invariants(&after);
                }
            };
            tokio::select! {
                _ = requests => {}
                _ = conn => {}
            }
        };
        let _ = tokio::time::timeout(
            std::time::Duration::from_secs(60),
            futures_util::future::join(server, client),
        )
        .await;
    });
    exercise(&admin.namespace());
}

/// `METHOD path\nbody` → an authorized request (None when hyper cannot build it).
fn request(raw: &[u8]) -> Option<hyper::Request<Full<Bytes>>> {
    let line_end = raw.iter().position(|&b| b == b'\n').unwrap_or(raw.len());
    let line = std::str::from_utf8(&raw[..line_end]).ok()?;
    let (method, path) = line.split_once(' ').unwrap_or((line, "/api/v1/clients"));
    let body = raw.get(line_end + 1..).unwrap_or_default();
    let body = without_password(body);
    hyper::Request::builder()
        .method(method)
        .uri(path)
        .header(hyper::header::HOST, "tern.local")
        .header(hyper::header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .header(hyper::header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(body)))
        .ok()
}

/// The body with a non-empty string `password` replaced by `null` (see the module docs).
fn without_password(body: &[u8]) -> Vec<u8> {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(mut object))
            if object
                .get("password")
                .and_then(|p| p.as_str())
                .is_some_and(|p| !p.is_empty()) =>
        {
            object.insert("password".into(), serde_json::Value::Null);
            serde_json::to_vec(&object).unwrap_or_default()
        }
        _ => body.to_vec(),
    }
}
