//! PDDL id mangling (ALFWorld's `fix_pddl_str_chars`) and the names ALFWorld's demangler gives
//! entities ("cabinet 3"), as the walkthrough needs them.

use super::household::Household;

/// ALFWorld's `fix_pddl_str_chars`: `-`→`_minus_`, `|`→`_bar_`, `+`→`_plus_`, `.`→`_dot_`,
/// `,`→`_comma_`.
pub fn mangle(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for ch in s.chars() {
        match ch {
            '-' => out.push_str("_minus_"),
            '|' => out.push_str("_bar_"),
            '+' => out.push_str("_plus_"),
            '.' => out.push_str("_dot_"),
            ',' => out.push_str("_comma_"),
            c => out.push(c),
        }
    }
    out
}

/// The demangler's prefix of a lowercased mangled id: the part before the first `_bar_`, plus
/// `basin` when the id contains it (`sinkbasin`, `bathtubbasin`).
fn prefix(key: &str) -> String {
    let head = key.split("_bar_").next().unwrap_or(key);
    if key.contains("basin") {
        format!("{head}basin")
    } else {
        head.to_string()
    }
}

/// Display names of a household's receptacles and objects, as ALFWorld's `AlfredDemangler`
/// (without shuffling) assigns them: per class, ids in sorted order get numbers from the highest
/// down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Names {
    /// Name of each receptacle, by index.
    pub receptacles: Vec<String>,
    /// Name of each object, by index.
    pub objects: Vec<String>,
}

/// Computes [`Names`] for a household.
pub fn names(h: &Household) -> Names {
    // (lowercased mangled id, prefix, is_object, index)
    let mut entries: Vec<(String, String, bool, usize)> = Vec::new();
    for (i, r) in h.receptacles.iter().enumerate() {
        let key = mangle(&r.id).to_ascii_lowercase();
        let p = prefix(&key);
        entries.push((key, p, false, i));
    }
    for (i, o) in h.objects.iter().enumerate() {
        let key = mangle(&o.id).to_ascii_lowercase();
        let p = prefix(&key);
        entries.push((key, p, true, i));
    }
    entries.sort();
    let mut out = Names {
        receptacles: vec![String::new(); h.receptacles.len()],
        objects: vec![String::new(); h.objects.len()],
    };
    let mut prefixes: Vec<(String, usize)> = Vec::new();
    for e in &entries {
        match prefixes.iter_mut().find(|(p, _)| *p == e.1) {
            Some(slot) => slot.1 += 1,
            None => prefixes.push((e.1.clone(), 1)),
        }
    }
    for (key_prefix, is_object, index) in entries.iter().map(|e| (&e.1, e.2, e.3)) {
        let Some(slot) = prefixes.iter_mut().find(|(p, _)| p == key_prefix) else {
            continue;
        };
        let name = format!("{} {}", key_prefix, slot.1);
        slot.1 -= 1;
        if is_object {
            out.objects[index] = name;
        } else {
            out.receptacles[index] = name;
        }
    }
    out
}
