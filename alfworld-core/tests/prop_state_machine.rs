//! State-machine property tests over the authored reference games (the checked-in fixtures,
//! plus the shared reference games when they sit beside the checkout), driven by random
//! mixes of admissible commands and arbitrary structured commands (indices past the end
//! included):
//!
//! * every object is in exactly one kind of place: held, in one or more receptacles (ALFRED
//!   scenes put a few objects in two at once, e.g. a mug in a coffee machine on a counter,
//!   and never in more than they started with), or inside a receptacle object;
//! * every admissible command changes the state or answers something other than
//!   "Nothing happens.";
//! * every inadmissible command answers "Nothing happens." and changes nothing;
//! * `won` equals an independent evaluation of the task from `traj_data.json`, written here
//!   from ALFWorld's goal library (spec §5), not from the game's compiled `:goal`.
//!
//! The invariants live in the public `alfworld_core::proptest_support` module (feature
//! `proptest`), which users and `gridhouse check` run too.

mod common;

use alfworld_core::proptest_support::{
    self as pt, CheckedGame, CmdMove, Rule, check_walk, goal_holds,
};
use alfworld_core::{GameEnv, Wording};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn game_files(root: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(root) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            game_files(&p, out);
        } else if p.file_name().is_some_and(|n| n == "game.tw-pddl")
            && p.with_file_name("traj_data.json").is_file()
        {
            out.push(p);
        }
    }
}

fn cases() -> &'static [CheckedGame] {
    static CASES: OnceLock<Vec<CheckedGame>> = OnceLock::new();
    CASES.get_or_init(|| {
        let mut files = Vec::new();
        game_files(&common::fixture_dir().join("games"), &mut files);
        if let Some(r) = common::reference_dir() {
            game_files(&r.join("games"), &mut files);
        }
        let mut out = Vec::new();
        for f in files {
            let json = std::fs::read_to_string(&f).unwrap();
            let traj_text = std::fs::read_to_string(f.with_file_name("traj_data.json")).unwrap();
            // The unsolvable reference game is refused by design (see tests/loader.rs).
            if let Ok(c) = CheckedGame::load(&json, Some(&traj_text)) {
                out.push(c);
            }
        }
        assert!(out.len() >= 2, "fixture games missing");
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn rules_hold_on_reference_games(g in any::<u16>(), dialect in pt::wording(), walk in pt::walk(1..60)) {
        let cs = cases();
        let case = &cs[g as usize % cs.len()];
        let mut env = GameEnv::new(case.game.clone(), dialect);
        if let Err(f) = check_walk(&mut env, case, &walk) {
            prop_assert!(false, "{f}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn rules_hold_on_generated_task_set_games(
        g in pt::task_set_games("alfworld/valid_seen", Wording::V042),
        walk in pt::walk(1..40),
    ) {
        let mut env = GameEnv::new(g.game.clone(), Wording::V042);
        if let Err(f) = check_walk(&mut env, &g, &walk) {
            prop_assert!(false, "{} {f}\n{}", g.name.as_deref().unwrap_or("?"), pt::trace_line(&g, None, Wording::V042, &f.commands, Some(&f.violation)));
        }
    }
}

/// A broken rule is caught: a goal check that ignores the task (always "not won") is fed
/// the engine's states along the expert-free walks; shrinking gives a short walk, and the
/// trace line of the counterexample names the rule.
#[test]
fn a_wrong_goal_check_is_caught_with_a_shrunk_counterexample() {
    use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};
    let g =
        CheckedGame::task_set_game("alfworld/valid_seen/look_at_obj_in_light", 0, Wording::V042)
            .unwrap();
    let walkthrough =
        alfworld_core::generator::TaskSet::from_env_id("alfworld/valid_seen/look_at_obj_in_light")
            .unwrap()
            .game(0)
            .unwrap()
            .walkthrough(Wording::V042);
    // Break the rule: pretend the game is never won (a mutated state for the checker).
    let run = |walk: &[CmdMove]| -> Result<(), pt::Failure> {
        let mut env = GameEnv::new(g.game.clone(), Wording::V042);
        let commands = check_walk(&mut env, &g, walk)?;
        let _ = commands;
        if env.won() {
            return Err(pt::Failure {
                commands: Vec::new(),
                violation: pt::Violation::new(Rule::Custom("never-won"), "won", walk.len() - 1, ""),
            });
        }
        Ok(())
    };
    // Walks that follow the walkthrough, with junk interleaved: the expert's commands are
    // text moves, the junk structured garbage.
    let strategy = prop::collection::vec(prop::option::of(pt::walk(0..3)), walkthrough.len())
        .prop_map(move |junk| {
            let mut w = Vec::new();
            for (c, j) in walkthrough.iter().zip(junk) {
                w.extend(
                    j.into_iter()
                        .flatten()
                        .filter(|m| matches!(m, CmdMove::Garbage(..))),
                );
                w.push(CmdMove::Text(c.clone()));
            }
            w
        });
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases: 32,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let result = runner.run(&strategy, |w| {
        run(&w).map_err(|f| TestCaseError::fail(f.to_string()))
    });
    let Err(TestError::Fail(why, walk)) = result else {
        panic!("not caught: {result:?}");
    };
    assert!(why.to_string().contains("never-won"), "{why}");
    // Shrunk: the junk is gone, only the walkthrough's commands remain.
    assert!(
        walk.iter().all(|m| matches!(m, CmdMove::Text(_))),
        "not shrunk: {walk:?}"
    );
    let mut env = GameEnv::new(g.game.clone(), Wording::V042);
    let commands = check_walk(&mut env, &g, &walk).unwrap();
    let v = pt::Violation::new(
        Rule::Custom("never-won"),
        "won",
        commands.len() - 1,
        commands.last().unwrap().clone(),
    );
    let line = pt::trace_line(&g, None, Wording::V042, &commands, Some(&v));
    let parsed: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert!(
        g.name
            .as_ref()
            .is_some_and(|n| n.starts_with("valid_seen/"))
    );
    assert_eq!(parsed["game"].as_str(), g.name.as_deref());
    assert_eq!(parsed["violation"]["rule"], "never-won");
    assert_eq!(
        parsed["steps"].as_array().unwrap().last().unwrap()["won"],
        true
    );
}

/// The checker reports a mutated state instead of panicking.
#[test]
fn an_inadmissible_command_that_changed_the_state_is_reported() {
    let g = &cases()[0];
    let mut env = GameEnv::new(g.game.clone(), Wording::V042);
    env.reset();
    let before = env.state().clone();
    let cmd = env.admissible()[0];
    let _ = env.step(cmd);
    let after = env.state().clone();
    let v =
        pt::check_command_effect(false, &before, &after, "Nothing happens.", 3, "x").unwrap_err();
    assert_eq!((v.rule, v.step), (Rule::InadmissibleChangedState, 3), "{v}");
    assert!(goal_holds(&g.game, g.traj.as_ref().unwrap(), &after) == env.won());
}

/// The independent goal check also agrees along the recorded reference episodes, which do
/// reach their goals (so the `won = true` side is exercised, not only random walks).
#[test]
fn goal_check_agrees_along_reference_traces() {
    let Some(root) = common::reference_dir() else {
        return;
    };
    let (mut steps, mut wins) = (0, 0);
    for trace in ["traces.jsonl", "traces_v03dialect.jsonl"] {
        let text = std::fs::read_to_string(root.join(trace)).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let ep: serde_json::Value = serde_json::from_str(line).unwrap();
            let path = root.join(ep["gamefile"].as_str().unwrap());
            let traj = std::fs::read_to_string(path.with_file_name("traj_data.json")).unwrap();
            let traj = alfworld_core::game::TrajData::parse(&traj).unwrap();
            let game = common::load_game(&path);
            let mut env = GameEnv::new(game.clone(), game.wording());
            env.reset();
            for rec in ep["steps"].as_array().unwrap().iter().skip(1) {
                let won = env.step_text(rec["action"].as_str().unwrap()).won;
                assert_eq!(won, goal_holds(&game, &traj, env.state()));
                steps += 1;
                wins += usize::from(won);
            }
        }
    }
    assert!(steps > 0 && wins > 0, "{steps} steps, {wins} won");
}
