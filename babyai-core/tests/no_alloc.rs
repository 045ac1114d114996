//! Stepping and observing never allocate (a counting global allocator watches them).
#![allow(unsafe_code)]

use babyai_core::trace::parse_episode;
use babyai_core::view::OBS_LEN;
use babyai_core::{ACTIONS, BabyEnv};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    /// Allocations made by this thread (the harness's other threads allocate too).
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    ALLOCS.with(|n| n.set(n.get() + 1));
}

fn allocs() -> usize {
    ALLOCS.with(Cell::get)
}

// SAFETY: forwards every call to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn step_and_observe_do_not_allocate() {
    let fixture = include_str!("fixtures/traces_small.jsonl");
    let mut envs: Vec<BabyEnv> = fixture
        .lines()
        .map(|l| BabyEnv::from_recorded_state(&parse_episode(l).unwrap().state).unwrap())
        .collect();
    let mut obs = [0u8; OBS_LEN];
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let before = allocs();
    for env in &mut envs {
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let _ = env.step(ACTIONS[(x % 7) as usize]);
            env.observe(&mut obs);
        }
    }
    assert_eq!(allocs(), before);
    // The counter sees this thread's allocations.
    let probe = std::hint::black_box(vec![0u8; 64]);
    assert_eq!(allocs(), before + 1, "{}", probe.len());
}
