//! The full reference data recorded from the originals, `../shared/reference` beside the
//! checkout (where it comes from: `docs/RELIABILITY.md`). The tests that replay all of it
//! get its paths from [`path`]: when the folder is absent, [`path`] prints one
//! `skipped: ...` line (straight to stderr, so it shows without `--nocapture`) and the
//! test returns; when the environment variable `CI` is `true`, a missing folder fails the
//! test instead. Tests that must always run use the small fixtures under `tests/fixtures/`.
//! One copy for the workspace: each crate's `tests/reference/mod.rs` includes this file.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

/// The skip lines printed so far (a property test asks once per case; say it once).
static PRINTED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The reference folder beside this checkout (it may be absent).
pub fn root() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/reference"
    ))
}

/// Whether `CI=true` is set (then missing reference data fails the test).
fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// `rel` (e.g. `"babyai/public_traces.jsonl"`) inside the reference folder when the folder
/// is present (a file missing inside a present folder is the caller's read error), else
/// `None` after printing `skipped: TEST: REL (../shared/reference not present)`.
///
/// # Panics
/// When the folder is absent and `CI=true`.
pub fn path(rel: &str) -> Option<PathBuf> {
    let root = root();
    if root.is_dir() {
        return Some(root.join(rel));
    }
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("test");
    assert!(
        !ci(),
        "{test}: needs {rel}, but ../shared/reference is not present and CI=true \
         (see docs/RELIABILITY.md for where the reference data comes from)"
    );
    let line = format!("skipped: {test}: {rel} (../shared/reference not present)");
    let mut printed = PRINTED.lock().unwrap_or_else(|e| e.into_inner());
    if !printed.contains(&line) {
        // Not `eprintln!`: the test harness captures that; a skip must be seen.
        let _ = writeln!(std::io::stderr(), "{line}");
        printed.push(line);
    }
    None
}

/// The text of reference file `rel`, or `None` as for [`path`].
///
/// # Panics
/// When the folder is present but the file cannot be read, or as [`path`].
pub fn read(rel: &str) -> Option<String> {
    let p = path(rel)?;
    Some(std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
}
