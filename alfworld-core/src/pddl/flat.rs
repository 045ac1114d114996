//! A problem read without a tree of owned strings: the s-expression is one flat vector of
//! nodes over one lowercased text buffer, and the objects and facts borrow from it. Errors
//! (kinds, positions, order) are those of [`super::parse_problem`], which is built on this.

use super::lexer::{Lexer, MAX_INPUT, Token};
use super::parser::{Formula, MAX_DEPTH, SExpr, formula};
use super::{ParseError, ParseErrorKind, Pos};

/// No atom: the node is a list.
const LIST: u32 = u32::MAX;

/// One s-expression node in pre-order; a list's items follow it up to `end`.
#[derive(Clone, Copy, Debug)]
struct Node {
    pos: Pos,
    /// One past the last node of this subtree.
    end: u32,
    /// The atom's byte range in the text buffer (`start == LIST` for a list).
    start: u32,
    len: u32,
}

/// A parsed s-expression: its nodes and the lowercased atom texts.
#[derive(Clone, Debug, Default)]
pub(crate) struct Flat {
    text: String,
    nodes: Vec<Node>,
}

impl Flat {
    /// Reads exactly one s-expression, with the errors of [`super::parser::parse_sexpr`].
    pub(crate) fn parse(src: &str) -> Result<Flat, ParseError> {
        if src.len() > MAX_INPUT {
            return Err(ParseError::new(
                ParseErrorKind::TooLarge,
                Pos { line: 1, col: 1 },
            ));
        }
        if src.is_ascii() {
            Self::parse_ascii(src)
        } else {
            Self::parse_tokens(src)
        }
    }

    /// The general reader over [`Lexer`] tokens (symbols lowercased one by one, Unicode-aware).
    fn parse_tokens(src: &str) -> Result<Flat, ParseError> {
        let mut lx = Lexer::new(src)?;
        let mut flat = Flat {
            text: String::with_capacity(src.len() / 2),
            nodes: Vec::with_capacity(src.len() / 8),
        };
        let mut b = Builder::default();
        while let Some(t) = lx.next_token() {
            match t.token {
                Token::Open => b.open(&mut flat, t.pos)?,
                Token::Close => b.close(&mut flat, t.pos)?,
                Token::Symbol(s) => {
                    let start = flat.text.len();
                    if s.is_ascii() {
                        flat.text.push_str(s);
                        flat.text[start..].make_ascii_lowercase();
                    } else {
                        flat.text.push_str(&s.to_lowercase());
                    }
                    let len = flat.text.len() - start;
                    b.atom(&mut flat, t.pos, start, len)?;
                }
            }
        }
        b.finish(flat, lx.pos())
    }

    /// The same reader for ASCII text in one pass: the text is lowercased as a whole (so atoms
    /// keep their byte offsets) and split by a byte-class table; columns are byte counts, which
    /// are character counts in ASCII.
    fn parse_ascii(src: &str) -> Result<Flat, ParseError> {
        let mut flat = Flat {
            text: src.to_ascii_lowercase(),
            nodes: Vec::with_capacity(src.len() / 8),
        };
        let bytes = src.as_bytes();
        let n = bytes.len();
        let mut b = Builder::default();
        let (mut i, mut line, mut line_start) = (0usize, 1u32, 0usize);
        while i < n {
            let c = bytes[i];
            match CLASS[c as usize] {
                C_SPACE => i += 1,
                C_NEWLINE => {
                    i += 1;
                    line += 1;
                    line_start = i;
                }
                C_COMMENT => {
                    i += bytes[i..].iter().position(|&c| c == b'\n').unwrap_or(n - i);
                }
                class => {
                    let pos = Pos {
                        line,
                        col: (i - line_start + 1) as u32,
                    };
                    match class {
                        C_OPEN => {
                            b.open(&mut flat, pos)?;
                            i += 1;
                        }
                        C_CLOSE => {
                            b.close(&mut flat, pos)?;
                            i += 1;
                        }
                        _ => {
                            let start = i;
                            i += 1;
                            // Whole words with no byte that may end a symbol, then bytes.
                            while let Some(chunk) = bytes.get(i..i + 8) {
                                let mut w = [0u8; 8];
                                w.copy_from_slice(chunk);
                                let m = maybe_delimiters(u64::from_le_bytes(w));
                                if m != 0 {
                                    i += (m.trailing_zeros() / 8) as usize;
                                    break;
                                }
                                i += 8;
                            }
                            while i < n && CLASS[bytes[i] as usize] == C_SYMBOL {
                                i += 1;
                            }
                            b.atom(&mut flat, pos, start, i - start)?;
                        }
                    }
                }
            }
        }
        let end = Pos {
            line,
            col: (n - line_start + 1) as u32,
        };
        b.finish(flat, end)
    }

    fn atom(&self, i: usize) -> Option<&str> {
        let n = &self.nodes[i];
        (n.start != LIST).then(|| &self.text[n.start as usize..(n.start + n.len) as usize])
    }

    fn is_list(&self, i: usize) -> bool {
        self.nodes[i].start == LIST
    }

    fn pos(&self, i: usize) -> Pos {
        self.nodes[i].pos
    }

    /// The items of list `i` (empty for an atom).
    fn items(&self, i: usize) -> Items<'_> {
        let n = &self.nodes[i];
        let (at, end) = if n.start == LIST {
            (i + 1, n.end as usize)
        } else {
            (0, 0)
        };
        Items {
            flat: self,
            at,
            end,
        }
    }

    fn expect_atom(&self, i: usize, what: &'static str) -> Result<&str, ParseError> {
        self.atom(i).ok_or_else(|| expected(what, self.pos(i)))
    }

    /// The subtree at `i` as an owned [`SExpr`].
    fn sexpr(&self, i: usize) -> SExpr {
        match self.atom(i) {
            Some(a) => SExpr::Atom(a.to_string(), self.pos(i)),
            None => SExpr::List(self.items(i).map(|c| self.sexpr(c)).collect(), self.pos(i)),
        }
    }
}

/// Byte classes of the one-pass reader.
const C_SYMBOL: u8 = 0;
const C_SPACE: u8 = 1;
const C_NEWLINE: u8 = 2;
const C_COMMENT: u8 = 3;
const C_OPEN: u8 = 4;
const C_CLOSE: u8 = 5;

/// The class of each byte: the lexer's whitespace (`u8::is_ascii_whitespace`), `;`, `(`, `)`,
/// and everything else part of a symbol.
static CLASS: [u8; 256] = {
    let mut t = [C_SYMBOL; 256];
    t[b' ' as usize] = C_SPACE;
    t[b'\t' as usize] = C_SPACE;
    t[b'\r' as usize] = C_SPACE;
    t[0x0C] = C_SPACE;
    t[b'\n' as usize] = C_NEWLINE;
    t[b';' as usize] = C_COMMENT;
    t[b'(' as usize] = C_OPEN;
    t[b')' as usize] = C_CLOSE;
    t
};

/// A mask flagging (by the high bit of each byte, little-endian) every byte of `w` that may end
/// a symbol: bytes up to space (whitespace and other controls), `(`, `)` and `;`. The lowest
/// flag is a true one and none is missed (bytes above a flagged one may be flagged too); the
/// byte-class table then decides.
fn maybe_delimiters(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let low = w.wrapping_sub(ONES * 0x21) & !w & HIGH;
    low | zero(w ^ (ONES * u64::from(b'(')))
        | zero(w ^ (ONES * u64::from(b')')))
        | zero(w ^ (ONES * u64::from(b';')))
}

/// The open lists and end state of a read, shared by both readers (same errors, same order).
#[derive(Default)]
struct Builder {
    open: Vec<usize>,
    done: bool,
}

impl Builder {
    fn open(&mut self, flat: &mut Flat, pos: Pos) -> Result<(), ParseError> {
        if self.done {
            return Err(ParseError::new(ParseErrorKind::TrailingInput, pos));
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(ParseError::new(ParseErrorKind::TooDeep, pos));
        }
        self.open.push(flat.nodes.len());
        flat.nodes.push(Node {
            pos,
            end: 0,
            start: LIST,
            len: 0,
        });
        Ok(())
    }

    fn close(&mut self, flat: &mut Flat, pos: Pos) -> Result<(), ParseError> {
        if self.done {
            return Err(ParseError::new(ParseErrorKind::TrailingInput, pos));
        }
        let Some(at) = self.open.pop() else {
            return Err(ParseError::new(ParseErrorKind::UnmatchedClose, pos));
        };
        flat.nodes[at].end = flat.nodes.len() as u32;
        self.done = self.open.is_empty();
        Ok(())
    }

    fn atom(
        &mut self,
        flat: &mut Flat,
        pos: Pos,
        start: usize,
        len: usize,
    ) -> Result<(), ParseError> {
        if self.done {
            return Err(ParseError::new(ParseErrorKind::TrailingInput, pos));
        }
        let n = flat.nodes.len() as u32;
        flat.nodes.push(Node {
            pos,
            end: n + 1,
            start: start as u32,
            len: len as u32,
        });
        self.done = self.open.is_empty();
        Ok(())
    }

    fn finish(self, flat: Flat, end: Pos) -> Result<Flat, ParseError> {
        if self.done && self.open.is_empty() {
            Ok(flat)
        } else {
            Err(ParseError::new(ParseErrorKind::UnexpectedEnd, end))
        }
    }
}

/// Node indices of a list's items.
#[derive(Clone)]
struct Items<'f> {
    flat: &'f Flat,
    at: usize,
    end: usize,
}

impl Iterator for Items<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        (self.at < self.end).then(|| {
            let i = self.at;
            self.at = self.flat.nodes[i].end as usize;
            i
        })
    }
}

fn expected(what: &'static str, pos: Pos) -> ParseError {
    ParseError::new(ParseErrorKind::Expected(what), pos)
}

/// One initial fact, borrowing from a [`Flat`]: `args` indexes [`ProblemRef::args`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct FactRef<'a> {
    /// Predicate name.
    pub pred: &'a str,
    /// Range of its arguments in [`ProblemRef::args`].
    pub args: (u32, u32),
    /// Where the fact is written.
    pub pos: Pos,
}

/// A problem borrowing its names from a [`Flat`].
#[derive(Clone, Debug)]
pub(crate) struct ProblemRef<'a> {
    /// The problem's name.
    pub name: &'a str,
    /// The domain it names.
    pub domain: &'a str,
    /// Declared objects with their types, in file order.
    pub objects: Vec<(&'a str, &'a str, Pos)>,
    /// Initial facts (numeric `(= …)` assignments are skipped).
    pub init: Vec<FactRef<'a>>,
    /// Every fact's arguments, one after the other.
    pub args: Vec<&'a str>,
    /// The goal.
    pub goal: Formula,
}

impl<'a> ProblemRef<'a> {
    /// The arguments of `f`.
    pub fn args_of(&self, f: &FactRef<'a>) -> &[&'a str] {
        &self.args[f.args.0 as usize..f.args.1 as usize]
    }

    /// Reads a problem from a parsed s-expression.
    pub fn read(flat: &'a Flat) -> Result<ProblemRef<'a>, ParseError> {
        let root = 0;
        if !flat.is_list(root) {
            return Err(expected("(define …)", flat.pos(root)));
        }
        let mut items = flat.items(root);
        if items.clone().next().and_then(|i| flat.atom(i)) != Some("define") {
            return Err(expected("(define …)", flat.pos(root)));
        }
        items.next();
        let Some(header) = items.next() else {
            return Err(expected(
                "a (problem NAME) or (domain NAME) header",
                flat.pos(root),
            ));
        };
        let h: Vec<usize> = flat.items(header).collect();
        if h.len() != 2 || flat.atom(h[0]) != Some("problem") {
            return Err(expected("(problem NAME)", flat.pos(header)));
        }
        let name = flat.expect_atom(h[1], "a name")?;
        let mut out = ProblemRef {
            name,
            domain: "",
            objects: Vec::new(),
            init: Vec::new(),
            args: Vec::new(),
            goal: Formula::And(Vec::new()),
        };
        let (mut have_init, mut have_goal) = (false, false);
        for sec in items {
            if !flat.is_list(sec) {
                return Err(expected("a (:section …)", flat.pos(sec)));
            }
            let mut sub = flat.items(sec);
            let head = sub.clone().next().and_then(|i| flat.atom(i));
            sub.next();
            match head {
                Some(":domain") => {
                    let Some(d) = sub.next() else {
                        return Err(expected("a domain name", flat.pos(sec)));
                    };
                    out.domain = flat.expect_atom(d, "a domain name")?;
                }
                Some(":objects") => out.objects = typed_objects(flat, sub)?,
                Some(":init") => {
                    out.init.clear();
                    out.args.clear();
                    for f in sub {
                        if !flat.is_list(f) {
                            return Err(expected("a fact in parentheses", flat.pos(f)));
                        }
                        let mut fi = flat.items(f);
                        let Some(pred) = fi.next() else {
                            return Err(expected("a predicate", flat.pos(f)));
                        };
                        let pred = flat.expect_atom(pred, "a predicate")?;
                        if pred == "=" {
                            continue; // numeric fluent initialisation
                        }
                        let from = out.args.len() as u32;
                        for a in fi {
                            out.args.push(flat.expect_atom(a, "a constant")?);
                        }
                        out.init.push(FactRef {
                            pred,
                            args: (from, out.args.len() as u32),
                            pos: flat.pos(f),
                        });
                    }
                    have_init = true;
                }
                Some(":goal") => {
                    let Some(g) = sub.next() else {
                        return Err(expected("a goal formula", flat.pos(sec)));
                    };
                    out.goal = formula(&flat.sexpr(g))?;
                    have_goal = true;
                }
                Some(":metric") | Some(":requirements") => {}
                _ => {
                    return Err(expected(
                        "one of :domain, :objects, :init, :goal, :metric",
                        flat.pos(sec),
                    ));
                }
            }
        }
        if !have_init {
            return Err(expected("an (:init …) section", flat.pos(root)));
        }
        if !have_goal {
            return Err(expected("a (:goal …) section", flat.pos(root)));
        }
        Ok(out)
    }
}

/// Reads a typed object list `a b - t c` (untyped names are `object`).
fn typed_objects<'a>(
    flat: &'a Flat,
    items: Items<'a>,
) -> Result<Vec<(&'a str, &'a str, Pos)>, ParseError> {
    let mut out = Vec::new();
    let mut pending = 0;
    let mut items = items.peekable();
    while let Some(i) = items.next() {
        let s = flat.expect_atom(i, "a name")?;
        if s == "-" {
            let Some(&t) = items.peek() else {
                return Err(expected("a type after '-'", flat.pos(i)));
            };
            let t = flat.expect_atom(t, "a type name")?;
            if pending == 0 {
                return Err(expected("a name before '-'", flat.pos(i)));
            }
            let n = out.len();
            for o in &mut out[n - pending..] {
                let o: &mut (&str, &str, Pos) = o;
                o.1 = t;
            }
            pending = 0;
            items.next();
            continue;
        }
        out.push((s, "object", flat.pos(i)));
        pending += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything a read produces: atoms with positions and list extents, or the error.
    fn summary(r: Result<Flat, ParseError>) -> Result<Vec<(Pos, u32, Option<String>)>, ParseError> {
        let f = r?;
        Ok((0..f.nodes.len())
            .map(|i| (f.pos(i), f.nodes[i].end, f.atom(i).map(str::to_string)))
            .collect())
    }

    #[test]
    fn one_pass_reader_matches_the_token_reader() {
        let cases = [
            "(define (problem P) (:domain alfred))",
            "  ; c\n(A\tB\r\n(c ; x)\n ?D) ",
            "(a (b) ) )",
            "(a (b)",
            ")",
            "(a) b",
            "(a)(b)",
            "",
            "   ; only a comment",
            "atom",
            "(x\u{0C}y)",
            "(a b;c\n d)",
            "(Agent1 - AGENT LOC_bar_1_bar_2)",
            "(abcdefghijklmnop(abcdefgh)abcdefghi;jklmnopqrstu\n abcdefg\u{1}hijklmnop\tq)",
            "(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ];
        for src in cases {
            assert_eq!(
                summary(Flat::parse_ascii(src)),
                summary(Flat::parse_tokens(src)),
                "{src:?}"
            );
        }
        let deep = "(".repeat(MAX_DEPTH + 1);
        assert_eq!(
            summary(Flat::parse_ascii(&deep)),
            summary(Flat::parse_tokens(&deep))
        );
    }
}
