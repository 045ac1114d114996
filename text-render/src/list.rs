//! Joining a list of phrases into one, in the styles the reference engines use.

/// How a list of phrases is joined. The fields are the three strings of TextWorld's
/// grammar (`list_separator`, `list_last_separator`, `list_empty`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListStyle {
    /// Between items, except before the last.
    pub separator: &'static str,
    /// Before the last item (when there are at least two).
    pub last_separator: &'static str,
    /// Written instead of an empty list.
    pub empty: &'static str,
}

impl ListStyle {
    /// ALFWorld / TextWorld: `"a X, a Y, and a Z"`, two items as `"a X, and a Y"`
    /// (TextWorld's serial comma applies to pairs too), `"nothing"` when empty.
    pub const ALFWORLD: ListStyle = ListStyle {
        separator: ", ",
        last_separator: ", and ",
        empty: "nothing",
    };

    /// Ordinary English: `"X, Y and Z"`, `"X and Y"`, nothing written when empty.
    pub const PLAIN: ListStyle = ListStyle {
        separator: ", ",
        last_separator: " and ",
        empty: "",
    };
}

/// Appends `items` joined in `style` to `out`.
///
/// Items are anything that reads as a `&str`; nothing is allocated beyond `out`'s growth.
pub fn join_list<I, S>(out: &mut String, items: I, style: ListStyle)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut iter = items.into_iter().peekable();
    let Some(first) = iter.next() else {
        out.push_str(style.empty);
        return;
    };
    out.push_str(first.as_ref());
    while let Some(item) = iter.next() {
        let sep = if iter.peek().is_some() {
            style.separator
        } else {
            style.last_separator
        };
        out.push_str(sep);
        out.push_str(item.as_ref());
    }
}

/// Appends `items` joined in `style` to `out`, each item written as `prefix` followed by the
/// item (TextWorld's `{o.indefinite + ' ' + o.name}`: `"a apple 1, and a mug 2"`).
///
/// An empty list writes `style.empty` without the prefix. Nothing is allocated beyond `out`'s
/// growth.
pub fn join_list_prefixed<I, S>(out: &mut String, prefix: &str, items: I, style: ListStyle)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut iter = items.into_iter().peekable();
    let Some(first) = iter.next() else {
        out.push_str(style.empty);
        return;
    };
    out.push_str(prefix);
    out.push_str(first.as_ref());
    while let Some(item) = iter.next() {
        let sep = if iter.peek().is_some() {
            style.separator
        } else {
            style.last_separator
        };
        out.push_str(sep);
        out.push_str(prefix);
        out.push_str(item.as_ref());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(items: &[&str], style: ListStyle) -> String {
        let mut s = String::new();
        join_list(&mut s, items.iter(), style);
        s
    }

    #[test]
    fn alfworld_examples_from_the_spec() {
        let a = ListStyle::ALFWORLD;
        assert_eq!(joined(&[], a), "nothing");
        assert_eq!(joined(&["a apple 1"], a), "a apple 1");
        assert_eq!(
            joined(&["a lettuce 1", "a potato 1"], a),
            "a lettuce 1, and a potato 1"
        );
        assert_eq!(
            joined(&["a cd 1", "a desklamp 1", "a pencil 1"], a),
            "a cd 1, a desklamp 1, and a pencil 1"
        );
    }

    #[test]
    fn plain_style() {
        let p = ListStyle::PLAIN;
        assert_eq!(joined(&[], p), "");
        assert_eq!(joined(&["x", "y"], p), "x and y");
        assert_eq!(joined(&["x", "y", "z"], p), "x, y and z");
    }

    #[test]
    fn prefixed_lists() {
        let mut s = String::new();
        join_list_prefixed(&mut s, "a ", ["x 1", "y 2"], ListStyle::ALFWORLD);
        assert_eq!(s, "a x 1, and a y 2");
        s.clear();
        join_list_prefixed(&mut s, "a ", Vec::<&str>::new(), ListStyle::ALFWORLD);
        assert_eq!(s, "nothing");
    }

    #[test]
    fn appends_without_clearing() {
        let mut s = String::from("you see ");
        join_list(&mut s, ["a"], ListStyle::ALFWORLD);
        assert_eq!(s, "you see a");
    }
}
