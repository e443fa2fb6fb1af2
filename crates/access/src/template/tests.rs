use super::*;
use crate::resources::Attributes;
use tern_topic::filter_matches;

fn principal(name: &str, attrs: &[(&str, AttributeValue)]) -> Principal {
    let attributes: Attributes = attrs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    Principal {
        authentication_name: name.to_owned(),
        attributes,
    }
}

fn t(text: &str) -> Template {
    Template::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn rule(text: &str) -> String {
    match Template::parse(text) {
        Ok(parsed) => panic!("{text:?} parsed as {parsed:?}"),
        Err(TemplateError::Invalid { template, rule }) => {
            assert_eq!(template, text);
            rule
        }
    }
}

#[test]
fn valid_templates() {
    for ok in [
        "devices/+/desired",
        "devices/${client.authenticationName}/desired",
        "clients/${client.authenticationName}/status",
        "dev-${client.authenticationName}/x",
        "${client.authenticationName}",
        "${client.authenticationName}/#",
        "a/${client.attributes.floor}-${client.attributes.room}/b",
        "#",
        "+",
        "a//b",
        "a/$b",
        "a/}",
    ] {
        let parsed = t(ok);
        assert_eq!(parsed.as_str(), ok);
    }
    assert!(!t("devices/+/desired").has_variables());
    assert!(t("x/${client.authenticationName}").has_variables());
}

#[test]
fn invalid_templates_name_the_rule() {
    assert!(rule("$SYS/x").contains("reserved"));
    assert!(rule("$share/g/x").contains("reserved"));
    assert!(rule("$eventsx/y").contains("reserved"));
    assert!(Template::parse("$events/clients/${client.authenticationName}/#").is_ok());
    assert!(Template::parse("$events/clients/+/connected").is_ok());
    assert!(rule("a/${client.authenticationName").contains("unterminated '${'"));
    assert!(rule("a/${client.attributes.x/y}").contains("spans segments"));
    assert!(rule("a/${client.name}").contains("unknown variable '${client.name}'"));
    assert!(rule("a/${authenticationName}").contains("unknown variable"));
    assert!(rule("a/${client.attributes.}").contains("attribute key"));
    assert!(rule("a/${client.attributes.a-b}").contains("attribute key"));
    assert!(rule("").contains("[MQTT-4.7.3-1]"));
    assert!(rule("a/#/b").contains("[MQTT-4.7.1-2]"));
    assert!(rule("a#").contains("[MQTT-4.7.1-2]"));
    assert!(rule("a/+b").contains("[MQTT-4.7.1-3]"));
    assert!(rule("+${client.authenticationName}").contains("[MQTT-4.7.1-3]"));
    assert!(rule("${client.authenticationName}#").contains("[MQTT-4.7.1-2]"));
    assert!(rule("a/\0").contains("[MQTT-4.7.3-2]"));
}

#[test]
fn expansion() {
    let p = principal(
        "dev1",
        &[
            ("floor", AttributeValue::Int(-12)),
            ("room", AttributeValue::String("r2".into())),
        ],
    );
    let cases = [
        (
            "devices/${client.authenticationName}/desired",
            "devices/dev1/desired",
        ),
        ("dev-${client.authenticationName}", "dev-dev1"),
        (
            "f/${client.attributes.floor}-${client.attributes.room}/+",
            "f/-12-r2/+",
        ),
        ("${client.authenticationName}/#", "dev1/#"),
        ("plain/+/#", "plain/+/#"),
    ];
    for (template, want) in cases {
        assert_eq!(t(template).expand(&p).as_deref(), Ok(want), "{template}");
    }
    let max = principal("x", &[("n", AttributeValue::Int(i64::MIN))]);
    assert_eq!(
        t("${client.attributes.n}").expand(&max).as_deref(),
        Ok("-9223372036854775808")
    );
    let zero = principal("x", &[("n", AttributeValue::Int(0))]);
    assert_eq!(
        t("a/${client.attributes.n}").expand(&zero).as_deref(),
        Ok("a/0")
    );
}

#[test]
fn unusable_values_do_not_expand() {
    let p = principal(
        "dev1",
        &[
            ("arr", AttributeValue::Strings(vec!["a".into()])),
            ("empty", AttributeValue::String(String::new())),
            ("slash", AttributeValue::String("a/b".into())),
            ("plus", AttributeValue::String("a+".into())),
            ("hash", AttributeValue::String("#".into())),
            ("nul", AttributeValue::String("a\0".into())),
            ("dollar", AttributeValue::String("$x".into())),
        ],
    );
    assert_eq!(
        t("a/${client.attributes.nope}").expand(&p),
        Err(ExpandError::MissingAttribute("nope".into()))
    );
    for key in ["arr", "empty", "slash", "plus", "hash", "nul"] {
        let template = t(&format!("a/${{client.attributes.{key}}}"));
        match template.expand(&p) {
            Err(ExpandError::UnusableValue { key: k, .. }) => {
                assert_eq!(k, format!("client.attributes.{key}"))
            }
            other => panic!("{key}: {other:?}"),
        }
        assert!(template.matches_topic(&p, "a/x").is_err(), "{key}");
    }
    // `$` is only refused where it would begin the topic.
    assert_eq!(
        t("a/${client.attributes.dollar}").expand(&p).as_deref(),
        Ok("a/$x")
    );
    assert!(matches!(
        t("${client.attributes.dollar}/a").expand(&p),
        Err(ExpandError::UnusableValue { .. })
    ));
    let e = t("${client.authenticationName}")
        .expand(&principal("a/b", &[]))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "${client.authenticationName} of this client cannot be used in a topic: the value contains '/', which cannot stand in a topic segment"
    );
}

#[test]
fn matching_topics_agrees_with_expansion() {
    let p = principal("dev1", &[("floor", AttributeValue::Int(3))]);
    let templates = [
        "devices/${client.authenticationName}/desired",
        "dev-${client.authenticationName}/+",
        "${client.authenticationName}/#",
        "f/${client.attributes.floor}/#",
        "a/+/c",
        "#",
        "+",
    ];
    let topics = [
        "devices/dev1/desired",
        "devices/dev2/desired",
        "devices/dev1/desired/x",
        "devices/dev1",
        "dev-dev1/x",
        "dev-dev1",
        "dev-dev1x/y",
        "xdev-dev1/y",
        "dev1",
        "dev1/a/b",
        "f/3",
        "f/3/a",
        "f/33/a",
        "a/b/c",
        "a//c",
        "$SYS/x",
        "x",
        "/",
    ];
    let mut matched = 0;
    for template in templates {
        let parsed = t(template);
        let expanded = parsed.expand(&p).unwrap();
        for topic in topics {
            let want = filter_matches(&expanded, topic);
            matched += usize::from(want);
            assert_eq!(
                parsed.matches_topic(&p, topic),
                Ok(want),
                "{template} vs {topic}"
            );
        }
    }
    assert!(matched > 10, "the cases exercise matches too");
}

#[test]
fn coverage() {
    let yes = [
        ("a/b", "a/b"),
        ("a/+", "a/b"),
        ("a/+", "a/+"),
        ("a/#", "a"),
        ("a/#", "a/b"),
        ("a/#", "a/+/c"),
        ("a/#", "a/#"),
        ("a/#", "a/b/#"),
        ("#", "#"),
        ("#", "a/+/#"),
        ("+/#", "a/b"),
        ("+/+", "+/b"),
        ("a/+/#", "a/+"),
        ("$SYS/#", "$SYS/x"),
        ("+/+", "/"),
        ("a//b", "a//b"),
    ];
    for (c, f) in yes {
        assert!(filter_covers(c, f), "{c} should cover {f}");
    }
    let no = [
        ("a/b", "a/c"),
        ("a/b", "a/+"),
        ("a/+", "a/#"),
        ("a/+", "a"),
        ("a/+", "a/b/c"),
        ("a", "a/#"),
        ("a", "a/b"),
        ("a/b", "a"),
        ("a/+/#", "a/#"),
        ("a/b/#", "a/#"),
        ("+", "#"),
        ("#", "$SYS/x"),
        ("#", "$SYS/#"),
        ("+/x", "$SYS/x"),
        ("devices/dev1/desired", "#"),
        ("devices/dev1/desired", "devices/+/desired"),
        ("devices/dev1/desired", "devices/dev2/desired"),
    ];
    for (c, f) in no {
        assert!(!filter_covers(c, f), "{c} must not cover {f}");
    }
}
