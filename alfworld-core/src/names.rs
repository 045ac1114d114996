//! ALFWorld's demangler: PDDL ids to names like `"cabinet 3"`.
//!
//! Ids are walked in sorted order; the class prefix is the text before the first `_bar_`
//! (with `basin` appended when the id mentions a basin, so `sink_bar_…_bar_sinkbasin` is a
//! `sinkbasin`). Each prefix's numbers `1..=n` are handed out from the top, so the first id in
//! sorted order gets the highest number. Ids without `_bar_` keep their whole text followed by
//! a space and no number (`"cd "`).

use text_render::push_uint;

/// Names for `sorted_ids` (which must be sorted and lowercased), in the same order.
pub fn demangle(sorted_ids: &[&str]) -> Vec<String> {
    // The prefix of an id as (text before `_bar_`, mentions `basin`): distinct pairs are
    // distinct prefixes (a head that mentions `basin` always gets `basin` appended).
    let keys: Vec<Option<(&str, bool)>> = sorted_ids
        .iter()
        .map(|id| {
            let cut = id.find("_bar_")?;
            Some((&id[..cut], id.contains("basin")))
        })
        .collect();
    // Ids grouped by prefix, each group in id order (a stable sort): the k-th of a group of
    // n gets number n - k.
    let mut order: Vec<u32> = (0..sorted_ids.len() as u32)
        .filter(|&i| keys[i as usize].is_some())
        .collect();
    order.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
    let mut numbers = vec![0u32; sorted_ids.len()];
    for group in order.chunk_by(|&a, &b| keys[a as usize] == keys[b as usize]) {
        let n = group.len() as u32;
        for (k, &i) in group.iter().enumerate() {
            numbers[i as usize] = n - k as u32;
        }
    }
    let mut out = Vec::with_capacity(sorted_ids.len());
    for ((id, key), &n) in sorted_ids.iter().zip(&keys).zip(&numbers) {
        let mut name = String::with_capacity(id.len().min(24) + 10);
        match key {
            Some((head, basin)) => {
                name.push_str(head);
                if *basin {
                    name.push_str("basin");
                }
                name.push(' ');
                push_uint(&mut name, u64::from(n));
            }
            None => {
                name.push_str(id);
                name.push(' ');
            }
        }
        out.push(name);
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

    /// The plain statement of the rule, for comparison.
    fn reference(sorted_ids: &[&str]) -> Vec<String> {
        let prefixes: Vec<Option<String>> = sorted_ids.iter().map(|id| prefix(id)).collect();
        let mut counts = std::collections::BTreeMap::new();
        for p in prefixes.iter().flatten() {
            *counts.entry(p.clone()).or_insert(0usize) += 1;
        }
        sorted_ids
            .iter()
            .zip(&prefixes)
            .map(|(id, p)| match p {
                Some(p) => {
                    let c = counts.get_mut(p).unwrap();
                    *c -= 1;
                    format!("{p} {}", *c + 1)
                }
                None => format!("{id} "),
            })
            .collect()
    }

    #[test]
    fn matches_the_plain_rule() {
        let mut ids = vec![
            "sink_bar_1_bar_sinkbasin",
            "sinkbasin_bar_2",
            "sinkbasinbasin_bar_3",
            "a_bar_basin",
            "a_bar_x",
            "a_bar_y",
            "abasin_bar_z",
            "cd",
            "loc_bar_1",
            "loc_bar_10",
            "loc_bar_2",
            "apple_bar_1",
            "apple_bar_2",
            "apple_bar_3",
            "x_bar_",
        ];
        ids.extend((0..120).map(|i| {
            if i % 3 == 0 {
                "cabinet_bar_q"
            } else {
                "drawer_bar_q"
            }
        }));
        ids.sort_unstable();
        assert_eq!(demangle(&ids), reference(&ids));
    }

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
