//! ALFWorld's demangler: PDDL ids to names like `"cabinet 3"`.
//!
//! Ids are walked in sorted order; the class prefix is the text before the first `_bar_`
//! (with `basin` appended when the id mentions a basin, so `sink_bar_…_bar_sinkbasin` is a
//! `sinkbasin`). Each prefix's numbers `1..=n` are handed out from the top, so the first id in
//! sorted order gets the highest number. Ids without `_bar_` keep their whole text followed by
//! a space and no number (`"cd "`).

/// Names for `sorted_ids` (which must be sorted and lowercased), in the same order.
pub fn demangle(sorted_ids: &[&str]) -> Vec<String> {
    let prefixes: Vec<Option<String>> = sorted_ids.iter().map(|id| prefix(id)).collect();
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for p in prefixes.iter().flatten() {
        *counts.entry(p.as_str()).or_insert(0) += 1;
    }
    let mut out = Vec::with_capacity(sorted_ids.len());
    for (id, p) in sorted_ids.iter().zip(&prefixes) {
        match p {
            Some(p) => {
                let n = counts.get_mut(p.as_str()).map_or(0, |c| {
                    let n = *c;
                    *c = c.saturating_sub(1);
                    n
                });
                out.push(format!("{p} {n}"));
            }
            None => out.push(format!("{id} ")),
        }
    }
    out
}

/// The class prefix of a mangled id, or `None` for an id without `_bar_`.
pub fn prefix(id: &str) -> Option<String> {
    let cut = id.find("_bar_")?;
    let mut p = id[..cut].to_string();
    if id.contains("basin") {
        p.push_str("basin");
    }
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_run_backwards_over_sorted_ids() {
        let ids = [
            "cabinet_bar__minus_01_dot_18",
            "cabinet_bar__minus_01_dot_55",
            "cabinet_bar__plus_00_dot_68",
            "cd",
            "sink_bar__minus_00_dot_11_bar_sinkbasin",
        ];
        assert_eq!(
            demangle(&ids),
            vec!["cabinet 3", "cabinet 2", "cabinet 1", "cd ", "sinkbasin 1"]
        );
    }
}
