//! The reference-data helper shared by every crate's tests (one copy: `testing/reference.rs`).
#[path = "../../../testing/reference.rs"]
mod shared;
#[allow(unused_imports)]
pub use shared::*;
