//! Property tests: no input makes the PDDL parser, the game loader or the command parser
//! panic; random walks over admissible commands keep the engine's invariants.
use alfworld_core::pddl::{parse_domain, parse_problem};
use alfworld_core::testing::{
    TINY_DOMAIN, TINY_GRAMMAR, TINY_PROBLEM, tiny_game_json, tw_pddl_json,
};
use alfworld_core::{Game, GameEnv, Wording};
use proptest::prelude::*;

/// Applies byte-level edits (delete, insert, replace) to `base`, keeping valid UTF-8.
fn mutate(base: &str, edits: &[(usize, u8, char)]) -> String {
    let mut s: Vec<char> = base.chars().collect();
    for &(at, op, c) in edits {
        if s.is_empty() {
            s.push(c);
            continue;
        }
        let i = at % s.len();
        match op % 3 {
            0 => {
                s.remove(i);
            }
            1 => s.insert(i, c),
            _ => s[i] = c,
        }
    }
    s.into_iter().collect()
}

fn pddl_char() -> impl Strategy<Value = char> {
    prop_oneof![
        Just('('),
        Just(')'),
        Just(' '),
        Just('\n'),
        Just('?'),
        Just('-'),
        Just(';'),
        Just(':'),
        Just('_'),
        any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn pddl_parser_never_panics_on_noise(s in proptest::collection::vec(pddl_char(), 0..400)) {
        let s: String = s.into_iter().collect();
        let _ = parse_problem(&s);
        let _ = parse_domain(&s);
    }

    #[test]
    fn pddl_parser_never_panics_on_edited_problems(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), pddl_char()), 1..8)
    ) {
        let s = mutate(TINY_PROBLEM, &edits);
        if let Err(e) = parse_problem(&s) {
            prop_assert!(e.pos().line >= 1 && e.pos().col >= 1);
            prop_assert!(!e.to_string().is_empty());
        }
        let d = mutate(TINY_DOMAIN, &edits);
        let _ = parse_domain(&d);
    }

    #[test]
    fn loader_never_panics_on_edited_games(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), pddl_char()), 1..6),
        which in 0u8..3,
        cmds in proptest::collection::vec(any::<u16>(), 0..12),
    ) {
        let (mut d, mut g, mut p) = (TINY_DOMAIN.to_string(), TINY_GRAMMAR.to_string(), TINY_PROBLEM.to_string());
        match which {
            0 => p = mutate(&p, &edits),
            1 => d = mutate(&d, &edits),
            _ => g = mutate(&g, &edits),
        }
        if let Ok(game) = Game::from_tw_pddl(&tw_pddl_json(&d, &g, &p)) {
            // Whatever loaded must play without panicking.
            let mut env = GameEnv::new(game, Wording::V042);
            env.reset();
            for c in cmds {
                let adm = env.admissible().to_vec();
                if adm.is_empty() { break; }
                let cmd = adm[c as usize % adm.len()];
                let _ = env.step(cmd);
            }
        }
    }

    #[test]
    fn loader_never_panics_on_raw_json(s in "\\PC{0,200}") {
        let _ = Game::from_tw_pddl(&s);
        let _ = Game::load(&tiny_game_json(), Some(&s), Default::default());
    }

    #[test]
    fn command_parser_never_panics(s in "\\PC{0,80}", lenient in any::<bool>()) {
        let game = Game::from_tw_pddl(&tiny_game_json()).unwrap();
        let mut env = GameEnv::new(game, Wording::V042);
        env.set_lenient(lenient);
        env.reset();
        let before = env.state().clone();
        let out = env.step_text(&s);
        if out.feedback == "Nothing happens." {
            prop_assert_eq!(&before, env.state());
        }
    }

    #[test]
    fn command_parser_on_near_commands(
        verb in prop::sample::select(vec!["go to ", "take ", "move ", "put ", "open ", "examine ", "use ", "slice ", "heat ", "clean ", "cool ", "close "]),
        a in prop::sample::select(vec!["apple 1", "apple 2", "knife 1", "mug 1", "desklamp 1", "fridge 1", "countertop 1", "sinkbasin 1", "microwave 1", "", " "]),
        mid in prop::sample::select(vec![" from ", " to ", " in/on ", " with ", "", " from  "]),
        b in prop::sample::select(vec!["apple 1", "knife 1", "fridge 1", "countertop 1", "sinkbasin 1", "", "x"]),
        walk in proptest::collection::vec(any::<u16>(), 0..6),
    ) {
        let game = Game::from_tw_pddl(&tiny_game_json()).unwrap();
        let mut env = GameEnv::new(game, Wording::V042);
        env.reset();
        for c in walk {
            let adm = env.admissible().to_vec();
            let _ = env.step(adm[c as usize % adm.len()]);
        }
        let text = format!("{verb}{a}{mid}{b}");
        let cmd = env.parse(&text);
        let admissible = env.admissible().to_vec();
        let out = env.step_text(&text);
        let accepted = out.feedback != "Nothing happens.";
        prop_assert_eq!(accepted, cmd.is_some_and(|c| admissible.contains(&c)));
    }

    #[test]
    fn random_walks_keep_invariants(walk in proptest::collection::vec(any::<u16>(), 1..60), v03 in any::<bool>()) {
        let game = Game::from_tw_pddl(&tiny_game_json()).unwrap();
        let dialect = if v03 { Wording::V03 } else { Wording::V042 };
        let mut env = GameEnv::new(game, dialect);
        env.reset();
        let mut text = String::new();
        for c in walk {
            let adm = env.admissible().to_vec();
            let sorted = adm.windows(2).all(|w| {
                let (mut x, mut y) = (String::new(), String::new());
                env.render_command(w[0], &mut x);
                env.render_command(w[1], &mut y);
                x < y
            });
            prop_assert!(sorted, "admissible list not strictly byte-sorted");
            let cmd = adm[c as usize % adm.len()];
            text.clear();
            env.render_command(cmd, &mut text);
            prop_assert_eq!(env.parse(&text), Some(cmd));
            let t = text.clone();
            let out = env.step_text(&t);
            prop_assert_ne!(out.feedback, "Nothing happens.");
            prop_assert_eq!(out.done, out.won);
        }
    }
}
