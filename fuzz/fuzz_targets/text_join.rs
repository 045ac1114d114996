#![no_main]
//! Joining arbitrary items never panics and always contains every item.
use libfuzzer_sys::fuzz_target;
use text_render::{ListStyle, join_list};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let items: Vec<&str> = text.split('\n').collect();
    let mut out = String::new();
    join_list(&mut out, &items, ListStyle::ALFWORLD);
    for item in &items {
        assert!(out.contains(item));
    }
});
