//! Two user-written rules, property-tested with Gridhouse's strategies.

use gridhouse::alfworld_core::proptest_support::{self as alf, Rule as AlfRule};
use gridhouse::alfworld_core::{Command, GameEnv, Wording};
use gridhouse::babyai_core::proptest_support::proptest::prelude::*;
use gridhouse::babyai_core::proptest_support::{self as baby, Rule, Violation};
use gridhouse_proptest_user::fail;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// BabyAI, through the front door and BALROG's text actions (garbage included): only
    /// "go forward" moves the agent, and by one cell.
    #[test]
    fn only_go_forward_moves_the_agent(id in baby::level_id(), seed in baby::seed(), acts in baby::balrog_text_actions(1..50)) {
        let mut env = gridhouse::make(id).unwrap();
        env.reset(seed).unwrap();
        for (i, a) in acts.iter().enumerate() {
            let before = env.babyai().unwrap().env().agent_pos();
            let (step, valid) = env.step_lenient(a);
            let after = env.babyai().unwrap().env().agent_pos();
            let dist = (after.0 - before.0).abs() + (after.1 - before.1).abs();
            let forward = a == "go forward" || !valid; // BALROG's default action is "go forward"
            if dist > usize::from(forward) as i32 {
                return Err(fail(Violation::new(Rule::Custom("moved without going forward"), format!("{a:?}: {before:?} -> {after:?}"), i)));
            }
            if step.terminated || step.truncated { break; }
        }
    }

    /// ALFWorld, generated games of a task set, random walks with garbage: `look` never
    /// changes the state, and the engine's own invariants hold along the way.
    #[test]
    fn look_is_read_only(g in alf::task_set_games("alfworld/valid_unseen", Wording::V042), walk in alf::walk(1..30)) {
        let mut env = GameEnv::new(g.game.clone(), Wording::V042);
        alf::check_walk(&mut env, &g, &walk).map_err(fail)?;
        let before = env.state().clone();
        let _ = env.step(Command::Look);
        if env.state() != &before {
            return Err(fail(alf::Violation::new(AlfRule::Custom("look changed the state"), "", walk.len(), "look")));
        }
    }
}
