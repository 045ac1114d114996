//! The byte-shuffle decode of Gridhouse's BabyAI 7x7x3 observation (x86_64, SSSE3 or AVX2,
//! chosen at run time), and nothing else.
//!
//! This crate holds the workspace's only `unsafe` code: unaligned 16- and 32-byte loads and
//! stores, and calls into functions compiled with the `ssse3` or `avx2` target feature. Such
//! a call happens only through a token ([`Ssse3`], [`Avx2`]) that exists only after
//! `is_x86_feature_detected!` said the CPU has the feature. Every `unsafe` block states its
//! safety argument beside it (`clippy::undocumented_unsafe_blocks` is denied here).
//!
//! # What is decoded
//! The caller (`babyai-core`'s view) gives the view's 7x7 cells as one code byte each, in
//! eight `u64` *lines*: line `l` byte `i` is the cell of view column `l`, view row `i`
//! (column layout), or of view row `l`, view column `i` when `rows` (row layout); line 7 and
//! byte 7 of each line are ignored. Cell `(vx, vy)` of code `c` decodes to the three bytes
//! `[types[s], colors[c & 15], states[s]]` with `s = (c >> 3) & 15` ([`Tables`]), written at
//! `out[(vx * 7 + vy) * 3..][..3]` (Minigrid's `[x][y][channel]` layout). The tables' entry
//! 15 are 0, so the code `0xFF` decodes to `(0, 0, 0)`, Minigrid's unseen cell.
//!
//! [`Avx2::observe_lines`] also does the masking: a code whose bit 7 is clear is
//! transparent; the caller's visibility function turns the transparency bits into the
//! visible cells, and every cell not visible decodes as `0xFF`.
//!
//! The tests in this crate compare every path with a plain scalar decode written from the
//! description above, on random tables and random codes.
// The workspace denies `unsafe_code`; this crate exists to confine it.
#![allow(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

/// Bytes of a 7x7x3 observation.
pub const OBS_LEN: usize = 7 * 7 * 3;

/// The three 16-entry decode tables: a code's bits 3 to 6 (its *slot*) select the type and
/// the state, its low nibble the colour. Entry 15 of each must be 0 for the unseen code
/// `0xFF` to decode to `(0, 0, 0)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C, align(16))]
pub struct Tables {
    /// Observation type of each slot.
    pub types: [u8; 16],
    /// Observation colour of each low nibble.
    pub colors: [u8; 16],
    /// Observation state of each slot.
    pub states: [u8; 16],
}

#[cfg(target_arch = "x86_64")]
mod x86;
#[cfg(target_arch = "x86_64")]
pub use x86::{Avx2, Decoder, Ssse3};

#[cfg(all(test, target_arch = "x86_64"))]
mod tests;
