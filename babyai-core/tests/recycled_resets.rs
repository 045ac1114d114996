//! Recycled resets are independent: `LevelEnv::reset` regenerates into the env's previous
//! world and parks a per-thread spare world meanwhile, and generation keeps per-thread
//! scratch lists. Here many envs of different levels (and BALROG's `MixedTrainLocal`
//! kinds) are reset and stepped interleaved on one thread, and after every operation each
//! env is compared with a fresh env built on its own new thread (no spare, no scratch) and
//! fed the same episode: the whole env state, the observation, the reset observation, the
//! mission, the BALROG text and every step result must be equal.

use babyai_core::balrog::{MixedKind, MixedTrainLocal};
use babyai_core::view::OBS_LEN;
use babyai_core::{Action, BabyEnv, LevelEnv, make};

/// Levels of every shape: one room, room grids of several sizes, mazes, doors, boxes,
/// carrying starts (stale reset image), and the largest level.
const LEVELS: [&str; 14] = [
    "BabyAI-GoToLocal-v0",
    "BabyAI-BossLevel-v0",
    "BabyAI-GoToRedBallNoDists-v0",
    "BabyAI-KeyCorridorS3R3-v0",
    "BabyAI-KeyCorridorS6R3-v0",
    "BabyAI-PutNextLocalS5N3-v0",
    "BabyAI-PutNextS7N4Carrying-v0",
    "BabyAI-UnlockPickup-v0",
    "BabyAI-BlockedUnlockPickup-v0",
    "BabyAI-GoToObjMazeS4-v0",
    "BabyAI-SynthLoc-v0",
    "BabyAI-MiniBossLevel-v0",
    "BabyAI-OpenDoorsOrderN4-v0",
    "BabyAI-KeyInBox-v0",
];

const KINDS: [MixedKind; 5] = [
    MixedKind::GoTo,
    MixedKind::Pickup,
    MixedKind::Open,
    MixedKind::PutNext,
    MixedKind::PickUpSeqGoTo,
];

/// One env under test: a registered level or a BALROG kind.
enum Subject {
    Level(LevelEnv),
    Mixed(MixedTrainLocal),
}

impl Subject {
    fn reset(&mut self, seed: u64) {
        match self {
            Subject::Level(e) => e.reset(seed),
            Subject::Mixed(e) => e.reset(seed),
        }
    }

    fn env(&self) -> &BabyEnv {
        match self {
            Subject::Level(e) => e.env(),
            Subject::Mixed(e) => e.env(),
        }
    }

    fn step(&mut self, a: Action) -> env_api::Step {
        match self {
            Subject::Level(e) => e.step(a),
            Subject::Mixed(e) => e.step(a),
        }
    }

    fn reset_image(&self) -> [u8; OBS_LEN] {
        let mut out = [0u8; OBS_LEN];
        match self {
            Subject::Level(e) => e.reset_image(&mut out),
            Subject::Mixed(e) => e.env().observe(&mut out),
        }
        out
    }

    /// A fresh env of the same level at `seed`, generated on a new thread.
    fn fresh(&self, seed: u64) -> Subject {
        match self {
            Subject::Level(e) => {
                let spec = e.spec();
                std::thread::spawn(move || Subject::Level(LevelEnv::new(spec, seed)))
                    .join()
                    .unwrap()
            }
            Subject::Mixed(e) => {
                let kind = e.kind();
                std::thread::spawn(move || {
                    let mut m = MixedTrainLocal::new(kind, 0).unwrap();
                    m.reset(seed);
                    Subject::Mixed(m)
                })
                .join()
                .unwrap()
            }
        }
    }
}

/// Everything observable about an env, compared between the recycled and the fresh one.
fn assert_same(got: &Subject, want: &Subject, what: &str) {
    assert!(got.env() == want.env(), "{what}: env state differs");
    let (mut a, mut b) = ([0u8; OBS_LEN], [0u8; OBS_LEN]);
    got.env().observe(&mut a);
    want.env().observe(&mut b);
    assert_eq!(a, b, "{what}: observation");
    assert_eq!(got.env().mission(), want.env().mission(), "{what}: mission");
    let (mut ta, mut tb) = (String::new(), String::new());
    got.env().balrog_text(&mut ta);
    want.env().balrog_text(&mut tb);
    assert_eq!(ta, tb, "{what}: BALROG text");
}

/// A xorshift stream (fixed seed: the schedule is reproducible).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn interleaved_recycled_resets_equal_fresh_envs() {
    // Two envs of each level and kind, so envs of the same level also recycle each other's
    // worlds.
    let mut envs: Vec<Subject> = Vec::new();
    for _ in 0..2 {
        for id in LEVELS {
            envs.push(Subject::Level(make(id).unwrap()));
        }
        for kind in KINDS {
            envs.push(Subject::Mixed(MixedTrainLocal::new(kind, 0).unwrap()));
        }
    }
    let mut fresh: Vec<Subject> = envs.iter().map(|e| e.fresh(0)).collect();
    let mut name: Vec<String> = envs
        .iter()
        .map(|e| match e {
            Subject::Level(l) => format!("{} seed 0", l.id()),
            Subject::Mixed(m) => format!("MixedTrainLocal/{} seed 0", m.kind().name()),
        })
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut resets, mut steps, mut ends) = (0, 0, 0);
    for op in 0..12_000 {
        let i = rng.below(envs.len() as u64) as usize;
        if rng.below(8) == 0 {
            let seed = rng.below(1 << 40);
            envs[i].reset(seed);
            fresh[i] = envs[i].fresh(seed);
            name[i] = format!("{} seed {seed}", name[i].split(" seed").next().unwrap());
            assert_eq!(
                envs[i].reset_image(),
                fresh[i].reset_image(),
                "op {op}, {}: reset image",
                name[i]
            );
            resets += 1;
        } else {
            let a = Action::try_from(rng.below(7) as u8).unwrap();
            let (got, want) = (envs[i].step(a), fresh[i].step(a));
            assert_eq!(got, want, "op {op}, {}: step {a:?}", name[i]);
            steps += 1;
            ends += usize::from(got.terminated || got.truncated);
        }
        assert_same(&envs[i], &fresh[i], &format!("op {op}, {}", name[i]));
    }
    // The schedule really interleaves many resets of every env, and some episodes end.
    assert!(
        resets > 1_000 && steps > 9_000 && ends > 0,
        "{resets} {steps} {ends}"
    );
}
