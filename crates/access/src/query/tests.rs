use super::*;
use crate::resources::Attributes;

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

fn s(v: &str) -> AttributeValue {
    AttributeValue::String(v.to_owned())
}

fn i(v: i64) -> AttributeValue {
    AttributeValue::Int(v)
}

fn arr(v: &[&str]) -> AttributeValue {
    AttributeValue::Strings(v.iter().map(|x| (*x).to_owned()).collect())
}

fn q(text: &str) -> Query {
    Query::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn err(text: &str) -> QueryError {
    match Query::parse(text) {
        Ok(parsed) => panic!("{text:?} parsed as {parsed:?}"),
        Err(e) => e,
    }
}

#[test]
fn examples_from_event_grid() {
    let floor3 = principal(
        "s1",
        &[("sensors", arr(&["motion", "light"])), ("floor", i(3))],
    );
    let floor7 = principal("s2", &[("sensors", arr(&["humidity"])), ("floor", i(7))]);
    let query = q("attributes.sensors IN ['motion','humidity'] and attributes.floor <= 5");
    assert!(query.matches(&floor3));
    assert!(!query.matches(&floor7), "floor 7 > 5");

    let ab = q(r#"(attributes.type = "a" or attributes.type = "b")"#);
    assert!(ab.matches(&principal("x", &[("type", s("a"))])));
    assert!(ab.matches(&principal("x", &[("type", s("b"))])));
    assert!(!ab.matches(&principal("x", &[("type", s("c"))])));

    let names = q("authenticationName IN ['c1','c2']");
    assert!(names.matches(&principal("c1", &[])));
    assert!(
        names.matches(&principal("C2", &[])),
        "names are case-insensitive"
    );
    assert!(!names.matches(&principal("c3", &[])));

    let sensor = q("attributes.type='sensor'");
    assert!(sensor.matches(&principal("x", &[("type", s("sensor"))])));
    assert!(!sensor.matches(&principal("x", &[("type", s("actuator"))])));
}

#[test]
fn every_operator_on_integers() {
    let p = principal("x", &[("n", i(5))]);
    let cases = [
        ("=", [false, true, false]),
        ("<>", [true, false, true]),
        ("!=", [true, false, true]),
        ("<", [false, false, true]),
        (">", [true, false, false]),
        ("<=", [false, true, true]),
        (">=", [true, true, false]),
    ];
    for (op, expect) in cases {
        for (lit, want) in [4, 5, 6].into_iter().zip(expect) {
            let text = format!("attributes.n {op} {lit}");
            assert_eq!(q(&text).matches(&p), want, "{text}");
        }
    }
    assert!(q("attributes.n IN [1, 5, 9]").matches(&p));
    assert!(!q("attributes.n IN [1, 9]").matches(&p));
    assert!(q("attributes.n > -3").matches(&p));
    assert!(q("attributes.m < 0").matches(&principal("x", &[("m", i(-1))])));
}

#[test]
fn string_equality_is_case_sensitive_for_attributes() {
    let p = principal("Dev1", &[("type", s("Sensor"))]);
    assert!(q("attributes.type = 'Sensor'").matches(&p));
    assert!(!q("attributes.type = 'sensor'").matches(&p));
    assert!(q("attributes.type <> 'sensor'").matches(&p));
    assert!(q("attributes.type != 'x'").matches(&p));
    assert!(!q("attributes.type IN ['sensor']").matches(&p));
    assert!(q("authenticationName = 'dev1'").matches(&p));
    assert!(q("authenticationName = 'DEV1'").matches(&p));
    assert!(!q("authenticationName <> 'dEv1'").matches(&p));
    assert!(q("authenticationName != 'dev2'").matches(&p));
    let unicode = principal("ÄBC", &[]);
    assert!(q("authenticationName = 'äbc'").matches(&unicode));
}

#[test]
fn and_binds_tighter_than_or() {
    // a or b and c  ==  a or (b and c)
    let query = q("attributes.a = 1 or attributes.b = 1 and attributes.c = 1");
    assert!(query.matches(&principal("x", &[("a", i(1))])));
    assert!(!query.matches(&principal("x", &[("b", i(1))])));
    assert!(query.matches(&principal("x", &[("b", i(1)), ("c", i(1))])));
    // a and b or c  ==  (a and b) or c
    let query = q("attributes.a = 1 and attributes.b = 1 or attributes.c = 1");
    assert!(query.matches(&principal("x", &[("c", i(1))])));
    assert!(!query.matches(&principal("x", &[("a", i(1))])));
    // Parentheses override.
    let query = q("(attributes.a = 1 or attributes.b = 1) and attributes.c = 1");
    assert!(!query.matches(&principal("x", &[("a", i(1))])));
    assert!(query.matches(&principal("x", &[("a", i(1)), ("c", i(1))])));
    let nested = q("((attributes.a = 1) and ((attributes.b = 2)))");
    assert!(nested.matches(&principal("x", &[("a", i(1)), ("b", i(2))])));
}

#[test]
fn keywords_are_case_insensitive() {
    let p = principal("x", &[("a", i(1)), ("t", s("v"))]);
    assert!(q("attributes.a = 2 OR attributes.t in ['v']").matches(&p));
    assert!(q("attributes.a = 1 AND attributes.t IN ['v']").matches(&p));
    assert!(q("attributes.a = 2 Or attributes.a = 1 aNd attributes.t In ['v']").matches(&p));
    assert!(q("AuthenticationName = 'x'").matches(&p));
}

#[test]
fn both_quote_styles_and_embedded_quotes() {
    let p = principal("x", &[("n", s("it's")), ("m", s("say \"hi\""))]);
    assert!(q(r#"attributes.n = "it's""#).matches(&p));
    assert!(q("attributes.n = 'it''s'").matches(&p));
    assert!(q(r#"attributes.m = 'say "hi"'"#).matches(&p));
    assert!(q(r#"attributes.m = "say ""hi""""#).matches(&p));
    assert!(q("attributes.n IN ['x', \"it's\"]").matches(&p));
    let empty = principal("x", &[("e", s(""))]);
    assert!(q("attributes.e = ''").matches(&empty));
}

#[test]
fn arrays_match_if_any_element_does() {
    let p = principal("x", &[("sensors", arr(&["motion", "light"]))]);
    assert!(q("attributes.sensors = 'light'").matches(&p));
    assert!(q("attributes.sensors IN ['x', 'motion']").matches(&p));
    assert!(!q("attributes.sensors IN ['humidity']").matches(&p));
    assert!(
        q("attributes.sensors <> 'motion'").matches(&p),
        "light <> motion"
    );
    let empty = principal("x", &[("sensors", arr(&[]))]);
    assert!(!q("attributes.sensors = 'motion'").matches(&empty));
    assert!(!q("attributes.sensors <> 'motion'").matches(&empty));
}

#[test]
fn missing_attributes_and_type_mismatches_never_match() {
    let p = principal("x", &[("n", i(5)), ("t", s("5"))]);
    for text in [
        "attributes.missing = 'a'",
        "attributes.missing <> 'a'",
        "attributes.missing != 1",
        "attributes.missing < 1",
        "attributes.missing IN ['a', 1]",
        "attributes.n = '5'",
        "attributes.n <> '6'",
        "attributes.n IN ['5']",
        "attributes.t = 5",
        "attributes.t <> 6",
        "attributes.t > 1",
        "attributes.t IN [5]",
    ] {
        assert!(!q(text).matches(&p), "{text}");
    }
    assert!(q("attributes.n IN ['5', 5]").matches(&p), "mixed lists");
}

#[test]
fn whitespace_is_free() {
    let p = principal("x", &[("a", i(1)), ("t", s("v"))]);
    assert!(q("attributes.a=1 and(attributes.t='v')").matches(&p));
    assert!(q("  attributes.t\tIN\n['v']  ").matches(&p));
    assert!(q("attributes.a>=1").matches(&p));
    assert!(q("attributes.a<>2").matches(&p));
}

#[test]
fn error_columns_and_messages() {
    let e = err("attributes.floor xyz 5");
    assert_eq!(e.column, 18);
    assert_eq!(e.expected, "an operator (=, <>, !=, <, >, <=, >=, IN)");
    assert_eq!(e.found, "'xyz'");
    assert_eq!(
        e.to_string(),
        "query syntax error: expected an operator (=, <>, !=, <, >, <=, >=, IN) at column 18, found 'xyz'"
    );

    let e = err("attributes.floor <= 'five'");
    assert_eq!((e.column, e.found.as_str()), (21, "string 'five'"));
    assert!(e.expected.contains("integer"), "{e}");

    let e = err("attributes.a = 1 and");
    assert_eq!((e.column, e.found.as_str()), (21, "end of query"));
    assert!(e.expected.starts_with("a term"), "{e}");

    let e = err("(attributes.a = 1");
    assert_eq!((e.column, e.expected.as_str()), (18, "'and', 'or' or ')'"));

    let e = err("attributes.a = 1)");
    assert_eq!((e.column, e.found.as_str()), (17, "')'"));

    let e = err("attributes.a = 'open");
    assert_eq!((e.column, e.found.as_str()), (16, "end of query"));
    assert!(e.expected.contains("closing '"), "{e}");

    let e = err("attributes.a IN 'x'");
    assert_eq!((e.column, e.expected.as_str()), (17, "'[' after IN"));

    let e = err("attributes.a IN []");
    assert_eq!((e.column, e.found.as_str()), (18, "']'"));

    let e = err("attributes.a IN ['x' 'y']");
    assert_eq!((e.column, e.expected.as_str()), (22, "',' or ']'"));

    let e = err("type = 'x'");
    assert_eq!((e.column, e.found.as_str()), (1, "'type'"));

    let e = err("attributes.a-b = 1");
    assert_eq!((e.column, e.found.as_str()), (13, "'-'"));

    let e = err("attributes. = 1");
    assert_eq!(e.column, 1);

    let e = err("attributes.a.b = 1");
    assert!(e.expected.contains("attribute key"), "{e}");

    let e = err("attributes.a = x");
    assert_eq!((e.column, e.found.as_str()), (16, "'x'"));

    let e = err("attributes.a ! 1");
    assert_eq!((e.column, e.found.as_str()), (14, "'!'"));

    let e = err("authenticationName < 'x'");
    assert_eq!(e.column, 20);
    let e = err("authenticationName = 5");
    assert_eq!(e.column, 22);

    let e = err("");
    assert_eq!((e.column, e.found.as_str()), (1, "end of query"));

    let e = err("attributes.a = 99999999999999999999");
    assert!(e.expected.contains("9223372036854775807"), "{e}");

    // Columns count characters, not bytes.
    let e = err("attributes.a = 'é' é");
    assert_eq!((e.column, e.found.as_str()), (20, "'é'"));
}

#[test]
fn nesting_is_bounded() {
    let deep = format!(
        "{}attributes.a = 1{}",
        "(".repeat(parser::MAX_DEPTH),
        ")".repeat(parser::MAX_DEPTH)
    );
    assert!(Query::parse(&deep).is_ok());
    let too_deep = format!(
        "{}attributes.a = 1{}",
        "(".repeat(parser::MAX_DEPTH + 1),
        ")".repeat(parser::MAX_DEPTH + 1)
    );
    let e = err(&too_deep);
    assert_eq!(e.column, parser::MAX_DEPTH + 1);
    // A hostile query neither overflows the stack nor parses.
    assert!(Query::parse(&"(".repeat(100_000)).is_err());
}
