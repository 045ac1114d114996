//! Stepping allocates nothing once the env's buffers have grown: feedback text, goal checks,
//! the admissible list and its rendering all reuse memory.
// A counting global allocator needs `unsafe impl GlobalAlloc`; it only forwards to `System`.
#![allow(unsafe_code)]

use alfworld_core::testing::tiny_game_json;
use alfworld_core::{Game, GameEnv, Wording};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const CYCLE: &[&str] = &[
    "go to countertop 1",
    "take apple 1 from countertop 1",
    "go to fridge 1",
    "open fridge 1",
    "move apple 1 to fridge 1",
    "take apple 1 from fridge 1",
    "close fridge 1",
    "go to countertop 1",
    "use desklamp 1",
    "move apple 1 to countertop 1",
    "look",
    "inventory",
    "help",
    "jump",
];

#[test]
fn steps_do_not_allocate() {
    let game = Game::from_tw_pddl(&tiny_game_json()).unwrap();
    let mut env = GameEnv::new(game, Wording::V042);
    let run = |env: &mut GameEnv| {
        env.reset();
        for _ in 0..3 {
            for c in CYCLE {
                let _ = env.step_text(c);
                let _ = env.admissible_texts().len();
            }
        }
    };
    run(&mut env); // warm-up: buffers grow to their working size
    let before = ALLOCS.load(Ordering::Relaxed);
    run(&mut env);
    assert_eq!(ALLOCS.load(Ordering::Relaxed) - before, 0);
}
