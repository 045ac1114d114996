//! `gridhouse replay …`: replay recorded reference episodes and compare every step.

pub mod alfworld;
pub mod babyai;
