//! Batches of levels: serial and rayon stepping give bit-identical observations, rewards
//! and flags, in every auto-reset mode, and each env's episodes follow its derived seeds.

use babyai_core::view::OBS_LEN;
use babyai_core::{ACTIONS, Action, LevelEnv, make};
use env_api::{AutoResetMode, BatchOut, Observe, VecEnv, episode_seed};

const LEVELS: [&str; 4] = [
    "BabyAI-GoToLocal-v0",
    "BabyAI-BossLevel-v0",
    "BabyAI-PutNextLocal-v0",
    "BabyAI-UnlockPickup-v0",
];

/// Per-step outputs of a whole batch run, flattened for comparison.
#[derive(Debug, PartialEq)]
struct Run {
    obs: Vec<[u8; OBS_LEN]>,
    rewards: Vec<u64>,
    flags: Vec<(bool, bool)>,
    episodes: Vec<u64>,
}

fn actions(n: usize, t: u64) -> Vec<Action> {
    (0..n as u64)
        .map(|i| {
            let mut x =
                t.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (i + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x ^= x >> 31;
            ACTIONS[(x % 7) as usize]
        })
        .collect()
}

fn run(id: &str, n: usize, mode: AutoResetMode, steps: u64, shards: Option<usize>) -> Run {
    let envs: Vec<LevelEnv> = (0..n).map(|_| make(id).unwrap()).collect();
    let mut batch = VecEnv::new(envs, 0xB0B, mode);
    let mut obs = vec![[0u8; OBS_LEN]; n];
    let mut rew = vec![0.0; n];
    let (mut term, mut trunc) = (vec![false; n], vec![false; n]);
    let mut r = Run {
        obs: Vec::new(),
        rewards: Vec::new(),
        flags: Vec::new(),
        episodes: Vec::new(),
    };
    batch.observe_all(&mut obs).unwrap();
    r.obs.extend_from_slice(&obs);
    for t in 0..steps {
        let acts = actions(n, t);
        let out = BatchOut {
            obs: &mut obs,
            rewards: &mut rew,
            terminated: &mut term,
            truncated: &mut trunc,
        };
        match shards {
            None => batch.step(&acts, out).unwrap(),
            Some(s) => batch.step_par(&acts, out, s).unwrap(),
        }
        if mode == AutoResetMode::Disabled {
            for i in 0..n {
                if term[i] || trunc[i] {
                    batch.reset_one(i);
                }
            }
        }
        r.obs.extend_from_slice(&obs);
        r.rewards.extend(rew.iter().map(|x| x.to_bits()));
        r.flags
            .extend(term.iter().zip(&trunc).map(|(&a, &b)| (a, b)));
    }
    r.episodes = (0..n).map(|i| batch.episodes(i).unwrap()).collect();
    r
}

#[test]
fn serial_and_parallel_batches_are_bit_identical() {
    for id in LEVELS {
        for mode in [
            AutoResetMode::NextStep,
            AutoResetMode::SameStep,
            AutoResetMode::Disabled,
        ] {
            let serial = run(id, 9, mode, 300, None);
            assert!(
                serial.episodes.iter().any(|&e| e > 1) || serial.flags.iter().all(|f| !f.0),
                "{id}: episodes counted"
            );
            for shards in [1, 2, 4, 0] {
                let par = run(id, 9, mode, 300, Some(shards));
                assert!(serial == par, "{id} {mode:?} shards={shards}: differs");
            }
        }
    }
}

#[test]
fn batch_envs_start_from_their_derived_seeds() {
    let id = "BabyAI-GoToLocal-v0";
    let batch = VecEnv::new(vec![make(id).unwrap(); 3], 77, AutoResetMode::NextStep);
    let mut obs = vec![[0u8; OBS_LEN]; 3];
    batch.observe_all(&mut obs).unwrap();
    for (i, o) in obs.iter().enumerate() {
        let mut single = make(id).unwrap();
        single.reset(episode_seed(77, i as u64, 0));
        let mut want = [0u8; OBS_LEN];
        single.observe(&mut want);
        assert_eq!(o, &want, "env {i}");
        let mut reset_image = [0u8; OBS_LEN];
        single.reset_image(&mut reset_image);
        assert_eq!(
            o, &reset_image,
            "env {i}: GoToLocal's reset image is current"
        );
    }
}
