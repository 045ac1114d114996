//! Loading: names from the demangler, dialect detection, task types, plain PDDL problems,
//! unsolvable games and errors with positions.
mod common;

use alfworld_core::testing::{TINY_PROBLEM, tiny_game_json};
use alfworld_core::{Game, LoadError, TaskType, Wording};
use common::reference_dir;

#[test]
fn names_follow_the_demangler() {
    let game = Game::from_tw_pddl(&tiny_game_json()).unwrap();
    let names: Vec<&str> = game.objects().iter().map(|o| o.name.as_str()).collect();
    // Sorted ids: apple_bar__minus… before apple_bar__plus…, so the first gets the highest number.
    assert_eq!(
        names,
        ["apple 2", "apple 1", "desklamp 1", "knife 1", "mug 1"]
    );
    assert_eq!(game.receptacles()[3].name, "sinkbasin 1");
    assert_eq!(
        game.location_names(),
        ["loc 5", "loc 4", "loc 3", "loc 2", "loc 1"]
    );
}

#[test]
fn plain_pddl_with_traj_data() {
    let traj = r#"{"task_type": "pick_and_place_simple", "pddl_params": {"object_target": "Apple", "parent_target": "Fridge", "toggle_target": "", "mrecep_target": "", "object_sliced": false}}"#;
    let game = Game::from_pddl(TINY_PROBLEM, traj, Wording::V03).unwrap();
    assert_eq!(game.task_line(), "Your task is to: put a apple in fridge.");
    assert_eq!(game.task_type(), Some(TaskType::PickAndPlaceSimple));
    assert_eq!(game.wording(), Wording::V03);
    assert!(matches!(
        Game::from_pddl(TINY_PROBLEM, "{}", Wording::V042),
        Err(LoadError::TrajData(_))
    ));
}

#[test]
fn errors_are_typed_and_positioned() {
    assert!(matches!(
        Game::from_tw_pddl("not json"),
        Err(LoadError::Json(_))
    ));
    assert!(matches!(
        Game::from_tw_pddl("{}"),
        Err(LoadError::MissingKey(_))
    ));
    let broken = tiny_game_json().replace("(:init", "(:init (atLocation");
    let e = Game::from_tw_pddl(&broken).unwrap_err();
    assert!(matches!(e, LoadError::Problem(_)), "{e}");
    assert!(e.to_string().contains("line "), "{e}");
    let undeclared = tiny_game_json().replace("(atLocation agent1", "(atLocation agent9");
    let e = Game::from_tw_pddl(&undeclared).unwrap_err();
    assert!(e.to_string().contains("agent9"), "{e}");
}

#[test]
fn reference_games_load_with_their_task_types_and_dialects() {
    let Some(dir) = reference_dir() else { return };
    for (sub, dialect) in [
        ("authored_v042", Wording::V042),
        ("authored_v03dialect", Wording::V03),
    ] {
        let mut types = Vec::new();
        for entry in std::fs::read_dir(dir.join("games").join(sub)).unwrap() {
            let game = common::load_game(&entry.unwrap().path().join("game.tw-pddl"));
            assert_eq!(game.wording(), dialect);
            types.push(game.task_type().unwrap());
        }
        types.sort();
        types.dedup();
        assert_eq!(types, TaskType::ALL);
    }
    let fixture =
        common::load_game(&dir.join(
            "games/textworld_test_fixture/look_at_obj_in_light-CD-None-DeskLamp/game.tw-pddl",
        ));
    assert_eq!(fixture.receptacles()[0].name, "bed ");
    assert_eq!(
        fixture.task_line(),
        "Your task is to examine a CD under a light source."
    );
}

#[test]
fn unsolvable_game_is_reported() {
    let path = common::fixture_dir().join(
        "unsolvable/bedroom_pick_and_place_simple-Book-None-Bed_UNSOLVABLE-canContain/game.tw-pddl",
    );
    let json = std::fs::read_to_string(path).unwrap();
    let e = Game::from_tw_pddl(&json).unwrap_err();
    assert!(matches!(e, LoadError::Unsolvable { .. }), "{e}");
    assert!(e.to_string().contains("bedtype"), "{e}");
}

#[test]
fn an_object_in_two_receptacles_follows_the_domain() {
    // ALFRED objects can have two parents (a mug in a coffee machine on a countertop); the
    // PDDL facts are kept as a relation and taking removes only the named receptacle's fact.
    let knife = "Knife_bar__plus_01_dot_50_bar__plus_00_dot_92_bar__plus_00_dot_50";
    let counter = "CounterTop_bar__plus_01_dot_59_bar__plus_00_dot_95_bar__plus_00_dot_41";
    let problem = TINY_PROBLEM.replace(
        " (:init\n",
        &format!(" (:init\n  (inReceptacle {knife} {counter})\n"),
    );
    let json = alfworld_core::testing::tw_pddl_json(
        alfworld_core::testing::TINY_DOMAIN,
        alfworld_core::testing::TINY_GRAMMAR,
        &problem,
    );
    let game = Game::from_tw_pddl(&json).unwrap();
    let mut env = alfworld_core::GameEnv::new(game, Wording::V042);
    env.reset();
    let out = env.step_text("go to countertop 1");
    assert_eq!(
        out.feedback,
        "You arrive at countertop 1. On the countertop 1, you see a apple 1, a desklamp 1, and a knife 1."
    );
    let out = env.step_text("take knife 1 from countertop 1");
    assert_eq!(
        out.feedback,
        "You pick up the knife 1 from the countertop 1."
    );
    let out = env.step_text("go to sinkbasin 1");
    assert_eq!(
        out.feedback,
        "You arrive at sinkbasin 1. On the sinkbasin 1, you see a apple 2, and a knife 1."
    );
}
