//! Recursive-descent parser for the group query grammar (see the module
//! above); builds the tree [`super::Query`] evaluates.

use super::lexer::{column, Lexer, Tok, Token};
use super::{Literal, Node, Operand, QueryError, Term, Test};

/// Deepest nesting of parentheses accepted, so a hostile query cannot
/// exhaust the stack.
pub(super) const MAX_DEPTH: usize = 32;

const EXPECTED_OPERATOR: &str = "an operator (=, <>, !=, <, >, <=, >=, IN)";
const EXPECTED_TERM: &str = "a term (attributes.<key> or authenticationName) or '('";
const EXPECTED_LITERAL: &str = "a string in quotes or an integer";

/// Parses one query; the whole text must be consumed.
pub(super) fn parse(text: &str) -> Result<Node, QueryError> {
    let mut parser = Parser {
        lexer: Lexer::new(text),
        peeked: None,
        depth: 0,
    };
    let node = parser.or()?;
    let token = parser.next()?;
    if token.tok != Tok::End {
        return Err(parser.error(&token, "'and', 'or' or the end of the query"));
    }
    Ok(node)
}

struct Parser<'a> {
    lexer: Lexer<'a>,
    peeked: Option<Token>,
    depth: usize,
}

impl Parser<'_> {
    fn next(&mut self) -> Result<Token, QueryError> {
        match self.peeked.take() {
            Some(t) => Ok(t),
            None => self.lexer.next_token(),
        }
    }

    fn peek(&mut self) -> Result<&Tok, QueryError> {
        if self.peeked.is_none() {
            self.peeked = Some(self.lexer.next_token()?);
        }
        Ok(&self.peeked.as_ref().expect("just filled").tok)
    }

    fn error(&self, found: &Token, expected: &str) -> QueryError {
        QueryError {
            column: column(self.lexer.src(), found.start),
            expected: expected.to_owned(),
            found: self.lexer.describe(found),
        }
    }

    /// `or := and ("or" and)*`
    fn or(&mut self) -> Result<Node, QueryError> {
        let first = self.and()?;
        if *self.peek()? != Tok::Or {
            return Ok(first);
        }
        let mut any = vec![first];
        while *self.peek()? == Tok::Or {
            self.next()?;
            any.push(self.and()?);
        }
        Ok(Node::Or(any))
    }

    /// `and := primary ("and" primary)*`
    fn and(&mut self) -> Result<Node, QueryError> {
        let first = self.primary()?;
        if *self.peek()? != Tok::And {
            return Ok(first);
        }
        let mut all = vec![first];
        while *self.peek()? == Tok::And {
            self.next()?;
            all.push(self.primary()?);
        }
        Ok(Node::And(all))
    }

    /// `primary := "(" or ")" | term`
    fn primary(&mut self) -> Result<Node, QueryError> {
        let token = self.next()?;
        match token.tok {
            Tok::LParen => {
                if self.depth == MAX_DEPTH {
                    return Err(self.error(
                        &token,
                        &format!("at most {MAX_DEPTH} nested parentheses, not another '('"),
                    ));
                }
                self.depth += 1;
                let inner = self.or()?;
                self.depth -= 1;
                let close = self.next()?;
                if close.tok != Tok::RParen {
                    return Err(self.error(&close, "'and', 'or' or ')'"));
                }
                Ok(inner)
            }
            Tok::Word => {
                let operand = self.operand(&token)?;
                self.term(operand).map(Node::Term)
            }
            _ => Err(self.error(&token, EXPECTED_TERM)),
        }
    }

    /// `operand := "authenticationName" | "attributes." key`
    fn operand(&self, token: &Token) -> Result<Operand, QueryError> {
        let word = &self.lexer.src()[token.start..token.end];
        if word.eq_ignore_ascii_case("authenticationName") {
            return Ok(Operand::AuthenticationName);
        }
        let prefix = "attributes.";
        if word.len() > prefix.len()
            && word.is_char_boundary(prefix.len())
            && word[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            let key = &word[prefix.len()..];
            if key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return Ok(Operand::Attribute(key.to_owned()));
            }
            return Err(self.error(
                token,
                "an attribute key of letters, digits and '_' after 'attributes.'",
            ));
        }
        Err(self.error(token, EXPECTED_TERM))
    }

    /// `term := operand op literal | operand "IN" "[" literal ("," literal)* "]"`
    fn term(&mut self, operand: Operand) -> Result<Term, QueryError> {
        let is_name = operand == Operand::AuthenticationName;
        let op_token = self.next()?;
        let test = match op_token.tok {
            Tok::Op(op) => {
                if is_name && op.is_ordering() {
                    return Err(self.error(
                        &op_token,
                        "=, <>, != or IN (authenticationName is a string; <, >, <=, >= compare integers)",
                    ));
                }
                let lit_token = self.next()?;
                let literal = self.literal(&lit_token, is_name)?;
                if op.is_ordering() && !matches!(literal, Literal::Int(_)) {
                    return Err(self.error(
                        &lit_token,
                        "an integer (<, >, <=, >= compare integers only)",
                    ));
                }
                Test::Compare(op, literal)
            }
            Tok::In => {
                let open = self.next()?;
                if open.tok != Tok::LBracket {
                    return Err(self.error(&open, "'[' after IN"));
                }
                let mut list = Vec::new();
                loop {
                    let lit_token = self.next()?;
                    list.push(self.literal(&lit_token, is_name)?);
                    let sep = self.next()?;
                    match sep.tok {
                        Tok::Comma => continue,
                        Tok::RBracket => break,
                        _ => return Err(self.error(&sep, "',' or ']'")),
                    }
                }
                Test::In(list)
            }
            _ => return Err(self.error(&op_token, EXPECTED_OPERATOR)),
        };
        Ok(Term { operand, test })
    }

    fn literal(&self, token: &Token, string_only: bool) -> Result<Literal, QueryError> {
        match &token.tok {
            Tok::Str(s) => Ok(Literal::Str(s.clone())),
            Tok::Int(_) if string_only => {
                Err(self.error(token, "a string in quotes (authenticationName is a string)"))
            }
            Tok::Int(i) => Ok(Literal::Int(*i)),
            _ => Err(self.error(token, EXPECTED_LITERAL)),
        }
    }
}
