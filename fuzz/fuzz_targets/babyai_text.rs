#![no_main]
//! BabyAI text on arbitrary bytes: the first 147 bytes are a view image, the rest an LLM answer.
//! Nothing panics; the BALROG renderers agree; an invalid image writes nothing.
use libfuzzer_sys::fuzz_target;
use text_render::babyai::{
    BalrogAction, VIEW_LEN, balrog_descriptions, balrog_text, describe_full,
};

fuzz_target!(|data: &[u8]| {
    let mut image = [0u8; VIEW_LEN];
    let n = data.len().min(VIEW_LEN);
    image[..n].copy_from_slice(&data[..n]);
    let (mut t, mut d, mut f) = (String::new(), String::new(), String::new());
    let rt = balrog_text(&image, &mut t);
    assert_eq!(rt, balrog_descriptions(&image, &mut d));
    assert_eq!(rt.is_ok(), describe_full(&image, &mut f).is_ok());
    if rt.is_ok() {
        assert_eq!(d.replace("You see ", ""), t);
    } else {
        assert!(t.is_empty() && d.is_empty() && f.is_empty());
    }
    let answer = String::from_utf8_lossy(&data[n..]);
    let parsed = BalrogAction::parse_or(&answer, BalrogAction::BALROG_DEFAULT);
    assert_eq!(parsed.was_fallback(), BalrogAction::parse(&answer).is_err());
});
