//! Structured commands: rendering, ALFWorld's byte order, and parsing from text.

use crate::game::{Game, Named};
use std::cmp::Ordering;
use text_render::alfworld::{self as words, Verb, Wording};

/// One ALFWorld command with its entities (receptacle and object indices of the [`Game`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Command {
    /// `look`
    Look,
    /// `inventory`
    Inventory,
    /// `help`
    Help,
    /// `go to {r}`
    GoTo(u16),
    /// `open {r}`
    Open(u16),
    /// `close {r}`
    Close(u16),
    /// `take {o} from {r}`
    Take(u16, u16),
    /// `move {o} to {r}` / `put {o} in/on {r}`
    Put(u16, u16),
    /// `heat {o} with {r}`
    Heat(u16, u16),
    /// `cool {o} with {r}`
    Cool(u16, u16),
    /// `clean {o} with {r}`
    Clean(u16, u16),
    /// `slice {co} with {ko}` (both objects)
    Slice(u16, u16),
    /// `use {o}`
    Use(u16),
    /// `examine {r}`
    ExamineReceptacle(u16),
    /// `examine {o}`
    ExamineObject(u16),
}

impl Command {
    /// The template verb.
    pub fn verb(self) -> Verb {
        match self {
            Command::Look => Verb::Look,
            Command::Inventory => Verb::Inventory,
            Command::Help => Verb::Help,
            Command::GoTo(_) => Verb::GoTo,
            Command::Open(_) => Verb::Open,
            Command::Close(_) => Verb::Close,
            Command::Take(..) => Verb::Take,
            Command::Put(..) => Verb::Put,
            Command::Heat(..) => Verb::Heat,
            Command::Cool(..) => Verb::Cool,
            Command::Clean(..) => Verb::Clean,
            Command::Slice(..) => Verb::Slice,
            Command::Use(_) => Verb::Use,
            Command::ExamineReceptacle(_) | Command::ExamineObject(_) => Verb::Examine,
        }
    }

    /// Whether applying the command can change the state (`look`, `inventory`, `help` and
    /// `examine` only read it).
    pub fn changes_state(self) -> bool {
        !matches!(
            self,
            Command::Look
                | Command::Inventory
                | Command::Help
                | Command::ExamineReceptacle(_)
                | Command::ExamineObject(_)
        )
    }

    /// The entities the command names, in template order.
    pub fn named(self) -> (Option<Named>, Option<Named>) {
        use Named::{Object as O, Receptacle as R};
        match self {
            Command::Look | Command::Inventory | Command::Help => (None, None),
            Command::GoTo(r)
            | Command::Open(r)
            | Command::Close(r)
            | Command::ExamineReceptacle(r) => (Some(R(r)), None),
            Command::Use(o) | Command::ExamineObject(o) => (Some(O(o)), None),
            Command::Take(o, r)
            | Command::Put(o, r)
            | Command::Heat(o, r)
            | Command::Cool(o, r)
            | Command::Clean(o, r) => (Some(O(o)), Some(R(r))),
            Command::Slice(co, ko) => (Some(O(co)), Some(O(ko))),
        }
    }

    /// The command's text pieces (concatenated, they are the command).
    fn pieces(self, game: &Game, dialect: Wording) -> [&str; 4] {
        let (pre, mid) = self.verb().words(dialect);
        let (a, b) = self.named();
        let a = a.map_or("", |n| game.name(n));
        let b = b.map_or("", |n| game.name(n));
        [pre, a, if b.is_empty() { "" } else { mid }, b]
    }

    /// Appends the command's text.
    pub fn render(self, game: &Game, dialect: Wording, out: &mut String) {
        for p in self.pieces(game, dialect) {
            out.push_str(p);
        }
    }

    /// The command's text as a new `String`.
    pub fn text(self, game: &Game, dialect: Wording) -> String {
        let mut s = String::new();
        self.render(game, dialect, &mut s);
        s
    }

    /// Compares the rendered texts byte by byte (Python's string sort), without rendering.
    pub fn cmp_text(self, other: Command, game: &Game, dialect: Wording) -> Ordering {
        cmp_concat(&self.pieces(game, dialect), &other.pieces(game, dialect))
    }
}

/// Compares the concatenations of two piece lists, a run of bytes at a time.
fn cmp_concat(a: &[&str; 4], b: &[&str; 4]) -> Ordering {
    let (mut ia, mut oa, mut ib, mut ob) = (0, 0, 0, 0);
    loop {
        while ia < 4 && oa == a[ia].len() {
            ia += 1;
            oa = 0;
        }
        while ib < 4 && ob == b[ib].len() {
            ib += 1;
            ob = 0;
        }
        let (sa, sb) = match (a.get(ia), b.get(ib)) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => (&x.as_bytes()[oa..], &y.as_bytes()[ob..]),
        };
        let n = sa.len().min(sb.len());
        match sa[..n].cmp(&sb[..n]) {
            Ordering::Equal => {
                oa += n;
                ob += n;
            }
            o => return o,
        }
    }
}

/// Sorts commands as ALFWorld lists them (`sorted(set(texts))`) and removes same-text repeats.
pub fn sort_dedup(cmds: &mut Vec<Command>, game: &Game, dialect: Wording) {
    cmds.sort_unstable_by(|a, b| a.cmp_text(*b, game, dialect));
    cmds.dedup_by(|a, b| a.cmp_text(*b, game, dialect) == Ordering::Equal);
}

/// Parses a command's exact text (after ALFWorld's `strip()`): the result names entities of
/// `game`, but is not checked against the state. Any other text gives `None`.
pub fn parse(game: &Game, dialect: Wording, text: &str) -> Option<Command> {
    let t = py_strip(text);
    match t {
        "look" => return Some(Command::Look),
        "inventory" => return Some(Command::Inventory),
        "help" => return Some(Command::Help),
        _ => {}
    }
    let one = |verb: Verb| -> Option<Named> {
        let (pre, _) = verb.words(dialect);
        t.strip_prefix(pre).and_then(|rest| game.find(rest))
    };
    let two = |verb: Verb| -> Option<(Named, Named)> {
        let (pre, mid) = verb.words(dialect);
        let rest = t.strip_prefix(pre)?;
        let mut from = 0;
        while let Some(i) = rest[from..].find(mid) {
            let cut = from + i;
            if let (Some(a), Some(b)) =
                (game.find(&rest[..cut]), game.find(&rest[cut + mid.len()..]))
            {
                return Some((a, b));
            }
            from = cut + 1;
            while !rest.is_char_boundary(from) {
                from += 1;
            }
        }
        None
    };
    use Named::{Object as O, Receptacle as R};
    let first = t.split(' ').next().unwrap_or("");
    match first {
        "go" => match one(Verb::GoTo)? {
            R(r) => Some(Command::GoTo(r)),
            O(_) => None,
        },
        "open" => match one(Verb::Open)? {
            R(r) => Some(Command::Open(r)),
            O(_) => None,
        },
        "close" => match one(Verb::Close)? {
            R(r) => Some(Command::Close(r)),
            O(_) => None,
        },
        "use" => match one(Verb::Use)? {
            O(o) => Some(Command::Use(o)),
            R(_) => None,
        },
        "examine" => match one(Verb::Examine)? {
            R(r) => Some(Command::ExamineReceptacle(r)),
            O(o) => Some(Command::ExamineObject(o)),
        },
        _ => {
            let verb = match first {
                "take" => Verb::Take,
                "move" | "put" => Verb::Put,
                "heat" => Verb::Heat,
                "cool" => Verb::Cool,
                "clean" => Verb::Clean,
                "slice" => Verb::Slice,
                _ => return None,
            };
            match (verb, two(verb)?) {
                (Verb::Take, (O(o), R(r))) => Some(Command::Take(o, r)),
                (Verb::Put, (O(o), R(r))) => Some(Command::Put(o, r)),
                (Verb::Heat, (O(o), R(r))) => Some(Command::Heat(o, r)),
                (Verb::Cool, (O(o), R(r))) => Some(Command::Cool(o, r)),
                (Verb::Clean, (O(o), R(r))) => Some(Command::Clean(o, r)),
                (Verb::Slice, (O(a), O(b))) => Some(Command::Slice(a, b)),
                _ => None,
            }
        }
    }
}

/// Whether Python's `str.isspace()` holds for `c` (what `str.strip()` removes): Unicode
/// White_Space plus the four separators U+001C..U+001F.
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `text.strip()` as Python computes it (see [`is_py_space`]).
pub fn py_strip(text: &str) -> &str {
    text.trim_matches(is_py_space)
}

/// Lenient normalisation: lowercase, and runs of whitespace become one space (trimmed).
pub fn normalise_into(text: &str, out: &mut String) {
    out.clear();
    for word in text.split(is_py_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

/// The help text (for callers that render without an [`crate::GameEnv`]).
pub const HELP: &str = words::HELP;
