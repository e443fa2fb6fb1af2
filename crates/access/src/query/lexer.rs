//! Splits a group query into tokens, one at a time, so the parser can say
//! what it expected at the exact column where something else stands.

use super::QueryError;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    /// `=`
    Eq,
    /// `<>` or `!=`
    Ne,
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `<=`
    Le,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// Whether the operator orders (and so only applies to integers).
    pub(crate) fn is_ordering(self) -> bool {
        !matches!(self, CmpOp::Eq | CmpOp::Ne)
    }

    /// Applies the operator to the result of comparing value with literal.
    pub(crate) fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Eq => ord == Equal,
            CmpOp::Ne => ord != Equal,
            CmpOp::Lt => ord == Less,
            CmpOp::Gt => ord == Greater,
            CmpOp::Le => ord != Greater,
            CmpOp::Ge => ord != Less,
        }
    }
}

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tok {
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `,`
    Comma,
    /// A comparison operator.
    Op(CmpOp),
    /// `and`, any case.
    And,
    /// `or`, any case.
    Or,
    /// `in`, any case.
    In,
    /// A word of letters, digits, `_` and `.` (an operand, or a mistake).
    Word,
    /// A quoted string, with quotes removed and doubled quotes undone.
    Str(String),
    /// An integer literal.
    Int(i64),
    /// A character that starts no token.
    Bad,
    /// The end of the query.
    End,
}

/// A token and where it stands in the source (byte offsets).
#[derive(Debug, Clone)]
pub(super) struct Token {
    /// What it is.
    pub(super) tok: Tok,
    /// Byte offset of its first character.
    pub(super) start: usize,
    /// Byte offset just past it.
    pub(super) end: usize,
}

/// Hands out tokens of one query, left to right.
pub(super) struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

/// The 1-based column, in characters, of a byte offset.
pub(super) fn column(src: &str, byte: usize) -> usize {
    src[..byte].chars().count() + 1
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `src`.
    pub(super) fn new(src: &'a str) -> Self {
        Lexer { src, pos: 0 }
    }

    /// The source text.
    pub(super) fn src(&self) -> &'a str {
        self.src
    }

    /// Says what a token is, for "found ..." in errors.
    pub(super) fn describe(&self, token: &Token) -> String {
        let text = &self.src[token.start..token.end];
        match token.tok {
            Tok::End => "end of query".to_owned(),
            Tok::Str(_) => format!("string {text}"),
            Tok::Int(_) => format!("integer {text}"),
            _ => format!("'{text}'"),
        }
    }

    /// The next token; an unterminated string or an out-of-range integer is an error here.
    pub(super) fn next_token(&mut self) -> Result<Token, QueryError> {
        let rest = &self.src[self.pos..];
        let trimmed = rest.trim_start();
        let start = self.pos + (rest.len() - trimmed.len());
        let mut chars = trimmed.chars();
        let Some(c) = chars.next() else {
            self.pos = start;
            return Ok(Token {
                tok: Tok::End,
                start,
                end: start,
            });
        };
        let next = chars.next();
        let (tok, len) = match c {
            '(' => (Tok::LParen, 1),
            ')' => (Tok::RParen, 1),
            '[' => (Tok::LBracket, 1),
            ']' => (Tok::RBracket, 1),
            ',' => (Tok::Comma, 1),
            '=' => (Tok::Op(CmpOp::Eq), 1),
            '<' => match next {
                Some('=') => (Tok::Op(CmpOp::Le), 2),
                Some('>') => (Tok::Op(CmpOp::Ne), 2),
                _ => (Tok::Op(CmpOp::Lt), 1),
            },
            '>' => match next {
                Some('=') => (Tok::Op(CmpOp::Ge), 2),
                _ => (Tok::Op(CmpOp::Gt), 1),
            },
            '!' if next == Some('=') => (Tok::Op(CmpOp::Ne), 2),
            '\'' | '"' => return self.string(start, c),
            '-' | '0'..='9' => return self.integer(start),
            c if c.is_ascii_alphabetic() || c == '_' => {
                let len = trimmed
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                    .unwrap_or(trimmed.len());
                let word = &trimmed[..len];
                let tok = if word.eq_ignore_ascii_case("and") {
                    Tok::And
                } else if word.eq_ignore_ascii_case("or") {
                    Tok::Or
                } else if word.eq_ignore_ascii_case("in") {
                    Tok::In
                } else {
                    Tok::Word
                };
                (tok, len)
            }
            other => (Tok::Bad, other.len_utf8()),
        };
        self.pos = start + len;
        Ok(Token {
            tok,
            start,
            end: self.pos,
        })
    }

    /// A string in `quote`s; a doubled quote inside stands for one (`'it''s'`),
    /// and the other quote character needs no escape (`"it's"`).
    fn string(&mut self, start: usize, quote: char) -> Result<Token, QueryError> {
        let body = &self.src[start + 1..];
        let mut value = String::new();
        let mut iter = body.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if c == quote {
                if iter.peek().map(|&(_, n)| n) == Some(quote) {
                    iter.next();
                    value.push(quote);
                    continue;
                }
                self.pos = start + 1 + i + 1;
                return Ok(Token {
                    tok: Tok::Str(value),
                    start,
                    end: self.pos,
                });
            }
            value.push(c);
        }
        Err(QueryError {
            column: column(self.src, start),
            expected: format!(
                "a closing {quote} for the string that starts here (write {quote}{quote} for a {quote} inside it)"
            ),
            found: "end of query".to_owned(),
        })
    }

    /// An integer: an optional `-` and decimal digits, within i64.
    fn integer(&mut self, start: usize) -> Result<Token, QueryError> {
        let rest = &self.src[start..];
        let sign = usize::from(rest.starts_with('-'));
        let digits = rest[sign..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len() - sign);
        let end = start + sign + digits;
        let text = &self.src[start..end];
        if digits == 0 {
            self.pos = end.max(start + 1);
            return Ok(Token {
                tok: Tok::Bad,
                start,
                end: self.pos,
            });
        }
        let value = text.parse::<i64>().map_err(|_| QueryError {
            column: column(self.src, start),
            expected: format!("an integer between {} and {}", i64::MIN, i64::MAX),
            found: format!("integer {text}"),
        })?;
        self.pos = end;
        Ok(Token {
            tok: Tok::Int(value),
            start,
            end,
        })
    }
}
