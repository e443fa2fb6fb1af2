//! Topic templates: `+`, `#` and `${client.authenticationName}` /
//! `${client.attributes.<key>}` variables inside single segments; validated
//! once, expanded per principal, then matched against topics (PUBLISH) or
//! checked to cover filters (SUBSCRIBE).

mod cover;
#[cfg(test)]
mod tests;

pub use cover::filter_covers;

use crate::resources::{AttributeValue, Principal};
use std::borrow::Cow;

/// A validated topic template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    text: String,
    segments: Vec<Segment>,
    has_variables: bool,
}

/// One `/`-separated segment of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// No variable: a literal level, `+` or `#`.
    Plain(String),
    /// Literal text and variables, concatenated into one level.
    Pieces(Vec<Piece>),
}

/// Part of a segment with variables.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Var(Var),
}

/// A template variable.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Var {
    /// `${client.authenticationName}`
    AuthenticationName,
    /// `${client.attributes.<key>}`
    Attribute(String),
}

/// Why a template is invalid (names the rule).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// The template breaks a rule.
    #[error("invalid topic template '{template}': {rule}")]
    Invalid {
        /// The template as written.
        template: String,
        /// The rule broken.
        rule: String,
    },
}

/// Why a template does not expand for a principal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExpandError {
    /// The principal lacks an attribute the template uses.
    #[error("the client has no attribute '{0}'")]
    MissingAttribute(String),
    /// The value cannot stand in a topic segment (array, empty, contains `/`, `+`, `#` ...).
    #[error("${{{key}}} of this client cannot be used in a topic: {rule}")]
    UnusableValue {
        /// The variable: `client.authenticationName` or `client.attributes.<key>`.
        key: String,
        /// The rule broken.
        rule: String,
    },
}

/// The broker's life-cycle event topics (`$events/clients/{name}/connected`):
/// the one `$` prefix a template may start with, so that a Subscriber binding
/// can grant them (clients can never publish there).
pub const EVENTS_PREFIX: &str = "$events/";

const VAR_AUTH_NAME: &str = "client.authenticationName";
const VAR_ATTRIBUTE_PREFIX: &str = "client.attributes.";

impl Template {
    /// Parses and validates a template.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let invalid = |rule: String| TemplateError::Invalid {
            template: text.to_owned(),
            rule,
        };
        if text.starts_with('$') && !text.starts_with("${") && !text.starts_with(EVENTS_PREFIX) {
            return Err(invalid(format!(
                "a template must not begin with '$' (topics beginning with '$' are reserved), except the broker's life-cycle events under '{EVENTS_PREFIX}'"
            )));
        }
        let mut segments = Vec::new();
        // The template with every variable replaced by one letter: what MQTT's
        // filter rules must accept.
        let mut shape = String::with_capacity(text.len());
        let mut offset = 0;
        for (index, level) in text.split('/').enumerate() {
            if index > 0 {
                shape.push('/');
            }
            segments.push(parse_segment(text, level, offset, &mut shape).map_err(invalid)?);
            offset += level.len() + 1;
        }
        tern_topic::validate_topic_filter(&shape)
            .map_err(|e| invalid(format!("as a topic filter: {e}")))?;
        let has_variables = segments.iter().any(|s| matches!(s, Segment::Pieces(_)));
        Ok(Template {
            text: text.to_owned(),
            segments,
            has_variables,
        })
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the template uses variables (otherwise it is a plain topic filter).
    pub fn has_variables(&self) -> bool {
        self.has_variables
    }

    /// The template with the principal's values substituted: a topic filter.
    pub fn expand(&self, principal: &Principal) -> Result<String, ExpandError> {
        self.expand_cow(principal).map(Cow::into_owned)
    }

    /// Like [`Template::expand`], borrowing the text when there is nothing to substitute.
    pub(crate) fn expand_cow(&self, principal: &Principal) -> Result<Cow<'_, str>, ExpandError> {
        if !self.has_variables {
            return Ok(Cow::Borrowed(&self.text));
        }
        let mut out = String::with_capacity(self.text.len() + 16);
        let mut buf = IntBuf::default();
        for (index, segment) in self.segments.iter().enumerate() {
            if index > 0 {
                out.push('/');
            }
            match segment {
                Segment::Plain(level) => out.push_str(level),
                Segment::Pieces(pieces) => {
                    for (pi, piece) in pieces.iter().enumerate() {
                        match piece {
                            Piece::Text(t) => out.push_str(t),
                            Piece::Var(var) => {
                                out.push_str(var.value(principal, index + pi == 0, &mut buf)?)
                            }
                        }
                    }
                }
            }
        }
        Ok(Cow::Owned(out))
    }

    /// Checks that every variable has a usable value for the principal.
    fn check(&self, principal: &Principal) -> Result<(), ExpandError> {
        let mut buf = IntBuf::default();
        for (index, segment) in self.segments.iter().enumerate() {
            if let Segment::Pieces(pieces) = segment {
                for (pi, piece) in pieces.iter().enumerate() {
                    if let Piece::Var(var) = piece {
                        var.value(principal, index + pi == 0, &mut buf)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Whether `topic` (a valid topic name) matches the template as expanded
    /// for the principal, without building the expansion; the same answer as
    /// `filter_matches(&self.expand(principal)?, topic)`.
    pub fn matches_topic(&self, principal: &Principal, topic: &str) -> Result<bool, ExpandError> {
        if !self.has_variables {
            return Ok(tern_topic::filter_matches(&self.text, topic));
        }
        self.check(principal)?;
        let dollar = topic.starts_with('$');
        let mut levels = topic.split('/');
        let mut buf = IntBuf::default();
        for (index, segment) in self.segments.iter().enumerate() {
            let wildcard_blocked = index == 0 && dollar;
            match segment {
                Segment::Plain(s) if s == "#" => return Ok(!wildcard_blocked),
                Segment::Plain(s) if s == "+" => {
                    if levels.next().is_none() || wildcard_blocked {
                        return Ok(false);
                    }
                }
                Segment::Plain(s) => {
                    if levels.next() != Some(s.as_str()) {
                        return Ok(false);
                    }
                }
                Segment::Pieces(pieces) => {
                    let Some(mut rest) = levels.next() else {
                        return Ok(false);
                    };
                    for (pi, piece) in pieces.iter().enumerate() {
                        let part = match piece {
                            Piece::Text(t) => t.as_str(),
                            Piece::Var(var) => var.value(principal, index + pi == 0, &mut buf)?,
                        };
                        match rest.strip_prefix(part) {
                            Some(r) => rest = r,
                            None => return Ok(false),
                        }
                    }
                    if !rest.is_empty() {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(levels.next().is_none())
    }
}

/// Parses one level of a template; `offset` is its byte offset in `text`.
fn parse_segment(
    text: &str,
    level: &str,
    offset: usize,
    shape: &mut String,
) -> Result<Segment, String> {
    if !level.contains("${") {
        shape.push_str(level);
        return Ok(Segment::Plain(level.to_owned()));
    }
    let mut pieces = Vec::new();
    let mut rest = level;
    while let Some(start) = rest.find("${") {
        if start > 0 {
            pieces.push(Piece::Text(rest[..start].to_owned()));
            shape.push_str(&rest[..start]);
        }
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            let at = offset + (level.len() - rest.len()) + start;
            let spans = text[at..].contains('}');
            return Err(if spans {
                format!(
                    "the variable at byte {at} spans segments: a variable must lie within one segment (no '/' inside '${{...}}')"
                )
            } else {
                format!("unterminated '${{' at byte {at}: a variable ends with '}}'")
            });
        };
        pieces.push(Piece::Var(parse_var(&after[..end])?));
        shape.push('v');
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_owned()));
        shape.push_str(rest);
    }
    Ok(Segment::Pieces(pieces))
}

fn parse_var(name: &str) -> Result<Var, String> {
    if name == VAR_AUTH_NAME {
        return Ok(Var::AuthenticationName);
    }
    if let Some(key) = name.strip_prefix(VAR_ATTRIBUTE_PREFIX) {
        if !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Ok(Var::Attribute(key.to_owned()));
        }
        return Err(format!(
            "invalid variable '${{{name}}}': an attribute key is one or more of [A-Za-z0-9_]"
        ));
    }
    Err(format!(
        "unknown variable '${{{name}}}': the variables are ${{client.authenticationName}} and ${{client.attributes.<key>}}"
    ))
}

impl Var {
    /// The variable's name as written inside `${...}`.
    fn name(&self) -> String {
        match self {
            Var::AuthenticationName => VAR_AUTH_NAME.to_owned(),
            Var::Attribute(key) => format!("{VAR_ATTRIBUTE_PREFIX}{key}"),
        }
    }

    fn unusable(&self, rule: String) -> ExpandError {
        ExpandError::UnusableValue {
            key: self.name(),
            rule,
        }
    }

    /// The value substituted for the variable; `at_start` when it begins the topic.
    fn value<'p>(
        &self,
        principal: &'p Principal,
        at_start: bool,
        buf: &'p mut IntBuf,
    ) -> Result<&'p str, ExpandError> {
        let value: &str = match self {
            Var::AuthenticationName => &principal.authentication_name,
            Var::Attribute(key) => match principal.attributes.get(key) {
                None => return Err(ExpandError::MissingAttribute(key.clone())),
                Some(AttributeValue::Int(i)) => buf.format(*i),
                Some(AttributeValue::String(s)) => s,
                Some(AttributeValue::Strings(_)) => {
                    return Err(self.unusable(
                        "an array of strings cannot be substituted into a topic".to_owned(),
                    ))
                }
            },
        };
        if value.is_empty() {
            return Err(self.unusable("the value is empty".to_owned()));
        }
        if let Some(c) = value.chars().find(|c| matches!(c, '/' | '+' | '#' | '\0')) {
            return Err(self.unusable(format!(
                "the value contains {c:?}, which cannot stand in a topic segment"
            )));
        }
        if at_start && value.starts_with('$') {
            return Err(self.unusable(
                "the topic would begin with '$' (topics beginning with '$' are reserved)"
                    .to_owned(),
            ));
        }
        Ok(value)
    }
}

/// Room to format an i64 in decimal without allocating.
#[derive(Default)]
struct IntBuf([u8; 20]);

impl IntBuf {
    fn format(&mut self, n: i64) -> &str {
        let mut v = n.unsigned_abs();
        let mut i = self.0.len();
        loop {
            i -= 1;
            self.0[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        if n < 0 {
            i -= 1;
            self.0[i] = b'-';
        }
        std::str::from_utf8(&self.0[i..]).expect("ASCII digits")
    }
}
