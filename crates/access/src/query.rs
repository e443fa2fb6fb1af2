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
//! `$all` is not a query; the namespace treats that group name specially.

use crate::resources::Principal;

/// A parsed group query.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    _private: (),
}

/// A query that does not parse: where and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("query syntax error at column {column}: expected {expected}, found {found}")]
pub struct QueryError {
    /// 1-based column (in characters) of the offending token.
    pub column: usize,
    /// What the parser expected there, e.g. `"an operator (=, <>, !=, <, >, <=, >=, IN)"`.
    pub expected: String,
    /// What it found, e.g. `"'xyz'"` or `"end of query"`.
    pub found: String,
}

impl Query {
    /// Parses a query.
    pub fn parse(_text: &str) -> Result<Query, QueryError> {
        todo!("tern-access helper")
    }

    /// Whether the principal satisfies the query.
    pub fn matches(&self, _principal: &Principal) -> bool {
        todo!("tern-access helper")
    }
}
