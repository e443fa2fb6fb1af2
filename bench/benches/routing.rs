//! Topic matching on the publish hot path: `tern::router::Router::route` (the
//! broker's `tern_topic::SubscriptionTrie` plus per-session merging) with 10,000
//! and 100,000 subscriptions.
//!
//! The subscription mix resembles a device fleet: per device an exact filter
//! (`devices/{i}/desired`), one in ten a single-level wildcard
//! (`devices/{i}/+`), one in a hundred a multi-level wildcard over a site
//! (`sites/{(i / 100) % 10}/#`). Topics routed: one matching an exact and a `+` filter,
//! one matching a site's `#` filters, and one matching nothing.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::sync::Arc;
use tern::message::Message;
use tern::router::{Router, Subscriber, SubscriberKey};
use tern::session::{SessionCell, SubOptions};
use tern_protocol::mqtt::packet::{v5_0, Qos, RetainHandling};
use tokio::time::Instant;

fn router(subscriptions: usize) -> Router {
    let router = Router::default();
    let options = SubOptions {
        qos: Qos::AtLeastOnce,
        no_local: false,
        retain_as_published: false,
        retain_handling: RetainHandling::SendRetained,
        subscription_id: None,
    };
    let mut added = 0;
    let mut i = 0;
    while added < subscriptions {
        let client_id: Arc<str> = Arc::from(format!("device-{i}"));
        let session = SessionCell::new(client_id.clone(), tern::version::Version::V5, 0);
        let mut filters = vec![format!("devices/{i}/desired")];
        if i % 10 == 0 {
            filters.push(format!("devices/{i}/+"));
        }
        if i % 100 == 0 {
            filters.push(format!("sites/{}/#", (i / 100) % 10));
        }
        for filter in filters.into_iter().take(subscriptions - added) {
            let key = SubscriberKey {
                session: session.id,
                share_group: None,
            };
            let subscriber = Subscriber {
                session: session.clone(),
                options: options.clone(),
            };
            router.subscribe(&filter, key, subscriber);
            added += 1;
        }
        i += 1;
    }
    router
}

fn message(topic: &str) -> Arc<Message> {
    let publish = v5_0::Publish::builder()
        .topic_name(topic)
        .expect("valid topic")
        .payload(vec![0u8; 64])
        .build()
        .expect("valid PUBLISH");
    Arc::new(Message::from_v5(
        &publish,
        &Arc::from("publisher"),
        Instant::now(),
    ))
}

fn route(c: &mut Criterion) {
    let mut group = c.benchmark_group("route");
    group.throughput(Throughput::Elements(1));
    for n in [10_000, 100_000] {
        let router = router(n);
        for (name, topic) in [
            ("exact+plus", "devices/500/desired"),
            ("site-hash", "sites/0/a/b"),
            ("no-match", "other/thing/here"),
        ] {
            let m = message(topic);
            group.bench_with_input(BenchmarkId::new(name, n), &m, |b, m| {
                b.iter(|| black_box(router.route(m)).len())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, route);
criterion_main!(benches);
