//! Hostile game files and commands hit documented bounds with a clear error, not a hang,
//! a stack overflow or a panic (see docs/RELIABILITY.md).
use alfworld_core::pddl::parser::MAX_DEPTH;
use alfworld_core::testing::{TINY_DOMAIN, TINY_GRAMMAR, tiny_game_json, tw_pddl_json, with_goal};
use alfworld_core::{Game, GameEnv, Wording};

/// `n` nested existentials whose body is false, so an unbounded evaluation tries every
/// assignment (5^(n-1) for the tiny game's 5 objects).
fn nested_goal(n: usize) -> String {
    let mut g = String::new();
    for i in 0..n {
        g.push_str(&format!("(exists (?v{i} - object) "));
    }
    let last = n - 1;
    g.push_str(&format!("(and (= ?v0 ?v{last}) (not (= ?v0 ?v{last})))"));
    g.push_str(&")".repeat(n));
    g
}

#[test]
fn exponential_goals_are_refused_at_load() {
    // Found by review: an 11-variable goal took 2 s per step before the bound.
    let json = tw_pddl_json(TINY_DOMAIN, TINY_GRAMMAR, &with_goal(&nested_goal(11)));
    let err = Game::from_tw_pddl(&json).unwrap_err().to_string();
    assert!(err.contains("goal too expensive"), "{err}");
    // Small nests still load and evaluate.
    let json = tw_pddl_json(TINY_DOMAIN, TINY_GRAMMAR, &with_goal(&nested_goal(4)));
    let mut env = GameEnv::new(Game::from_tw_pddl(&json).unwrap(), Wording::V042);
    env.reset();
    assert!(!env.won());
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [MAX_DEPTH + 1, 100_000] {
        let deep = format!("{}{}", "(".repeat(depth), ")".repeat(depth));
        let err = alfworld_core::pddl::parse_problem(&deep).unwrap_err();
        assert!(err.to_string().contains("nested deeper"), "{err}");
        let json = tw_pddl_json(TINY_DOMAIN, TINY_GRAMMAR, &with_goal(&deep));
        assert!(Game::from_tw_pddl(&json).is_err());
        // Deeply nested JSON is refused by serde_json's own recursion limit.
        let json = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(Game::from_tw_pddl(&json).is_err());
    }
}

#[test]
fn huge_inputs_are_refused() {
    let big = "x".repeat(alfworld_core::pddl::lexer::MAX_INPUT + 1);
    let err = alfworld_core::pddl::parse_problem(&big).unwrap_err();
    assert!(err.to_string().contains("larger than"), "{err}");
}

#[test]
fn very_long_commands_are_nothing_happens() {
    let mut env = GameEnv::new(
        Game::from_tw_pddl(&tiny_game_json()).unwrap(),
        Wording::V042,
    );
    env.set_lenient(true);
    env.reset();
    let before = env.state().clone();
    for text in [
        "go to ".repeat(200_000),
        format!("take apple 1 from {}", " ".repeat(1_000_000)),
        "\u{0}\u{ffff}é".repeat(10_000),
    ] {
        assert_eq!(env.step_text(&text).feedback, "Nothing happens.");
        assert_eq!(env.state(), &before);
    }
}
