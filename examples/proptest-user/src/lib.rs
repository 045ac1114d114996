//! A user's property tests over Gridhouse envs (see `tests/properties.rs`): the crate
//! depends only on `gridhouse` with feature `proptest` and states one rule over BabyAI and
//! one over ALFWorld in a few lines each. Run them with
//! `cargo test -p gridhouse-proptest-user --release`.
//!
//! The one helper here turns a [`Violation`](gridhouse::babyai_core::proptest_support::Violation)
//! into a proptest failure, so a property body can use `?`.

use gridhouse::babyai_core::proptest_support::proptest::test_runner::TestCaseError;

/// A failed rule as a proptest test-case failure (with the violation's text).
pub fn fail(v: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(v.to_string())
}
