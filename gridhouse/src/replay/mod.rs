//! `gridhouse replay …`: re-play recorded reference traces and compare every step.

pub mod alfworld;
