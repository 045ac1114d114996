//! Benchmarks of the ALFWorld engine on a real-shaped kitchen game (15 receptacles, 20
//! objects; checked in under `alfworld-core/tests/fixtures`).
#![forbid(unsafe_code)]
use alfworld_core::{Game, GameEnv, Wording};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const GAME: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../alfworld-core/tests/fixtures/games/authored_v042/kitchen_pick_cool_then_place_in_recep-Tomato-None-DiningTable/game.tw-pddl"
));

/// A cycle of admissible commands that returns to its starting state.
const CYCLE: &[&str] = &[
    "go to countertop 1",
    "take knife 1 from countertop 1",
    "go to fridge 1",
    "open fridge 1",
    "examine fridge 1",
    "close fridge 1",
    "go to diningtable 1",
    "slice bread 1 with knife 1",
    "inventory",
    "go to countertop 1",
    "move knife 1 to countertop 1",
    "look",
];

fn bench_alfworld(c: &mut Criterion) {
    c.bench_function("alfworld/load_game", |b| {
        b.iter(|| black_box(Game::from_tw_pddl(black_box(GAME)).unwrap()))
    });
    let game = Game::from_tw_pddl(GAME).unwrap();
    let mut env = GameEnv::new(game, Wording::V042);
    c.bench_function("alfworld/reset", |b| {
        b.iter(|| black_box(env.reset().len()))
    });

    env.reset();
    for cmd in CYCLE {
        assert_ne!(env.step_text(cmd).feedback, "Nothing happens.", "{cmd}");
    }
    let mut i = 0;
    c.bench_function("alfworld/step_text_feedback", |b| {
        b.iter(|| {
            let out = env.step_text(black_box(CYCLE[i % CYCLE.len()]));
            i += 1;
            black_box(out.feedback.len())
        })
    });
    c.bench_function("alfworld/step_text_with_admissible_rendered", |b| {
        b.iter(|| {
            let n = env
                .step_text(black_box(CYCLE[i % CYCLE.len()]))
                .feedback
                .len();
            i += 1;
            black_box(n + env.admissible_texts().len())
        })
    });
}

criterion_group!(benches, bench_alfworld);
criterion_main!(benches);
