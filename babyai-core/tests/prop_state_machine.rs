//! State-machine property tests over registered levels, random seeds and action sequences
//! (a mix of the expert bot's moves and random actions, so episodes also succeed). The
//! invariants live in the public `babyai_core::proptest_support` module (feature
//! `proptest`), which users and `gridhouse check` run too:
//!
//! * the agent never stands in a wall or a closed/locked door;
//! * objects are conserved (no duplicates, none lost) except that a toggled box is replaced
//!   by its contents;
//! * a door changes state only when toggled from the front, and a locked door opens only when
//!   the agent carries a key of the door's colour;
//! * reward is positive exactly on the step the verifier reports success, and equals
//!   Minigrid's `1 - 0.9 * step_count / max_steps`;
//! * the world after each step and the 7x7 view equal the plain reference model's;
//! * for single-instruction missions (GoTo, Pickup, Open, PutNext) the engine's verdict equals
//!   an independent re-check written from Minigrid's `verifier.py` rules.
//!
//! Also: a deliberately broken wrapper (walks through walls) is caught with a shrunk
//! counterexample whose trace line replays.

use babyai_core::proptest_support::{
    self as pt, Failure, Move, Rule, Stepper, check_episode, trace_line,
};
use babyai_core::trace::{parse_episode, replay_from_state};
use babyai_core::{Action, BabyEnv, LEVEL_IDS, LevelEnv, Step, make};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestError, TestRunner};

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn rules_hold_on_random_levels(idx in 0usize..LEVEL_IDS.len(), seed in 0u64..100, plan in pt::moves(1..120)) {
        let mut level = make(LEVEL_IDS[idx]).unwrap();
        level.reset(seed);
        if let Err(f) = check_episode(&mut level, &plan) {
            let line = trace_line(level.id(), seed, &f.actions, Some(&f.violation)).unwrap();
            prop_assert!(false, "{}: {}\n{}", level.id(), f, line);
        }
    }

    #[test]
    fn rules_hold_on_balrog_tasks(id in pt::balrog_id(), seed in pt::seed(), plan in pt::moves(1..60)) {
        let mut env = babyai_core::balrog::MixedTrainLocal::from_id(id).unwrap();
        env.reset(seed);
        if let Err(f) = check_episode(&mut env, &plan) {
            prop_assert!(false, "{id}: {f}");
        }
    }

    #[test]
    fn reference_view_equals_fast_view_mid_episode(m in pt::mid_episode(80)) {
        let mut fast = [0u8; 147];
        m.level.env().observe(&mut fast);
        let model = pt::reference::RefWorld::from_world(m.level.env().world());
        prop_assert_eq!(model.observe().to_vec(), fast.to_vec());
    }
}

/// A broken rule for the tests: walking forward into a wall moves the agent anyway.
struct WallWalker(LevelEnv);

impl Stepper for WallWalker {
    fn env(&self) -> &BabyEnv {
        self.0.env()
    }
    fn step(&mut self, action: Action) -> Step {
        let w = self.0.env().world();
        let front = w.front_pos();
        let into_wall = action == Action::Forward
            && w.grid.in_bounds(front.0, front.1)
            && w.grid.get(front.0, front.1) == babyai_core::world::Cell::Wall
            && front.0 > 0
            && front.1 > 0
            && front.0 < w.grid.width() - 1
            && front.1 < w.grid.height() - 1;
        let s = self.0.step(action);
        if into_wall {
            self.0.env_mut().world_mut().agent_pos = front;
        }
        s
    }
}

#[test]
fn a_wall_walking_wrapper_is_caught_with_a_shrunk_replayable_counterexample() {
    // A 3x3 maze of rooms: inner walls (the wrapper leaves the outer ones alone).
    let id = "BabyAI-GoToObjMaze-v0";
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases: 64,
            failure_persistence: None,
            ..Config::default()
        },
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    let strategy = (0u64..50, pt::actions(1..80));
    let run = |seed: u64, acts: &[Action]| -> Result<Vec<Action>, Failure> {
        let mut level = make(id).unwrap();
        level.reset(seed);
        let moves: Vec<Move> = acts.iter().map(|&a| Move::Act(a)).collect();
        check_episode(&mut WallWalker(level), &moves)
    };
    let result = runner.run(&strategy, |(seed, acts)| {
        run(seed, &acts)
            .map(|_| ())
            .map_err(|f| TestCaseError::fail(f.to_string()))
    });
    let Err(TestError::Fail(_, (seed, acts))) = result else {
        panic!("the broken wrapper was not caught: {result:?}");
    };
    let failure = run(seed, &acts).unwrap_err();
    assert_eq!(
        failure.violation.rule,
        Rule::AgentOnBlockedCell,
        "{failure}"
    );
    // Shrunk: the list ends at the offending step and is short (rooms are 7 cells wide,
    // so a few turns and at most 6 forward moves reach an inner wall).
    assert_eq!(failure.violation.step + 1, failure.actions.len());
    assert!(
        failure.actions.len() <= 10,
        "not shrunk: {:?}",
        failure.actions
    );
    assert!(
        failure.actions.iter().all(|&a| a != Action::Pickup
            && a != Action::Drop
            && a != Action::Toggle
            && a != Action::Done),
        "not shrunk: {:?}",
        failure.actions
    );
    assert!(
        acts.len() <= failure.actions.len(),
        "trailing actions not shrunk: {acts:?}"
    );
    // The counterexample's trace replays on the real engine (which does not walk through
    // walls, so the trace records what the correct engine does with the same actions).
    let line = trace_line(id, seed, &failure.actions, Some(&failure.violation)).unwrap();
    assert!(line.contains("\"agent-on-blocked-cell\""));
    let ep = parse_episode(&line).unwrap();
    assert_eq!(ep.steps.len(), failure.actions.len().min(ep.steps.len()));
    replay_from_state(&ep).unwrap();
    babyai_core::levels::compare::replay_from_seed(&ep, ep.reset_image.as_ref()).unwrap();
}

#[test]
fn trace_lines_replay_from_seed_and_from_state() {
    for id in [
        "BabyAI-GoToRedBallGrey-v0",
        "BabyAI-PutNextLocal-v0",
        "BabyAI-UnlockPickup-v0",
    ] {
        for seed in [0, 7] {
            let acts = [
                Action::Left,
                Action::Forward,
                Action::Pickup,
                Action::Forward,
                Action::Toggle,
                Action::Drop,
            ];
            let line = trace_line(id, seed, &acts, None).unwrap();
            let ep = parse_episode(&line).unwrap();
            assert_eq!(ep.steps.len(), acts.len());
            assert_eq!(replay_from_state(&ep).unwrap(), acts.len());
            babyai_core::levels::compare::replay_from_seed(&ep, ep.reset_image.as_ref()).unwrap();
        }
    }
    for id in babyai_core::balrog::BALROG_TASKS {
        let line = trace_line(id, 3, &[Action::Forward, Action::Right], None).unwrap();
        let ep = parse_episode(&line).unwrap();
        babyai_core::balrog::replay_from_seed(&ep).unwrap();
    }
    assert!(trace_line("BabyAI-Nope-v0", 0, &[], None).is_err());
}

/// A corrupted world fed to the checker is reported, not panicked on.
#[test]
fn a_mutated_state_is_reported_by_the_step_check() {
    let mut level = make("BabyAI-GoToObjMaze-v0").unwrap();
    level.reset(4);
    let before = level.env().world().clone();
    let s = level.step(Action::Left);
    // Teleport the agent onto a wall after the step.
    let (w, h) = (before.grid.width(), before.grid.height());
    let wall = (0..w)
        .flat_map(|x| (0..h).map(move |y| (x, y)))
        .find(|&(x, y)| before.grid.get(x, y) == babyai_core::world::Cell::Wall)
        .unwrap();
    level.env_mut().world_mut().agent_pos = wall;
    let v = pt::check_step(&before, Action::Left, &s, level.env(), 5).unwrap_err();
    assert_eq!((v.rule, v.step), (Rule::AgentOnBlockedCell, 5));
    assert!(
        v.to_string()
            .starts_with("agent-on-blocked-cell at action 5"),
        "{v}"
    );
}

/// The reference diff catches a state change no other rule names: a door flipped by a turn.
#[test]
fn the_reference_model_catches_a_silently_flipped_door() {
    let mut level = make("BabyAI-GoToObjMaze-v0").unwrap();
    level.reset(2);
    let before = level.env().world().clone();
    let (id, pos, state) = pt::doors(&before)[0];
    let s = level.step(Action::Left);
    pt::check_reference_step(&before, Action::Left, level.env(), 0).unwrap();
    let flipped = match state {
        babyai_core::world::DoorState::Open => babyai_core::world::DoorState::Closed,
        _ => babyai_core::world::DoorState::Open,
    };
    level.env_mut().world_mut().grid.obj_mut(id).door = flipped;
    let v = pt::check_reference_step(&before, Action::Left, level.env(), 0).unwrap_err();
    assert_eq!(v.rule, Rule::ReferenceStepDiffers, "{v}");
    assert!(
        v.state.contains(&format!("cell ({}, {})", pos.0, pos.1)),
        "{v}"
    );
    let v = pt::check_step(&before, Action::Left, &s, level.env(), 0).unwrap_err();
    assert_eq!(v.rule, Rule::DoorChangedWithoutToggle, "{v}");
}
