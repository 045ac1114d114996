#![no_main]
//! The BabyAI mission parser never panics on any text, and parsing is deterministic.
use babyai_core::instr::parse_mission;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let first = parse_mission(text);
    assert_eq!(first, parse_mission(text));
});
