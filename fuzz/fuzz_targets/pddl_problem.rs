#![no_main]
//! The PDDL problem parser alone, on arbitrary text: never panics; errors carry a 1-based
//! line and column and a non-empty message.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = alfworld_core::pddl::parse_problem(&text) {
        assert!(e.pos().line >= 1 && e.pos().col >= 1);
        assert!(!e.to_string().is_empty());
    }
});
