//! Hostile input hits documented bounds with a clear error, never a panic, a stack overflow
//! or a hang (see docs/RELIABILITY.md): very long or deeply nested mission text, huge and
//! deeply nested trace lines, out-of-range action indices and text actions.
use babyai_core::instr::parse_mission;
use babyai_core::trace::parse_episode;
use babyai_core::{Action, make};
use text_render::babyai::BalrogAction;

#[test]
fn very_long_missions_are_errors() {
    let long = "go to the red ball and ".repeat(50_000);
    assert!(parse_mission(&long).is_err());
    let chain = "go to the red ball, then ".repeat(50_000) + "go to the red ball";
    assert!(parse_mission(&chain).is_err());
    let words = "the ".repeat(200_000);
    let e = parse_mission(&words).unwrap_err();
    assert!(!e.to_string().is_empty());
}

#[test]
fn huge_and_deeply_nested_trace_lines_are_errors() {
    for depth in [1_000, 100_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse_episode(&nested).is_err());
        let nested = format!(
            "{{\"state\": {}{}}}",
            "{\"a\":".repeat(depth),
            "}".repeat(depth)
        );
        assert!(parse_episode(&nested).is_err());
    }
    let huge = format!("{{\"env_id\": \"{}\"}}", "x".repeat(10_000_000));
    assert!(parse_episode(&huge).is_err());
}

#[test]
fn out_of_range_actions_are_refused() {
    for v in 7..=255u8 {
        let e = Action::try_from(v).unwrap_err();
        assert!(e.to_string().contains(&v.to_string()));
    }
    // Stepping long after the step limit keeps working (no overflow, no panic).
    let mut env = make("BabyAI-GoToRedBallNoDists-v0").unwrap();
    env.reset(0);
    for _ in 0..100_000 {
        let _ = env.step(Action::Done);
    }
    assert!(env.env().step_count() >= 100_000);
}

#[test]
fn text_actions_of_any_length_parse_or_fall_back() {
    for text in [
        "turn left".repeat(100_000),
        " ".repeat(1_000_000),
        "\u{0}\u{ffff}".repeat(100_000),
        format!("turn{}left", " ".repeat(100_000)),
    ] {
        let p = BalrogAction::parse_or(&text, BalrogAction::BALROG_DEFAULT);
        assert_eq!(p.was_fallback(), BalrogAction::parse(&text).is_err());
    }
}

/// `MixedTrainLocal` with more distractors than fit one room reachably used to loop
/// forever in reset; now the count is refused at construction with a typed error, and the
/// largest accepted count resets every kind.
#[test]
fn mixed_train_local_bounds_its_distractors() {
    use babyai_core::balrog::{MAX_NUM_DISTS, MixedKind, MixedTrainLocal, generate};
    let kinds = [
        MixedKind::GoTo,
        MixedKind::Pickup,
        MixedKind::Open,
        MixedKind::PutNext,
        MixedKind::PickUpSeqGoTo,
    ];
    for kind in kinds {
        for n in [MAX_NUM_DISTS + 1, 30, 35, 1000, usize::MAX] {
            let e = MixedTrainLocal::new(kind, n).unwrap_err();
            assert_eq!(e.num_dists(), n);
            assert!(e.to_string().contains("at most 12"), "{e}");
            assert_eq!(generate(kind, n, 7).unwrap_err(), e);
        }
        let mut env = MixedTrainLocal::new(kind, MAX_NUM_DISTS).unwrap();
        for seed in 0..20 {
            env.reset(seed);
            let movable = env
                .env()
                .world()
                .grid
                .objs()
                .filter(|(_, o)| o.kind != babyai_core::world::ObjKind::Door)
                .count();
            let want = match kind {
                MixedKind::GoTo | MixedKind::Pickup => MAX_NUM_DISTS + 1,
                MixedKind::Open => MAX_NUM_DISTS + 1, // the key and the distractors
                _ => MAX_NUM_DISTS + 2,
            };
            assert_eq!(movable, want, "{kind:?} seed {seed}");
            assert_eq!(env.env(), &generate(kind, MAX_NUM_DISTS, seed).unwrap().env);
        }
    }
}
