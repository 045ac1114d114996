//! A global allocator that counts the allocations of each thread, shared by the
//! allocation tests (`mod counting;` installs it in that test binary).
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    /// Allocations made by this thread (the harness's other threads allocate too).
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
    /// The largest single allocation (or reallocation) this thread has asked for, in bytes.
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

fn count(size: usize) {
    ALLOCS.with(|n| n.set(n.get() + 1));
    LARGEST.with(|m| m.set(m.get().max(size)));
}

/// The largest single allocation this thread has asked for so far, in bytes.
#[allow(dead_code)]
pub fn largest() -> usize {
    LARGEST.with(Cell::get)
}

/// Allocations (and reallocations) this thread has made so far.
#[allow(dead_code)]
pub fn allocs() -> usize {
    ALLOCS.with(Cell::get)
}

// SAFETY: forwards every call to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;
