//! S-expressions, then the problem (objects, init, goal) and domain (actions) read from them.

use super::lexer::{Lexer, Token};
use super::{ParseError, ParseErrorKind, Pos};

/// Deepest parenthesis nesting accepted.
pub const MAX_DEPTH: usize = 128;

/// A parsed s-expression; symbols are lowercased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SExpr {
    /// A symbol.
    Atom(String, Pos),
    /// A parenthesised list, with the position of its `(`.
    List(Vec<SExpr>, Pos),
}

impl SExpr {
    /// Where the expression starts.
    pub fn pos(&self) -> Pos {
        match self {
            SExpr::Atom(_, p) | SExpr::List(_, p) => *p,
        }
    }

    /// The symbol, if this is one.
    pub fn atom(&self) -> Option<&str> {
        match self {
            SExpr::Atom(s, _) => Some(s),
            SExpr::List(..) => None,
        }
    }

    /// The items, if this is a list.
    pub fn list(&self) -> Option<&[SExpr]> {
        match self {
            SExpr::List(v, _) => Some(v),
            SExpr::Atom(..) => None,
        }
    }

    /// The list's head symbol (`and` in `(and …)`), if any.
    pub fn head(&self) -> Option<&str> {
        self.list().and_then(|v| v.first()).and_then(SExpr::atom)
    }

    /// Calls `f` on this expression and every sub-expression, depth first.
    pub fn walk(&self, f: &mut dyn FnMut(&SExpr)) {
        f(self);
        if let SExpr::List(items, _) = self {
            for it in items {
                it.walk(f);
            }
        }
    }
}

/// Reads exactly one s-expression from `src` (comments and whitespace around it allowed).
pub fn parse_sexpr(src: &str) -> Result<SExpr, ParseError> {
    let mut lx = Lexer::new(src)?;
    let mut stack: Vec<(Vec<SExpr>, Pos)> = Vec::new();
    let mut done: Option<SExpr> = None;
    while let Some(t) = lx.next_token() {
        if done.is_some() {
            return Err(ParseError::new(ParseErrorKind::TrailingInput, t.pos));
        }
        match t.token {
            Token::Open => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ParseError::new(ParseErrorKind::TooDeep, t.pos));
                }
                stack.push((Vec::new(), t.pos));
            }
            Token::Close => {
                let Some((items, pos)) = stack.pop() else {
                    return Err(ParseError::new(ParseErrorKind::UnmatchedClose, t.pos));
                };
                let e = SExpr::List(items, pos);
                match stack.last_mut() {
                    Some((parent, _)) => parent.push(e),
                    None => done = Some(e),
                }
            }
            Token::Symbol(s) => {
                let e = SExpr::Atom(lowercase(s), t.pos);
                match stack.last_mut() {
                    Some((parent, _)) => parent.push(e),
                    None => done = Some(e),
                }
            }
        }
    }
    match done {
        Some(e) if stack.is_empty() => Ok(e),
        _ => Err(ParseError::new(ParseErrorKind::UnexpectedEnd, lx.pos())),
    }
}

/// `s` lowercased; ASCII text (every real game) skips the Unicode case tables.
fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        let mut out = s.to_owned();
        out.make_ascii_lowercase();
        out
    } else {
        s.to_lowercase()
    }
}

/// A term of a formula: a `?variable` or a constant (both lowercased, `?` kept off).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// A variable, without its `?`.
    Var(String),
    /// An object constant.
    Const(String),
}

/// A goal or precondition formula.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Formula {
    /// All hold (`(and)` is true).
    And(Vec<Formula>),
    /// One holds (`(or)` is false).
    Or(Vec<Formula>),
    /// Negation.
    Not(Box<Formula>),
    /// `(imply a b)`.
    Imply(Box<Formula>, Box<Formula>),
    /// Some binding of the typed variables makes the body hold.
    Exists(Vec<(String, String)>, Box<Formula>),
    /// Every binding of the typed variables makes the body hold.
    Forall(Vec<(String, String)>, Box<Formula>),
    /// `(= a b)`.
    Equal(Term, Term),
    /// `(pred args…)`, at its position.
    Atom(String, Vec<Term>, Pos),
}

/// One ground initial fact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// Predicate name (lowercased).
    pub pred: String,
    /// Constant arguments (lowercased).
    pub args: Vec<String>,
    /// Where the fact is written.
    pub pos: Pos,
}

/// A PDDL problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The problem's name.
    pub name: String,
    /// The domain it names.
    pub domain: String,
    /// Declared objects with their types, in file order, with positions.
    pub objects: Vec<(String, String, Pos)>,
    /// Initial facts (numeric `(= …)` assignments are skipped).
    pub init: Vec<Fact>,
    /// The goal.
    pub goal: Formula,
}

/// One domain action: its parameters, precondition and effect as s-expressions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    /// Action name (lowercased).
    pub name: String,
    /// Typed parameters, without `?`.
    pub params: Vec<(String, String)>,
    /// Precondition (`None` for `()` or a missing one).
    pub precondition: Option<SExpr>,
    /// Effect.
    pub effect: Option<SExpr>,
}

/// A PDDL domain: its name and actions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Domain {
    /// Domain name.
    pub name: String,
    /// Actions in file order.
    pub actions: Vec<Action>,
}

impl Domain {
    /// The action called `name` (lowercase), if any.
    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.name == name)
    }
}

fn err<T>(what: &'static str, pos: Pos) -> Result<T, ParseError> {
    Err(ParseError::new(ParseErrorKind::Expected(what), pos))
}

fn expect_atom<'e>(e: &'e SExpr, what: &'static str) -> Result<&'e str, ParseError> {
    match e.atom() {
        Some(s) => Ok(s),
        None => err(what, e.pos()),
    }
}

/// Reads a typed list `a b - t c` (for variables, `?` is required and removed).
fn typed_list(items: &[SExpr], vars: bool) -> Result<Vec<(String, String, Pos)>, ParseError> {
    let mut out = Vec::new();
    let mut pending: Vec<(String, Pos)> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let s = expect_atom(&items[i], "a name")?;
        if s == "-" {
            let Some(t) = items.get(i + 1) else {
                return err("a type after '-'", items[i].pos());
            };
            let t = expect_atom(t, "a type name")?;
            if pending.is_empty() {
                return err("a name before '-'", items[i].pos());
            }
            for (n, p) in pending.drain(..) {
                out.push((n, t.to_string(), p));
            }
            i += 2;
            continue;
        }
        let name = if vars {
            match s.strip_prefix('?') {
                Some(v) if !v.is_empty() => v.to_string(),
                _ => return err("a ?variable", items[i].pos()),
            }
        } else {
            s.to_string()
        };
        pending.push((name, items[i].pos()));
        i += 1;
    }
    for (n, p) in pending {
        out.push((n, "object".to_string(), p));
    }
    Ok(out)
}

fn term(e: &SExpr) -> Result<Term, ParseError> {
    let s = expect_atom(e, "a term")?;
    Ok(match s.strip_prefix('?') {
        Some(v) if !v.is_empty() => Term::Var(v.to_string()),
        Some(_) => return err("a variable name after '?'", e.pos()),
        None => Term::Const(s.to_string()),
    })
}

/// Reads a formula (`and`, `or`, `not`, `imply`, `exists`, `forall`, `=`, atoms).
pub fn formula(e: &SExpr) -> Result<Formula, ParseError> {
    let Some(items) = e.list() else {
        return err("a formula in parentheses", e.pos());
    };
    let Some(head) = items.first() else {
        return Ok(Formula::And(Vec::new()));
    };
    let head_s = expect_atom(head, "a predicate or connective")?;
    let rest = &items[1..];
    Ok(match head_s {
        "and" => Formula::And(rest.iter().map(formula).collect::<Result<_, _>>()?),
        "or" => Formula::Or(rest.iter().map(formula).collect::<Result<_, _>>()?),
        "not" => {
            if rest.len() != 1 {
                return err("exactly one formula under 'not'", e.pos());
            }
            Formula::Not(Box::new(formula(&rest[0])?))
        }
        "imply" => {
            if rest.len() != 2 {
                return err("two formulas under 'imply'", e.pos());
            }
            Formula::Imply(Box::new(formula(&rest[0])?), Box::new(formula(&rest[1])?))
        }
        "exists" | "forall" => {
            if rest.len() != 2 {
                return err("a variable list and a body", e.pos());
            }
            let Some(vars) = rest[0].list() else {
                return err("a variable list", rest[0].pos());
            };
            let vars = typed_list(vars, true)?
                .into_iter()
                .map(|(n, t, _)| (n, t))
                .collect();
            let body = Box::new(formula(&rest[1])?);
            if head_s == "exists" {
                Formula::Exists(vars, body)
            } else {
                Formula::Forall(vars, body)
            }
        }
        "=" => {
            if rest.len() != 2 {
                return err("two terms under '='", e.pos());
            }
            Formula::Equal(term(&rest[0])?, term(&rest[1])?)
        }
        _ => Formula::Atom(
            head_s.to_string(),
            rest.iter().map(term).collect::<Result<_, _>>()?,
            e.pos(),
        ),
    })
}

/// Splits `(define (KIND name) sections…)` into its name and sections.
fn definition<'e>(
    root: &'e SExpr,
    kind: &'static str,
) -> Result<(&'e str, &'e [SExpr]), ParseError> {
    let Some(items) = root.list() else {
        return err("(define …)", root.pos());
    };
    if items.first().and_then(SExpr::atom) != Some("define") {
        return err("(define …)", root.pos());
    }
    let Some(header) = items.get(1) else {
        return err("a (problem NAME) or (domain NAME) header", root.pos());
    };
    let h = header.list().unwrap_or(&[]);
    if h.len() != 2 || h[0].atom() != Some(kind) {
        return err(
            if kind == "problem" {
                "(problem NAME)"
            } else {
                "(domain NAME)"
            },
            header.pos(),
        );
    }
    Ok((expect_atom(&h[1], "a name")?, &items[2..]))
}

/// Parses a PDDL problem.
pub fn parse_problem(src: &str) -> Result<Problem, ParseError> {
    let flat = super::flat::Flat::parse(src)?;
    let p = super::flat::ProblemRef::read(&flat)?;
    let init = p
        .init
        .iter()
        .map(|f| Fact {
            pred: f.pred.to_string(),
            args: p.args_of(f).iter().map(|a| a.to_string()).collect(),
            pos: f.pos,
        })
        .collect();
    Ok(Problem {
        name: p.name.to_string(),
        domain: p.domain.to_string(),
        objects: p
            .objects
            .iter()
            .map(|&(n, t, pos)| (n.to_string(), t.to_string(), pos))
            .collect(),
        init,
        goal: p.goal,
    })
}

/// Parses a PDDL domain (its actions; types, predicates and functions are read as
/// s-expressions and checked for shape only).
pub fn parse_domain(src: &str) -> Result<Domain, ParseError> {
    let root = parse_sexpr(src)?;
    let (name, sections) = definition(&root, "domain")?;
    let mut actions = Vec::new();
    for sec in sections {
        let Some(items) = sec.list() else {
            return err("a (:section …)", sec.pos());
        };
        if sec.head() != Some(":action") {
            continue;
        }
        let Some(aname) = items.get(1) else {
            return err("an action name", sec.pos());
        };
        let aname = expect_atom(aname, "an action name")?.to_string();
        let mut params = Vec::new();
        let mut precondition = None;
        let mut effect = None;
        let mut i = 2;
        while i < items.len() {
            let key = expect_atom(&items[i], "an action key")?;
            let Some(val) = items.get(i + 1) else {
                return err("a value after the key", items[i].pos());
            };
            match key {
                ":parameters" => {
                    let Some(v) = val.list() else {
                        return err("a parameter list", val.pos());
                    };
                    params = typed_list(v, true)?
                        .into_iter()
                        .map(|(n, t, _)| (n, t))
                        .collect();
                }
                ":precondition" => {
                    if val.list().is_some_and(|v| !v.is_empty()) {
                        formula(val)?;
                        precondition = Some(val.clone());
                    }
                }
                ":effect" => effect = Some(val.clone()),
                _ => return err("one of :parameters, :precondition, :effect", items[i].pos()),
            }
            i += 2;
        }
        actions.push(Action {
            name: aname,
            params,
            precondition,
            effect,
        });
    }
    Ok(Domain {
        name: name.to_string(),
        actions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_sections() {
        let p = parse_problem(
            "(define (problem p) (:domain alfred)\n (:objects a1 - agent L - location)\n (:init (atLocation a1 L))\n (:goal (exists (?x - location) (atLocation a1 ?x))))",
        )
        .unwrap();
        assert_eq!(p.domain, "alfred");
        assert_eq!(p.objects.len(), 2);
        assert_eq!(p.init[0].pred, "atlocation");
        assert_eq!(p.init[0].args, vec!["a1", "l"]);
        assert!(matches!(p.goal, Formula::Exists(..)));
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = parse_problem("(define (problem p)\n  (:init (a b)\n").unwrap_err();
        assert_eq!(e.kind(), &ParseErrorKind::UnexpectedEnd);
        let e = parse_problem("(define (problem p)\n  (:init) (:goal x))").unwrap_err();
        assert_eq!((e.pos().line, e.pos().col), (2, 18));
        assert!(e.to_string().starts_with("line 2, column 18: expected"));
        let e = parse_sexpr("(a))").unwrap_err();
        assert_eq!(e.kind(), &ParseErrorKind::TrailingInput);
        let deep = "(".repeat(MAX_DEPTH + 1);
        assert_eq!(
            parse_sexpr(&deep).unwrap_err().kind(),
            &ParseErrorKind::TooDeep
        );
    }
}
