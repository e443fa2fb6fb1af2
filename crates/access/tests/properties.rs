//! Properties over a small alphabet, checked against every topic of up to a
//! few levels: coverage is sound, and authorization never grants more than
//! the reachable templates match.

use proptest::prelude::*;
use tern_access::{
    filter_covers, Action, AttributeValue, Limits, Namespace, NamespaceSpec, Permission,
    PermissionBinding, Principal, Template, TopicSpace,
};
use tern_topic::filter_matches;

/// Every topic of 1..=max_levels levels over `alphabet`.
fn all_topics(alphabet: &[&str], max_levels: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut layer: Vec<String> = alphabet.iter().map(|s| (*s).to_owned()).collect();
    for _ in 1..max_levels {
        out.extend(layer.iter().cloned());
        layer = layer
            .iter()
            .flat_map(|t| alphabet.iter().map(move |l| format!("{t}/{l}")))
            .collect();
    }
    out.extend(layer);
    out
}

/// Levels of the topics authorization is checked against (templates expand to `x1`, `xa` ...).
const TOPIC_LEVELS: &[&str] = &["a", "b", "", "$a", "xa", "x1", "xb"];

/// Levels of the topics coverage is checked against: enough to tell `+`, `#`,
/// literals, empty levels and `$` apart.
const COVER_LEVELS: &[&str] = &["a", "b", "", "$a"];

/// A valid topic filter: 0..=3 levels of literals and `+`, then maybe `#`.
fn filter() -> impl Strategy<Value = String> {
    let level = prop_oneof![
        Just("a"),
        Just("b"),
        Just(""),
        Just("$a"),
        Just("+"),
        Just("xa")
    ];
    (prop::collection::vec(level, 0..=3), any::<bool>()).prop_map(|(levels, hash)| {
        let mut levels: Vec<&str> = levels;
        if hash || levels.is_empty() {
            levels.push("#");
        }
        levels.join("/")
    })
}

/// A generalisation of `filter` that must cover it: some levels become `+`
/// and maybe the tail becomes `#`, never touching a first-level `$` literal.
fn generalise(filter: &str, plus_mask: u8, cut: Option<usize>) -> String {
    let levels: Vec<&str> = filter.split('/').collect();
    let mut out: Vec<&str> = Vec::new();
    for (i, level) in levels.iter().enumerate() {
        let dollar_first = i == 0 && level.starts_with('$');
        if cut == Some(i) && !dollar_first {
            out.push("#");
            return out.join("/");
        }
        if plus_mask & (1 << i) != 0 && *level != "#" && !dollar_first {
            out.push("+");
        } else {
            out.push(level);
        }
    }
    if cut.is_some_and(|c| c >= levels.len()) && levels.last() != Some(&"#") {
        out.push("#");
    }
    out.join("/")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn coverage_is_sound(covering in filter(), f in filter()) {
        if filter_covers(&covering, &f) {
            for topic in all_topics(COVER_LEVELS, 5) {
                prop_assert!(
                    !filter_matches(&f, &topic) || filter_matches(&covering, &topic),
                    "{covering} covers {f} but {topic} matches only {f}"
                );
            }
        }
    }

    #[test]
    fn generalisations_cover(f in filter(), mask in any::<u8>(), cut in prop::option::of(0usize..5)) {
        let covering = generalise(&f, mask, cut);
        prop_assert!(filter_covers(&covering, &f), "{covering} should cover {f}");
        for topic in all_topics(COVER_LEVELS, 5) {
            prop_assert!(!filter_matches(&f, &topic) || filter_matches(&covering, &topic));
        }
    }
}

/// A template over the alphabet: literals, `+`, variables inside segments, maybe `#`.
fn template() -> impl Strategy<Value = String> {
    let level = prop_oneof![
        Just("a"),
        Just("b"),
        Just(""),
        Just("+"),
        Just("$a"),
        Just("${client.authenticationName}"),
        Just("x${client.attributes.k}"),
        Just("${client.attributes.k}"),
    ];
    (prop::collection::vec(level, 1..=3), any::<bool>()).prop_map(|(levels, hash)| {
        let mut levels: Vec<&str> = levels;
        if hash {
            levels.push("#");
        }
        levels.join("/")
    })
}

fn attribute() -> impl Strategy<Value = Option<AttributeValue>> {
    prop_oneof![
        Just(None),
        Just(Some(AttributeValue::String("a".into()))),
        Just(Some(AttributeValue::String("b".into()))),
        Just(Some(AttributeValue::String("a/b".into()))),
        Just(Some(AttributeValue::String("$a".into()))),
        Just(Some(AttributeValue::Int(1))),
        Just(Some(AttributeValue::Strings(vec!["a".into()]))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn authorization_never_exceeds_the_templates(
        templates in prop::collection::vec(template(), 1..=4),
        name in prop_oneof![Just("a"), Just("b"), Just("xa")],
        k in attribute(),
        filters in prop::collection::vec(filter(), 1..=8),
    ) {
        let valid: Vec<String> = templates
            .into_iter()
            .filter(|t| Template::parse(t).is_ok())
            .fold(Vec::new(), |mut acc, t| {
                if !acc.contains(&t) {
                    acc.push(t);
                }
                acc
            });
        prop_assume!(!valid.is_empty());
        let spec = NamespaceSpec {
            topic_spaces: vec![TopicSpace {
                name: "space".into(),
                description: None,
                topic_templates: valid.clone(),
            }],
            permission_bindings: [Permission::Publisher, Permission::Subscriber]
                .into_iter()
                .map(|permission| PermissionBinding {
                    name: format!("{permission:?}"),
                    description: None,
                    client_group_name: "$all".into(),
                    topic_space_name: "space".into(),
                    permission,
                })
                .collect(),
            ..NamespaceSpec::default()
        };
        let ns = Namespace::from_spec(spec, Limits::default()).unwrap();
        let mut principal = Principal {
            authentication_name: name.to_owned(),
            ..Principal::default()
        };
        if let Some(v) = k {
            principal.attributes.insert("k".into(), v);
        }
        let expanded: Vec<String> = valid
            .iter()
            .filter_map(|t| Template::parse(t).unwrap().expand(&principal).ok())
            .collect();
        // The empty string is not a topic name [MQTT-4.7.3-1].
        let topics: Vec<String> = all_topics(TOPIC_LEVELS, 4)
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
        // PUBLISH is allowed exactly when some expanded template matches.
        for topic in &topics {
            let want = expanded.iter().any(|e| filter_matches(e, topic));
            let decision = ns.authorize(&principal, Action::Publish(topic));
            prop_assert_eq!(decision.is_allowed(), want, "{} -> {}", topic, decision);
        }
        // SUBSCRIBE never allows a filter matching a topic no template matches.
        for f in &filters {
            let decision = ns.authorize(&principal, Action::Subscribe(f));
            if decision.is_allowed() {
                for topic in &topics {
                    prop_assert!(
                        !filter_matches(f, topic) || expanded.iter().any(|e| filter_matches(e, topic)),
                        "{} allowed ({}) but {} is outside {:?}", f, decision, topic, expanded
                    );
                }
            }
            // Each expanded template, as a filter, is itself allowed.
        }
        for e in &expanded {
            let decision = ns.authorize(&principal, Action::Subscribe(e));
            prop_assert!(decision.is_allowed(), "{} -> {}", e, decision);
        }
    }
}
