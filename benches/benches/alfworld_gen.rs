//! Benchmarks of the ALFRED-style generator: a household, a task-set game (household + task),
//! its export to `game.tw-pddl` text, export plus load by the engine, a reset to a new
//! generated game (task-set game to a playable env through [`Game::from_generated`]; no
//! cache), a restart of an already built game, and the compilation alone.
#![forbid(unsafe_code)]
use alfworld_core::generator::{Household, RoomKind, Split, Wording, export};
use alfworld_core::{Game, GameEnv};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench_gen(c: &mut Criterion) {
    let mut seed = 0u64;
    c.bench_function("alfworld_gen/household_kitchen", |b| {
        b.iter(|| {
            seed += 1;
            black_box(Household::alfred(13, seed).unwrap().objects.len())
        })
    });
    c.bench_function("alfworld_gen/household_procedural", |b| {
        b.iter(|| {
            seed += 1;
            black_box(Household::procedural(RoomKind::Kitchen, seed).objects.len())
        })
    });
    let mut i = 0u32;
    c.bench_function("alfworld_gen/train_game", |b| {
        b.iter(|| {
            i = (i + 1) % Split::Train.len();
            black_box(Split::Train.game(i).unwrap().task.object)
        })
    });
    let game = Split::Train.game(1234).unwrap();
    c.bench_function("alfworld_gen/export_text", |b| {
        b.iter(|| black_box(export::tw_pddl_json(&game, Wording::V042).to_string().len()))
    });
    c.bench_function("alfworld_gen/train_game_export_load", |b| {
        b.iter(|| {
            i = (i + 1) % Split::Train.len();
            let g = Split::Train.game(i).unwrap();
            let json = export::tw_pddl_json(&g, Wording::V042).to_string();
            black_box(Game::from_tw_pddl(&json).unwrap().receptacles().len())
        })
    });
    // (a) A reset to a NEW generated game, as `reset` on the train set gives: generate the
    // game of (split, index), compile it, build an env and render the intro. No cache.
    c.bench_function("alfworld_gen/reset_generated", |b| {
        b.iter(|| {
            i = (i + 1) % Split::Train.len();
            let g = Split::Train.game(i).unwrap();
            let game = Game::from_generated(&g, Wording::V042).unwrap();
            let mut env = GameEnv::new(game, alfworld_core::Wording::V042);
            black_box(env.reset().len())
        })
    });
    // (b) A restart of a game already built: state restore and intro.
    let mut env = GameEnv::new(
        Game::from_generated(&game, Wording::V042).unwrap(),
        alfworld_core::Wording::V042,
    );
    c.bench_function("alfworld_gen/restart_generated", |b| {
        b.iter(|| black_box(env.reset().len()))
    });
    c.bench_function("alfworld_gen/game_from_generated", |b| {
        b.iter(|| {
            black_box(
                Game::from_generated(&game, Wording::V042)
                    .unwrap()
                    .objects()
                    .len(),
            )
        })
    });
}

criterion_group!(benches, bench_gen);
criterion_main!(benches);
