//! Drawing frames allocates nothing once the tiles they need are cached (a counting global
//! allocator watches this thread).

use babyai_core::render::{FrameOptions, Renderer, frame_size};
use babyai_core::{ACTIONS, make};

mod counting;
use counting::allocs;

#[test]
fn frames_after_warming_do_not_allocate() {
    let mut env = make("BabyAI-BossLevel-v0").unwrap();
    env.reset(3);
    let mut r = Renderer::new();
    r.warm(32).unwrap();
    r.warm(16).unwrap();
    let full = FrameOptions::default();
    let pov = FrameOptions::pov(16);
    let (w, h) = frame_size(env.env().world(), full).unwrap();
    let mut a = vec![0u8; w as usize * h as usize * 3];
    let mut c = Vec::with_capacity(112 * 112 * 3);
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let before = allocs();
    for _ in 0..300 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let _ = env.step(ACTIONS[(x % 7) as usize]);
        r.render_into(env.env().world(), full, &mut a).unwrap();
        r.render(env.env().world(), pov, &mut c).unwrap();
    }
    assert_eq!(allocs(), before);
    // The counter does see the renderer's allocations: a cold renderer allocates.
    let mut cold = Renderer::new();
    cold.render(env.env().world(), pov, &mut c).unwrap();
    assert!(allocs() > before);
}

#[test]
fn a_repeated_frame_does_not_allocate_without_warming() {
    let mut env = make("BabyAI-GoToLocal-v0").unwrap();
    env.reset(0);
    let mut r = Renderer::new();
    let mut out = Vec::new();
    let first = r.render(env.env().world(), FrameOptions::full(8, false), &mut out);
    let copy = out.clone();
    let before = allocs();
    for _ in 0..10 {
        assert_eq!(
            r.render(env.env().world(), FrameOptions::full(8, false), &mut out),
            first
        );
    }
    assert_eq!(allocs(), before);
    assert_eq!(out, copy);
}
