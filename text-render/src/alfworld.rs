//! ALFWorld's wording, word for word, in its two dialects.
//!
//! The strings are those of ALFWorld's grammar (`alfred.twl2`) as TextWorld renders them:
//! every indefinite article is `"a"` ("a apple 1"), lists use [`ListStyle::ALFWORLD`]
//! ("a X, and a Y"), and an empty list reads "nothing". Every function appends to `out`.
//!
//! ```
//! use text_render::alfworld::{self, Wording, ReceptacleView};
//!
//! let mut out = String::new();
//! alfworld::arrive(&mut out, Wording::V042, "fridge 1", "loc 4");
//! alfworld::examine_receptacle(&mut out, "fridge 1", ReceptacleView::Closed, [""; 0]);
//! assert_eq!(out, "You arrive at fridge 1. The fridge 1 is closed.");
//!
//! out.clear();
//! alfworld::arrive(&mut out, Wording::V03, "countertop 1", "loc 7");
//! alfworld::examine_receptacle(
//!     &mut out,
//!     "countertop 1",
//!     ReceptacleView::Surface,
//!     ["knife 1", "mug 1"],
//! );
//! assert_eq!(out, "You arrive at loc 7. On the countertop 1, you see a knife 1, and a mug 1.");
//! ```

use crate::list::{ListStyle, join_list, join_list_prefixed};

/// Which release's wording a game uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Wording {
    /// ALFWorld 0.4.x data (json 2.1.2 / 2.1.3): `move X to Y`, `You arrive at cabinet 1.`
    #[default]
    V042,
    /// ALFWorld 0.3.x data (json 2.1.1): `put X in/on Y`, `You arrive at loc 12.`
    V03,
}

/// The indefinite article TextWorld gives every ALFWorld entity.
pub const ARTICLE: &str = "a ";

/// The first line of every episode, with the blank line after it.
pub const INTRO_HEADER: &str = "-= Welcome to TextWorld, ALFRED! =-\n\n";

/// The feedback of any command that is not admissible.
pub const NOTHING_HAPPENS: &str = "Nothing happens.";

/// The feedback of `help` (ALFWorld 0.4.x domain; the grammar's leading newline is not shown).
pub const HELP: &str = "Available commands:\n  look:                             look around your current location\n  inventory:                        check your current inventory\n  go to (receptacle):               move to a receptacle\n  open (receptacle):                open a receptacle\n  close (receptacle):               close a receptacle\n  take (object) from (receptacle):  take an object from a receptacle\n  move (object) to (receptacle):  place an object in or on a receptacle\n  examine (something):              examine a receptacle or an object\n  use (object):                     use an object\n  heat (object) with (receptacle):  heat an object using a receptacle\n  clean (object) with (receptacle): clean an object using a receptacle\n  cool (object) with (receptacle):  cool an object using a receptacle\n  slice (object) with (object):     slice an object using a sharp object\n";

/// The verbs of ALFWorld's command templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verb {
    /// `clean {o} with {r}`
    Clean,
    /// `close {r}`
    Close,
    /// `cool {o} with {r}`
    Cool,
    /// `examine {r}` or `examine {o}`
    Examine,
    /// `go to {r}`
    GoTo,
    /// `heat {o} with {r}`
    Heat,
    /// `help`
    Help,
    /// `inventory`
    Inventory,
    /// `look`
    Look,
    /// `open {r}`
    Open,
    /// `move {o} to {r}` (0.4.x) or `put {o} in/on {r}` (0.3.x)
    Put,
    /// `slice {co} with {ko}`
    Slice,
    /// `take {o} from {r}`
    Take,
    /// `use {o}`
    Use,
}

impl Verb {
    /// The words of the command template: what comes before the first name and what comes
    /// between the first and second names (`""` for commands with fewer names).
    pub fn words(self, dialect: Wording) -> (&'static str, &'static str) {
        match self {
            Verb::Clean => ("clean ", " with "),
            Verb::Close => ("close ", ""),
            Verb::Cool => ("cool ", " with "),
            Verb::Examine => ("examine ", ""),
            Verb::GoTo => ("go to ", ""),
            Verb::Heat => ("heat ", " with "),
            Verb::Help => ("help", ""),
            Verb::Inventory => ("inventory", ""),
            Verb::Look => ("look", ""),
            Verb::Open => ("open ", ""),
            Verb::Put => match dialect {
                Wording::V042 => ("move ", " to "),
                Wording::V03 => ("put ", " in/on "),
            },
            Verb::Slice => ("slice ", " with "),
            Verb::Take => ("take ", " from "),
            Verb::Use => ("use ", ""),
        }
    }

    /// How many names the command carries (0, 1 or 2).
    pub fn arity(self) -> usize {
        match self {
            Verb::Help | Verb::Inventory | Verb::Look => 0,
            Verb::Close | Verb::Examine | Verb::GoTo | Verb::Open | Verb::Use => 1,
            Verb::Clean | Verb::Cool | Verb::Heat | Verb::Put | Verb::Slice | Verb::Take => 2,
        }
    }
}

/// Appends a command's text: `verb`'s words around the names (`b` is ignored for one-name
/// verbs, both for zero-name verbs).
pub fn command(out: &mut String, dialect: Wording, verb: Verb, a: &str, b: &str) {
    let (prefix, mid) = verb.words(dialect);
    out.push_str(prefix);
    match verb.arity() {
        0 => {}
        1 => out.push_str(a),
        _ => {
            out.push_str(a);
            out.push_str(mid);
            out.push_str(b);
        }
    }
}

/// Appends `"a X, a Y, and a Z"` (or `"nothing"`).
pub fn things<I, S>(out: &mut String, names: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    join_list_prefixed(out, ARTICLE, names, ListStyle::ALFWORLD);
}

/// `look` where no receptacle stands (and the intro, which lists every receptacle):
/// `You are in the middle of a room. Looking quickly around you, you see {list}.`
pub fn look_middle<I, S>(out: &mut String, receptacles: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    out.push_str("You are in the middle of a room. Looking quickly around you, you see ");
    things(out, receptacles);
    out.push('.');
}

/// `look` at a receptacle's location:
/// `You are facing the {r1}, and {r2}. Next to it, you see {list}.` (receptacle names without
/// articles; `next_to` is usually empty, giving "nothing": ALFWorld lists there the objects
/// taken from a receptacle at this spot and put into another one here).
pub fn look_facing<I, S, J, T>(out: &mut String, receptacles: I, next_to: J)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
    J: IntoIterator<Item = T>,
    T: AsRef<str>,
{
    out.push_str("You are facing the ");
    join_list(out, receptacles, ListStyle::ALFWORLD);
    out.push_str(". Next to it, you see ");
    things(out, next_to);
    out.push('.');
}

/// `\n\nYour task is to: …` — the intro's tail, given the grammar's task line.
pub fn intro_tail(out: &mut String, task_line: &str) {
    out.push_str("\n\n");
    out.push_str(task_line);
}

/// How a receptacle looks when examined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReceptacleView {
    /// Openable and open: `The {r} is open. In it, you see {list}.`
    Open,
    /// Openable and closed: `The {r} is closed.`
    Closed,
    /// Not openable: `On the {r}, you see {list}.`
    Surface,
}

/// `examine {r}` (also the tail of `go to` and `open`).
pub fn examine_receptacle<I, S>(out: &mut String, r: &str, view: ReceptacleView, contents: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    match view {
        ReceptacleView::Open => {
            out.push_str("The ");
            out.push_str(r);
            out.push_str(" is open. In it, you see ");
            things(out, contents);
            out.push('.');
        }
        ReceptacleView::Closed => {
            out.push_str("The ");
            out.push_str(r);
            out.push_str(" is closed.");
        }
        ReceptacleView::Surface => {
            out.push_str("On the ");
            out.push_str(r);
            out.push_str(", you see ");
            things(out, contents);
            out.push('.');
        }
    }
}

/// `You arrive at {r}. ` (0.4.x) or `You arrive at {loc}. ` (0.3.x), with the trailing space
/// before the receptacle's description.
pub fn arrive(out: &mut String, dialect: Wording, receptacle: &str, location: &str) {
    out.push_str("You arrive at ");
    out.push_str(match dialect {
        Wording::V042 => receptacle,
        Wording::V03 => location,
    });
    out.push_str(". ");
}

/// `You open the {r}. ` (followed by the receptacle's description).
pub fn open(out: &mut String, r: &str) {
    push3(out, "You open the ", r, ". ");
}

/// `You close the {r}.`
pub fn close(out: &mut String, r: &str) {
    push3(out, "You close the ", r, ".");
}

/// `You pick up the {o} from the {r}.`
pub fn take(out: &mut String, o: &str, r: &str) {
    push5(out, "You pick up the ", o, " from the ", r, ".");
}

/// `You move the {o} to the {r}.` (0.4.x) or `You put the {o} in/on the {r}.` (0.3.x)
pub fn put(out: &mut String, dialect: Wording, o: &str, r: &str) {
    match dialect {
        Wording::V042 => push5(out, "You move the ", o, " to the ", r, "."),
        Wording::V03 => push5(out, "You put the ", o, " in/on the ", r, "."),
    }
}

/// `You heat the {o} using the {r}.`
pub fn heat(out: &mut String, o: &str, r: &str) {
    push5(out, "You heat the ", o, " using the ", r, ".");
}

/// `You cool the {o} using the {r}.`
pub fn cool(out: &mut String, o: &str, r: &str) {
    push5(out, "You cool the ", o, " using the ", r, ".");
}

/// `You clean the {o} using the {r}.`
pub fn clean(out: &mut String, o: &str, r: &str) {
    push5(out, "You clean the ", o, " using the ", r, ".");
}

/// `You sliced the {co} with the {ko}.`
pub fn slice(out: &mut String, co: &str, ko: &str) {
    push5(out, "You sliced the ", co, " with the ", ko, ".");
}

/// What `use {o}` says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Toggle {
    /// Toggleable and toggled (ever): `You turn on the {o}.`
    On,
    /// Toggleable, never toggled: `You turn off the {o}.`
    Off,
    /// Not toggleable: `You don't see any switch on the {o}.`
    NoSwitch,
}

/// `use {o}`.
pub fn toggle(out: &mut String, o: &str, t: Toggle) {
    match t {
        Toggle::On => push3(out, "You turn on the ", o, "."),
        Toggle::Off => push3(out, "You turn off the ", o, "."),
        Toggle::NoSwitch => push3(out, "You don't see any switch on the ", o, "."),
    }
}

/// `inventory`: `You are carrying: a {o}.` or `You are not carrying anything.`
pub fn inventory(out: &mut String, held: Option<&str>) {
    match held {
        Some(o) => push3(out, "You are carrying: a ", o, "."),
        None => out.push_str("You are not carrying anything."),
    }
}

/// How an examined object looks: the first matching alternative of ALFWorld's grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectLook {
    /// `This is a hot and clean sliced {o}.`
    HotCleanSliced,
    /// `This is a cool and clean sliced {o}.`
    CoolCleanSliced,
    /// `This is a clean sliced {o}.`
    CleanSliced,
    /// `This is a hot sliced {o}.`
    HotSliced,
    /// `This is a cool sliced {o}.`
    CoolSliced,
    /// `This is a hot and clean {o}.`
    HotClean,
    /// `This is a cool and clean {o}.`
    CoolClean,
    /// `This is a hot {o}.`
    Hot,
    /// `This is a clean {o}.`
    Clean,
    /// `This is a cold {o}.` (sic: cold, not cool)
    Cold,
    /// `This {o} is on.`
    On,
    /// `This is a sliced {o}.`
    Sliced,
    /// `There's nothing special about {o}.`
    Plain,
}

impl ObjectLook {
    /// Picks the alternative ALFWorld's grammar picks for an object with these facts
    /// (`toggled` means toggleable and ever toggled; `sliced` for the plain sliced line means
    /// sliceable and sliced).
    pub fn of(
        hot: bool,
        cool: bool,
        clean: bool,
        sliced: bool,
        toggled: bool,
        sliceable_sliced: bool,
    ) -> Self {
        match () {
            _ if clean && hot && sliced => ObjectLook::HotCleanSliced,
            _ if clean && cool && sliced => ObjectLook::CoolCleanSliced,
            _ if clean && sliced => ObjectLook::CleanSliced,
            _ if hot && sliced => ObjectLook::HotSliced,
            _ if cool && sliced => ObjectLook::CoolSliced,
            _ if clean && hot => ObjectLook::HotClean,
            _ if clean && cool => ObjectLook::CoolClean,
            _ if hot => ObjectLook::Hot,
            _ if clean => ObjectLook::Clean,
            _ if cool => ObjectLook::Cold,
            _ if toggled => ObjectLook::On,
            _ if sliceable_sliced => ObjectLook::Sliced,
            _ => ObjectLook::Plain,
        }
    }
}

/// `examine {o}` for an object that is not a receptacle object.
pub fn examine_object(out: &mut String, o: &str, look: ObjectLook) {
    let (before, after) = match look {
        ObjectLook::HotCleanSliced => ("This is a hot and clean sliced ", "."),
        ObjectLook::CoolCleanSliced => ("This is a cool and clean sliced ", "."),
        ObjectLook::CleanSliced => ("This is a clean sliced ", "."),
        ObjectLook::HotSliced => ("This is a hot sliced ", "."),
        ObjectLook::CoolSliced => ("This is a cool sliced ", "."),
        ObjectLook::HotClean => ("This is a hot and clean ", "."),
        ObjectLook::CoolClean => ("This is a cool and clean ", "."),
        ObjectLook::Hot => ("This is a hot ", "."),
        ObjectLook::Clean => ("This is a clean ", "."),
        ObjectLook::Cold => ("This is a cold ", "."),
        ObjectLook::On => ("This ", " is on."),
        ObjectLook::Sliced => ("This is a sliced ", "."),
        ObjectLook::Plain => ("There's nothing special about ", "."),
    };
    push3(out, before, o, after);
}

/// `examine {o}` for a receptacle object (mug, bowl, …), whatever its other facts:
/// `This is a normal {o}. In it, you see {list}.`
pub fn examine_receptacle_object<I, S>(out: &mut String, o: &str, contents: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    push3(out, "This is a normal ", o, ". In it, you see ");
    things(out, contents);
    out.push('.');
}

fn push3(out: &mut String, a: &str, b: &str, c: &str) {
    out.push_str(a);
    out.push_str(b);
    out.push_str(c);
}

fn push5(out: &mut String, a: &str, b: &str, c: &str, d: &str, e: &str) {
    out.push_str(a);
    out.push_str(b);
    out.push_str(c);
    out.push_str(d);
    out.push_str(e);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_in_both_dialects() {
        let mut s = String::new();
        command(&mut s, Wording::V042, Verb::Put, "apple 1", "fridge 1");
        s.push('|');
        command(&mut s, Wording::V03, Verb::Put, "apple 1", "fridge 1");
        s.push('|');
        command(&mut s, Wording::V03, Verb::GoTo, "fridge 1", "ignored");
        s.push('|');
        command(&mut s, Wording::V03, Verb::Look, "x", "y");
        assert_eq!(
            s,
            "move apple 1 to fridge 1|put apple 1 in/on fridge 1|go to fridge 1|look"
        );
    }

    #[test]
    fn looks_and_lists() {
        let mut s = String::new();
        look_facing(&mut s, ["stoveburner 2", "stoveburner 1"], [""; 0]);
        assert_eq!(
            s,
            "You are facing the stoveburner 2, and stoveburner 1. Next to it, you see nothing."
        );
        s.clear();
        look_facing(&mut s, ["shelf 2", "tvstand 1"], ["cd 1", "cd 1", "pen 2"]);
        assert_eq!(
            s,
            "You are facing the shelf 2, and tvstand 1. Next to it, you see a cd 1, a cd 1, \
             and a pen 2."
        );
        s.clear();
        look_middle(&mut s, [""; 0]);
        assert_eq!(
            s,
            "You are in the middle of a room. Looking quickly around you, you see nothing."
        );
    }

    #[test]
    fn object_looks() {
        let mut s = String::new();
        examine_object(
            &mut s,
            "potato 1",
            ObjectLook::of(false, true, false, false, false, false),
        );
        assert_eq!(s, "This is a cold potato 1.");
        s.clear();
        examine_object(
            &mut s,
            "desklamp 1",
            ObjectLook::of(false, false, false, false, true, false),
        );
        assert_eq!(s, "This desklamp 1 is on.");
        s.clear();
        examine_receptacle_object(&mut s, "mug 1", [""; 0]);
        assert_eq!(s, "This is a normal mug 1. In it, you see nothing.");
    }
}
