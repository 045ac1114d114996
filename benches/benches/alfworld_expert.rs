//! Latency of the experts' next command: the oracle (a shortest plan rebuilt from the state)
//! at the reset state and in a state where it holds something else first, and the searcher's
//! choice, on generated kitchens (the largest rooms) and a pick-two game.
#![forbid(unsafe_code)]
use alfworld_core::expert::{Oracle, Searcher};
use alfworld_core::generator::{RoomKind, Split, TaskSet, TaskType, Wording, export};
use alfworld_core::{Command, Game, GameEnv, LoadOptions};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn load(task_type: TaskType, i: usize) -> Game {
    let set = TaskSet::filtered(Split::Train, Some(task_type), Some(RoomKind::Kitchen));
    let g = set.game(i).expect("a game");
    let json = export::tw_pddl_json(&g, Wording::V042).to_string();
    let traj = export::traj_data_json(&g).to_string();
    Game::load(&json, Some(&traj), LoadOptions::default()).expect("loads")
}

/// An env on `game` after taking the first takeable thing that is not part of the plan.
fn holding_junk(game: &Game) -> GameEnv {
    let mut env = GameEnv::new(game.clone(), game.wording());
    env.reset();
    let mut oracle = Oracle::new(game).unwrap();
    let plan: Vec<Command> = oracle.plan(game, env.state()).to_vec();
    for r in 0..game.receptacles().len() as u16 {
        let _ = env.step(Command::GoTo(r));
        let _ = env.step(Command::Open(r));
        let take = env
            .admissible()
            .iter()
            .copied()
            .find(|c| matches!(c, Command::Take(..)) && !plan.contains(c));
        if let Some(c) = take {
            let _ = env.step(c);
            return env;
        }
    }
    env
}

fn bench_experts(c: &mut Criterion) {
    for (label, task_type) in [
        ("heat", TaskType::PickHeatThenPlace),
        ("pick_two", TaskType::PickTwoObjAndPlace),
    ] {
        let game = load(task_type, 5);
        let mut env = GameEnv::new(game.clone(), game.wording());
        env.reset();
        let mut oracle = Oracle::new(&game).unwrap();
        c.bench_function(&format!("alfworld_expert/oracle_next_reset_{label}"), |b| {
            b.iter(|| black_box(oracle.next(&game, env.state())))
        });
        let junk = holding_junk(&game);
        c.bench_function(
            &format!("alfworld_expert/oracle_next_holding_{label}"),
            |b| b.iter(|| black_box(oracle.next(&game, junk.state()))),
        );
        let mut searcher = Searcher::new(&game).unwrap();
        c.bench_function(&format!("alfworld_expert/searcher_act_{label}"), |b| {
            b.iter(|| black_box(searcher.act(&mut env)))
        });
    }
}

criterion_group!(benches, bench_experts);
criterion_main!(benches);
