//! Fuzz target `query`: bytes → the client-group query language
//! (`tern_access::Query`: lexer, parser, evaluator).
//!
//! Input: the query text (lossy UTF-8) up to the first NUL byte; the bytes
//! after it make the principals it is evaluated for.
//!
//! Checks, besides "no panic": a syntax error points at a column within the
//! query (1 to its length in characters + 1); a query that parses still
//! parses in parentheses and in `q and q` / `q or q`, and all of them decide
//! the same for every principal.

use crate::common::{principal, take_text};
use tern_access::Query;

/// The fuzz target.
pub fn run(data: &[u8]) {
    let (text, rest) = take_text(data);
    let query = match Query::parse(&text) {
        Ok(q) => q,
        Err(e) => {
            let chars = text.chars().count();
            assert!(
                (1..=chars + 1).contains(&e.column),
                "error column {} outside 1..={} for {text:?}: {e}",
                e.column,
                chars + 1
            );
            return;
        }
    };
    let variants = [
        format!("({text})"),
        format!("{text} and ({text})"),
        format!("({text}) or {text}"),
    ];
    let variants: Vec<Query> = variants
        .iter()
        .map(|v| Query::parse(v).unwrap_or_else(|e| panic!("{text:?} parses, {v:?} not: {e}")))
        .collect();
    let mut u = arbitrary::Unstructured::new(rest);
    for _ in 0..4 {
        let p = principal(&mut u);
        let expected = query.matches(&p);
        for (v, q) in variants.iter().enumerate() {
            assert_eq!(q.matches(&p), expected, "variant {v} of {text:?} for {p:?}");
        }
        if u.is_empty() {
            break;
        }
    }
}
