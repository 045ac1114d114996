//! numpy's SeedSequence -> PCG64 -> integers/uniform stack against recorded vectors.

use babyai_core::rng::{Pcg64, seed_sequence_state};
use serde_json::Value;

/// A copy of the reference vectors (`tests/fixtures/README.md`).
const VECTORS: &str = include_str!("fixtures/rng_vectors.json");

#[test]
fn every_recorded_vector_matches() {
    let doc: Value = serde_json::from_str(VECTORS).expect("valid json");
    let vectors = doc["vectors"].as_array().expect("vectors array");
    assert!(!vectors.is_empty());
    let mut calls_checked = 0;
    for v in vectors {
        let seed = v["seed"].as_u64().expect("seed");
        let state: Vec<u64> = v["seed_sequence_uint64x4"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap())
            .collect();
        assert_eq!(seed_sequence_state(seed).to_vec(), state, "seed {seed}");
        let mut rng = Pcg64::from_seed(seed);
        for (k, raw) in v["first_next64"].as_array().unwrap().iter().enumerate() {
            assert_eq!(rng.next_u64(), raw.as_u64().unwrap(), "seed {seed} raw {k}");
        }
        let mut rng = Pcg64::from_seed(seed);
        for (k, call) in v["calls"].as_array().unwrap().iter().enumerate() {
            let c = call.as_array().unwrap();
            let lo = c[1].as_i64().unwrap();
            let hi = c[2].as_i64().unwrap();
            match c[0].as_str().unwrap() {
                "uniform" => {
                    let got = rng.uniform(lo as f64, hi as f64);
                    assert_eq!(got, c[3].as_f64().unwrap(), "seed {seed} call {k}");
                }
                "integers" => {
                    let got = rng.integers(lo, hi);
                    assert_eq!(got, c[3].as_i64().unwrap(), "seed {seed} call {k}");
                }
                other => panic!("unknown call kind {other}"),
            }
            calls_checked += 1;
        }
    }
    assert!(calls_checked >= 400);
}

#[test]
fn range_of_one_draws_nothing() {
    let mut a = Pcg64::from_seed(3);
    let mut b = a.clone();
    assert_eq!(a.integers(5, 6), 5);
    assert_eq!(a.rand_elem(&[9u8]), 9);
    assert_eq!(a, b);
    assert_eq!(a.integers(0, 4), b.integers(0, 4));
}

#[test]
fn uniform_keeps_the_buffered_half() {
    let mut a = Pcg64::from_seed(11);
    let mut b = Pcg64::from_seed(11);
    let first = a.next_u32();
    let _ = a.uniform(0.0, 1.0);
    let second = a.next_u32();
    let raw = b.next_u64();
    assert_eq!(first, raw as u32);
    assert_eq!(second, (raw >> 32) as u32);
}
