//! The client-group query language: parse once, evaluate per principal.
//!
//! Grammar (keywords case-insensitive, `and` binds tighter than `or`):
//! ```text
//! query   := or
//! or      := and ( "or" and )*
//! and     := primary ( "and" primary )*
//! primary := "(" or ")" | term
//! term    := operand op literal | operand "IN" "[" literal ("," literal)* "]"
//! operand := "authenticationName" | "attributes." key
//! op      := "=" | "<>" | "!=" | "<" | ">" | "<=" | ">="   (ordering only on integers)
//! literal := 'string' | "string" | integer
//! ```
//! A string is in single or double quotes; the other quote needs no escape
//! (`"it's"`) and a doubled quote stands for one (`'it''s'`).
//!
//! Semantics: a term over an array attribute holds if it holds for any
//! element; a term over a missing attribute, or comparing a string with an
//! integer, never holds (not even `<>`). `authenticationName` compares
//! case-insensitively (it is unique case-insensitively), attribute strings
//! case-sensitively.
//!
//! `$all` is not a query; the namespace treats that group name specially.

mod lexer;
mod parser;
#[cfg(test)]
mod tests;

use crate::resources::{AttributeValue, Principal};
use lexer::CmpOp;

/// A parsed group query.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    root: Node,
}

/// A query that does not parse: where and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("query syntax error: expected {expected} at column {column}, found {found}")]
pub struct QueryError {
    /// 1-based column (in characters) of the offending token.
    pub column: usize,
    /// What the parser expected there, e.g. `"an operator (=, <>, !=, <, >, <=, >=, IN)"`.
    pub expected: String,
    /// What it found, e.g. `"'xyz'"` or `"end of query"`.
    pub found: String,
}

/// A node of the parsed query.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    /// Holds if any child holds.
    Or(Vec<Node>),
    /// Holds if every child holds.
    And(Vec<Node>),
    /// One comparison.
    Term(Term),
}

/// `operand op literal` or `operand IN [...]`.
#[derive(Debug, Clone, PartialEq)]
struct Term {
    operand: Operand,
    test: Test,
}

/// What a term reads from the principal.
#[derive(Debug, Clone, PartialEq)]
enum Operand {
    /// `authenticationName`.
    AuthenticationName,
    /// `attributes.<key>`.
    Attribute(String),
}

/// What a term checks.
#[derive(Debug, Clone, PartialEq)]
enum Test {
    /// `op literal`.
    Compare(CmpOp, Literal),
    /// `IN [literals]`.
    In(Vec<Literal>),
}

/// A literal of the query.
#[derive(Debug, Clone, PartialEq)]
enum Literal {
    Str(String),
    Int(i64),
}

impl Query {
    /// Parses a query.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        parser::parse(text).map(|root| Query { root })
    }

    /// Whether the principal satisfies the query.
    pub fn matches(&self, principal: &Principal) -> bool {
        self.root.matches(principal)
    }
}

impl Node {
    fn matches(&self, p: &Principal) -> bool {
        match self {
            Node::Or(any) => any.iter().any(|n| n.matches(p)),
            Node::And(all) => all.iter().all(|n| n.matches(p)),
            Node::Term(term) => term.matches(p),
        }
    }
}

impl Term {
    fn matches(&self, p: &Principal) -> bool {
        match &self.operand {
            Operand::AuthenticationName => self.test_str(&p.authentication_name, eq_ignore_case),
            Operand::Attribute(key) => match p.attributes.get(key) {
                None => false,
                Some(AttributeValue::Int(i)) => self.test_int(*i),
                Some(AttributeValue::String(s)) => self.test_str(s, str::eq),
                Some(AttributeValue::Strings(items)) => {
                    items.iter().any(|s| self.test_str(s, str::eq))
                }
            },
        }
    }

    fn test_str(&self, value: &str, eq: fn(&str, &str) -> bool) -> bool {
        match &self.test {
            Test::Compare(op, Literal::Str(lit)) => match op {
                CmpOp::Eq => eq(value, lit),
                CmpOp::Ne => !eq(value, lit),
                // The parser only lets integers follow an ordering operator.
                _ => false,
            },
            Test::Compare(_, Literal::Int(_)) => false,
            Test::In(list) => list
                .iter()
                .any(|lit| matches!(lit, Literal::Str(l) if eq(value, l))),
        }
    }

    fn test_int(&self, value: i64) -> bool {
        match &self.test {
            Test::Compare(op, Literal::Int(lit)) => op.holds(value.cmp(lit)),
            Test::Compare(_, Literal::Str(_)) => false,
            Test::In(list) => list.contains(&Literal::Int(value)),
        }
    }
}

/// Case-insensitive string equality without allocating.
pub(crate) fn eq_ignore_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}
