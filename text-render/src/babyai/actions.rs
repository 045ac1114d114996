//! BALROG's six text actions for BabyAI, parsed leniently, with an explicit fallback policy.

use std::fmt;

/// One of the six actions BALROG offers an LLM on BabyAI (`BABYAI_ACTION_SPACE` in BALROG's
/// `clean_lang_wrapper.py`). The index is Minigrid's action id; Minigrid's `done` (6) is not
/// offered by BALROG.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BalrogAction {
    /// `"turn left"` (Minigrid action 0).
    TurnLeft = 0,
    /// `"turn right"` (1).
    TurnRight = 1,
    /// `"go forward"` (2).
    GoForward = 2,
    /// `"pick up"` (3): picks up the object in the cell in front.
    PickUp = 3,
    /// `"drop"` (4): drops the carried object into the empty cell in front.
    Drop = 4,
    /// `"toggle"` (5): opens, closes or unlocks the door in front, or opens the box in front.
    Toggle = 5,
}

impl BalrogAction {
    /// All six, in Minigrid's action-id order (BALROG's `language_action_space` order).
    pub const ALL: [BalrogAction; 6] = [
        BalrogAction::TurnLeft,
        BalrogAction::TurnRight,
        BalrogAction::GoForward,
        BalrogAction::PickUp,
        BalrogAction::Drop,
        BalrogAction::Toggle,
    ];

    /// BALROG's `default_action`, taken when an LLM's answer is not a valid action.
    pub const BALROG_DEFAULT: BalrogAction = BalrogAction::GoForward;

    /// The action's text as BALROG writes it (`"turn left"`, ..., `"toggle"`).
    pub fn name(self) -> &'static str {
        match self {
            BalrogAction::TurnLeft => "turn left",
            BalrogAction::TurnRight => "turn right",
            BalrogAction::GoForward => "go forward",
            BalrogAction::PickUp => "pick up",
            BalrogAction::Drop => "drop",
            BalrogAction::Toggle => "toggle",
        }
    }

    /// The description BALROG's instruction prompt gives the action, word for word (including
    /// "the object below you" for `pick up`, although Minigrid picks up the object in front).
    pub fn prompt_description(self) -> &'static str {
        match self {
            BalrogAction::TurnLeft => "turn to the left",
            BalrogAction::TurnRight => "turn to the right",
            BalrogAction::GoForward => "take one step forward",
            BalrogAction::PickUp => "pick up the object below you",
            BalrogAction::Drop => "drop the object that you are holding",
            BalrogAction::Toggle => "manipulate the object in front of you",
        }
    }

    /// Minigrid's action id (0..=5).
    pub fn index(self) -> u8 {
        self as u8
    }

    /// The action with Minigrid id `index`, if BALROG offers it (0..=5).
    pub fn from_index(index: u8) -> Option<BalrogAction> {
        BalrogAction::ALL.get(usize::from(index)).copied()
    }

    /// BALROG's own test: `text` must equal an action name exactly (case and spaces included).
    pub fn from_exact(text: &str) -> Option<BalrogAction> {
        BalrogAction::ALL.into_iter().find(|a| a.name() == text)
    }

    /// Parses an action leniently: ASCII case is ignored, and so is whitespace around the text
    /// and its amount between words (`"  Turn   LEFT\n"` is `TurnLeft`). Anything else,
    /// including an empty answer, other words, punctuation or `"pickup"`, is an error that says
    /// which of the two it was. Never panics, allocates nothing.
    pub fn parse(text: &str) -> Result<BalrogAction, ParseActionError> {
        let mut words = text.split_whitespace();
        let Some(first) = words.next() else {
            return Err(ParseActionError {
                kind: ErrorKind::Empty,
            });
        };
        let second = words.next();
        let unknown = ParseActionError {
            kind: ErrorKind::Unknown,
        };
        if words.next().is_some() {
            return Err(unknown);
        }
        // Every name has one or two words: compare word by word, in action order.
        BalrogAction::ALL
            .into_iter()
            .zip(WORDS)
            .find(|&(_, (want_first, want_second))| {
                first.eq_ignore_ascii_case(want_first)
                    && match (second, want_second) {
                        (None, None) => true,
                        (Some(got), Some(want)) => got.eq_ignore_ascii_case(want),
                        _ => false,
                    }
            })
            .map(|(action, _)| action)
            .ok_or(unknown)
    }

    /// Parses `text` as [`parse`](Self::parse) does, and on failure takes `fallback` instead
    /// (BALROG takes [`BalrogAction::BALROG_DEFAULT`], `"go forward"`). The result says whether
    /// the fallback was taken, so a caller can count or log invalid answers as BALROG does.
    pub fn parse_or(text: &str, fallback: BalrogAction) -> ParsedAction {
        match BalrogAction::parse(text) {
            Ok(action) => ParsedAction {
                action,
                fallback: None,
            },
            Err(err) => ParsedAction {
                action: fallback,
                fallback: Some(err),
            },
        }
    }
}

impl fmt::Display for BalrogAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for BalrogAction {
    type Err = ParseActionError;

    /// Same as [`BalrogAction::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BalrogAction::parse(s)
    }
}

/// The words of each action's name, in [`BalrogAction::ALL`] order.
const WORDS: [(&str, Option<&str>); 6] = [
    ("turn", Some("left")),
    ("turn", Some("right")),
    ("go", Some("forward")),
    ("pick", Some("up")),
    ("drop", None),
    ("toggle", None),
];

/// The outcome of [`BalrogAction::parse_or`]: the action to take and, if the text was not a
/// valid action, why (the fallback was taken).
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParsedAction {
    /// The action to take: the parsed one, or the fallback.
    pub action: BalrogAction,
    /// `Some(error)` when the text was invalid and `action` is the fallback.
    pub fallback: Option<ParseActionError>,
}

impl ParsedAction {
    /// Whether the fallback was taken.
    pub fn was_fallback(&self) -> bool {
        self.fallback.is_some()
    }
}

/// Why a text is not one of BALROG's six actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseActionError {
    kind: ErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ErrorKind {
    Empty,
    Unknown,
}

impl ParseActionError {
    /// Whether the text was empty or only whitespace.
    pub fn is_empty(&self) -> bool {
        self.kind == ErrorKind::Empty
    }
}

impl fmt::Display for ParseActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ErrorKind::Empty => f.write_str("empty action text")?,
            ErrorKind::Unknown => f.write_str("not a BabyAI action")?,
        }
        f.write_str(
            ": expected one of \"turn left\", \"turn right\", \"go forward\", \"pick up\", \"drop\", \"toggle\"",
        )
    }
}

impl std::error::Error for ParseActionError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_indices_round_trip() {
        for (i, a) in BalrogAction::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(a.index()), i);
            assert_eq!(BalrogAction::from_index(i as u8), Some(a));
            assert_eq!(BalrogAction::from_exact(a.name()), Some(a));
            assert_eq!(BalrogAction::parse(a.name()), Ok(a));
            assert_eq!(a.to_string(), a.name());
        }
        assert_eq!(BalrogAction::from_index(6), None);
    }

    #[test]
    fn parser_words_spell_the_names() {
        for (a, (first, second)) in BalrogAction::ALL.into_iter().zip(WORDS) {
            let name = match second {
                Some(second) => format!("{first} {second}"),
                None => first.to_string(),
            };
            assert_eq!(name, a.name());
        }
    }

    #[test]
    fn lenient_on_case_and_spaces_only() {
        use BalrogAction::*;
        assert_eq!(BalrogAction::parse("  Turn   LEFT\n"), Ok(TurnLeft));
        assert_eq!(BalrogAction::parse("pick\tup"), Ok(PickUp));
        assert_eq!("TOGGLE".parse::<BalrogAction>(), Ok(Toggle));
        assert_eq!(BalrogAction::from_exact("Turn left"), None);
        for bad in [
            "pickup",
            "go forward.",
            "go",
            "go forward now",
            "turn",
            "done",
            "é",
        ] {
            let err = BalrogAction::parse(bad).unwrap_err();
            assert!(!err.is_empty(), "{bad}");
        }
        for empty in ["", "   ", "\n\t"] {
            assert!(BalrogAction::parse(empty).unwrap_err().is_empty());
        }
    }

    #[test]
    fn fallback_is_reported() {
        let ok = BalrogAction::parse_or("drop", BalrogAction::BALROG_DEFAULT);
        assert_eq!(ok.action, BalrogAction::Drop);
        assert!(!ok.was_fallback());
        let bad = BalrogAction::parse_or("I think I should go left", BalrogAction::BALROG_DEFAULT);
        assert_eq!(bad.action, BalrogAction::GoForward);
        assert!(bad.was_fallback());
        assert_eq!(
            bad.fallback.unwrap().to_string(),
            "not a BabyAI action: expected one of \"turn left\", \"turn right\", \"go forward\", \"pick up\", \"drop\", \"toggle\""
        );
    }
}
