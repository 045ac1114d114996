//! The renderers and the parser allocate nothing once the caller's buffer has grown.
//!
//! A counting global allocator wraps the system one and counts the test thread's allocations
//! only (the harness's other threads may allocate meanwhile).
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use text_render::babyai::{
    BalrogAction, VIEW_LEN, balrog_descriptions, balrog_text, describe_full, instruction_prompt,
};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Set on the test's own thread: the harness's other threads may allocate meanwhile.
    static WATCHED: Cell<bool> = const { Cell::new(false) };
}

fn count() {
    if WATCHED.with(Cell::get) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded unchanged to the system allocator; only a counter is added.
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

const FIXTURE: &str = include_str!("fixtures/balrog_views.txt");

#[test]
fn steady_state_allocates_nothing() {
    let views: Vec<[u8; VIEW_LEN]> = FIXTURE
        .lines()
        .map(|line| {
            let codes = line.split('\t').next().unwrap();
            let v: Vec<u8> = codes.split(',').map(|c| c.parse().unwrap()).collect();
            v.try_into().unwrap()
        })
        .collect();
    WATCHED.with(|w| w.set(true));
    let mut out = String::with_capacity(4096);
    let answers = ["  Turn LEFT ", "pick up", "nonsense", ""];
    let run = |out: &mut String| {
        for v in &views {
            out.clear();
            balrog_text(v, out).unwrap();
            out.clear();
            balrog_descriptions(v, out).unwrap();
            out.clear();
            describe_full(v, out).unwrap();
        }
        out.clear();
        instruction_prompt("put the red ball next to the blue key", out);
        answers
            .iter()
            .filter(|a| BalrogAction::parse_or(a, BalrogAction::BALROG_DEFAULT).was_fallback())
            .count()
    };
    assert_eq!(run(&mut out), 2);
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    assert_eq!(run(&mut out), 2);
    assert_eq!(ALLOCATIONS.load(Ordering::Relaxed) - before, 0);
}
