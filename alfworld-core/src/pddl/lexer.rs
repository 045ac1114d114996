//! Tokens of PDDL text: parentheses and symbols, with `;` comments skipped.

use super::{ParseError, ParseErrorKind, Pos};

/// Largest PDDL text accepted, in bytes (real problems are under 100 KiB).
pub const MAX_INPUT: usize = 16 << 20;

/// One token, borrowing its text from the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// `(`
    Open,
    /// `)`
    Close,
    /// Any other run of non-space characters (`?x`, `-`, `:init`, `Apple_bar_…`).
    Symbol(&'a str),
}

/// A token with where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spanned<'a> {
    /// The token.
    pub token: Token<'a>,
    /// Its first character's line and column (1-based).
    pub pos: Pos,
}

/// Splits PDDL text into tokens.
#[derive(Clone, Debug)]
pub struct Lexer<'a> {
    src: &'a str,
    at: usize,
    line: u32,
    col: u32,
}

impl<'a> Lexer<'a> {
    /// A lexer over `src`; fails if `src` is larger than [`MAX_INPUT`].
    pub fn new(src: &'a str) -> Result<Self, ParseError> {
        if src.len() > MAX_INPUT {
            return Err(ParseError::new(
                ParseErrorKind::TooLarge,
                Pos { line: 1, col: 1 },
            ));
        }
        Ok(Lexer {
            src,
            at: 0,
            line: 1,
            col: 1,
        })
    }

    /// The position of the next character.
    pub fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    /// Advances one byte; columns count characters (UTF-8 continuation bytes add none).
    fn bump(&mut self, b: u8) {
        self.at += 1;
        if b == b'\n' {
            self.line += 1;
            self.col = 1;
        } else if b & 0xC0 != 0x80 {
            self.col += 1;
        }
    }

    /// The next token, or `None` at the end of the input.
    pub fn next_token(&mut self) -> Option<Spanned<'a>> {
        let bytes = self.src.as_bytes();
        loop {
            let &b = bytes.get(self.at)?;
            if b.is_ascii_whitespace() {
                self.bump(b);
            } else if b == b';' {
                while let Some(&b) = bytes.get(self.at) {
                    if b == b'\n' {
                        break;
                    }
                    self.bump(b);
                }
            } else {
                break;
            }
        }
        let pos = self.pos();
        let b = bytes[self.at];
        let token = match b {
            b'(' => {
                self.bump(b);
                Token::Open
            }
            b')' => {
                self.bump(b);
                Token::Close
            }
            _ => {
                let start = self.at;
                let len = bytes[start..]
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b'(' || b == b')' || b == b';')
                    .unwrap_or(bytes.len() - start);
                let sym = &bytes[start..start + len];
                // A symbol holds no newline: only the column moves, by its character count.
                let chars = if sym.is_ascii() {
                    len
                } else {
                    sym.iter().filter(|&&b| b & 0xC0 != 0x80).count()
                };
                self.at += len;
                self.col += chars as u32;
                // Delimiters are ASCII, so both ends are character boundaries.
                Token::Symbol(&self.src[start..self.at])
            }
        };
        Some(Spanned { token, pos })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_positions() {
        let mut lx = Lexer::new("(a ; comment\n  ?b)").unwrap();
        let mut got = Vec::new();
        while let Some(t) = lx.next_token() {
            got.push((t.token, t.pos.line, t.pos.col));
        }
        assert_eq!(
            got,
            vec![
                (Token::Open, 1, 1),
                (Token::Symbol("a"), 1, 2),
                (Token::Symbol("?b"), 2, 3),
                (Token::Close, 2, 5),
            ]
        );
    }
}
