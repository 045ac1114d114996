//! Every (image, text) pair of the recorded BabyAI reference files must render word for word.
//!
//! The files live in the shared reference folder beside the checkout; if it is absent the
//! tests print a `skipped:` line and pass, or fail under `CI=true` (see `mod reference`);
//! the checked-in fixture tests (`babyai_text.rs`) still run.

use serde_json::Value;
use text_render::babyai::{VIEW_LEN, balrog_descriptions, balrog_text};

mod reference;

/// Every (context, image, text) pair of one reference file.
fn pairs(file: &str) -> Option<Vec<(String, [u8; VIEW_LEN], String)>> {
    let data = reference::read(&format!("babyai/{file}"))?;
    let mut out = Vec::new();
    for (line_no, line) in data.lines().enumerate() {
        let ep: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{file}:{}: {e}", line_no + 1));
        let ctx = format!(
            "{file}:{} {} seed {}",
            line_no + 1,
            ep["env_id"].as_str().unwrap_or("?"),
            ep["seed"]
        );
        let mut push = |what: String, image: &Value, text: &Value| {
            let image: Vec<u8> = image
                .as_array()
                .expect("image array")
                .iter()
                .map(|v| u8::try_from(v.as_u64().expect("image value")).expect("u8"))
                .collect();
            let image: [u8; VIEW_LEN] = image.try_into().expect("147 values");
            out.push((what, image, text.as_str().expect("text").to_owned()));
        };
        push(
            format!("{ctx} reset"),
            &ep["reset_image"],
            &ep["reset_text"],
        );
        if ep.get("true_image").is_some() {
            push(format!("{ctx} true"), &ep["true_image"], &ep["true_text"]);
        }
        if let Some(steps) = ep["steps"].as_array() {
            for (i, s) in steps.iter().enumerate() {
                push(format!("{ctx} step {i}"), &s["image"], &s["text"]);
            }
        }
    }
    Some(out)
}

fn check_file(file: &str) {
    let Some(pairs) = pairs(file) else { return };
    let mut text = String::new();
    let mut desc = String::new();
    let mut failures = 0;
    for (ctx, image, want) in &pairs {
        text.clear();
        let n = balrog_text(image, &mut text).unwrap_or_else(|e| panic!("{ctx}: {e}"));
        if &text != want {
            failures += 1;
            if failures <= 5 {
                eprintln!("{ctx}:\n  want {want:?}\n  got  {text:?}");
            }
        }
        // The descriptions are the same lines with "You see " in front of each seen thing.
        desc.clear();
        assert_eq!(balrog_descriptions(image, &mut desc), Ok(n), "{ctx}");
        let rebuilt: Vec<String> = desc
            .split('\n')
            .map(|d| d.replace("You see ", ""))
            .collect();
        if n > 0 {
            assert_eq!(rebuilt.join("\n"), text, "{ctx}");
            assert!(
                desc.split('\n')
                    .all(|d| d.starts_with("You see a ") || d.starts_with("You carry a ")),
                "{ctx}: {desc:?}"
            );
        } else {
            assert!(desc.is_empty() && text.is_empty(), "{ctx}");
        }
    }
    assert_eq!(
        failures,
        0,
        "{file}: {failures} of {} texts differ",
        pairs.len()
    );
    eprintln!("{file}: {} texts match", pairs.len());
}

#[test]
fn public_traces_match() {
    check_file("public_traces.jsonl");
}

#[test]
fn resets_match() {
    check_file("resets_public.jsonl");
}

#[test]
fn mixed_train_local_matches() {
    check_file("mixed_public.jsonl");
}
