//! Replays of recorded reference episodes: every observation, reward and flag compared.

pub mod alfworld;
pub mod babyai;
