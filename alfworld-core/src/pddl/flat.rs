//! A problem read without a tree of owned strings: the s-expression is one flat vector of
//! nodes over one lowercased text buffer, and the objects and facts borrow from it. Errors
//! (kinds, positions, order) are those of [`super::parse_problem`], which is built on this.

use super::lexer::{Lexer, Token};
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
        let mut lx = Lexer::new(src)?;
        let mut flat = Flat {
            text: String::with_capacity(src.len() / 2),
            nodes: Vec::with_capacity(src.len() / 8),
        };
        let mut open: Vec<usize> = Vec::new();
        let mut done = false;
        while let Some(t) = lx.next_token() {
            if done {
                return Err(ParseError::new(ParseErrorKind::TrailingInput, t.pos));
            }
            let n = flat.nodes.len();
            match t.token {
                Token::Open => {
                    if open.len() >= MAX_DEPTH {
                        return Err(ParseError::new(ParseErrorKind::TooDeep, t.pos));
                    }
                    open.push(n);
                    flat.nodes.push(Node {
                        pos: t.pos,
                        end: 0,
                        start: LIST,
                        len: 0,
                    });
                }
                Token::Close => {
                    let Some(at) = open.pop() else {
                        return Err(ParseError::new(ParseErrorKind::UnmatchedClose, t.pos));
                    };
                    flat.nodes[at].end = n as u32;
                    done = open.is_empty();
                }
                Token::Symbol(s) => {
                    let start = flat.text.len();
                    if s.is_ascii() {
                        flat.text.push_str(s);
                        flat.text[start..].make_ascii_lowercase();
                    } else {
                        flat.text.push_str(&s.to_lowercase());
                    }
                    flat.nodes.push(Node {
                        pos: t.pos,
                        end: n as u32 + 1,
                        start: start as u32,
                        len: (flat.text.len() - start) as u32,
                    });
                    done = open.is_empty();
                }
            }
        }
        if done && open.is_empty() {
            Ok(flat)
        } else {
            Err(ParseError::new(ParseErrorKind::UnexpectedEnd, lx.pos()))
        }
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
