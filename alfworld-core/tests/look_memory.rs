//! `look`'s "Next to it" list: TextWorld keeps `take`'s negated effect "o is not in r" as a
//! fact until `o` is put back into `r`, and ALFWorld's grammar lists every object at the
//! agent's spot that is "not in" a receptacle there, once per such receptacle, by object id.
//! The cases are the ones recorded from ALFWorld 0.4.2 (issue 15): shelves 4, 3, 2 and a tv
//! stand at one spot, and stove burners sharing a spot. The game is hand-written in the real
//! data's conventions (ids sorted, so `shelf 4` is the first shelf id and `creditcard 3` the
//! first credit card).
use alfworld_core::testing::{TINY_DOMAIN, TINY_GRAMMAR, tw_pddl_json};
use alfworld_core::{Game, GameEnv, Wording};

const SPOT: &str = "loc_bar_1_bar_2_bar_0_bar_30";
const OTHER: &str = "loc_bar_4_bar_2_bar_1_bar_30";
const STOVE: &str = "loc_bar_7_bar_2_bar_2_bar_30";

/// (id, class) of every receptacle, its location.
const RECEPTACLES: &[(&str, &str, &str)] = &[
    (
        "Shelf_bar__plus_01_dot_00_bar__plus_00_dot_10_bar__plus_00_dot_10",
        "Shelf",
        SPOT,
    ),
    (
        "Shelf_bar__plus_01_dot_00_bar__plus_00_dot_20_bar__plus_00_dot_10",
        "Shelf",
        SPOT,
    ),
    (
        "Shelf_bar__plus_01_dot_00_bar__plus_00_dot_30_bar__plus_00_dot_10",
        "Shelf",
        SPOT,
    ),
    (
        "Shelf_bar__plus_01_dot_00_bar__plus_00_dot_40_bar__plus_00_dot_10",
        "Shelf",
        OTHER,
    ),
    (
        "TVStand_bar__plus_01_dot_00_bar__plus_00_dot_00_bar__plus_00_dot_10",
        "TVStand",
        SPOT,
    ),
    (
        "StoveBurner_bar__plus_02_dot_00_bar__plus_00_dot_90_bar__plus_00_dot_10",
        "StoveBurner",
        STOVE,
    ),
    (
        "StoveBurner_bar__plus_02_dot_00_bar__plus_00_dot_90_bar__plus_00_dot_20",
        "StoveBurner",
        STOVE,
    ),
    (
        "StoveBurner_bar__plus_02_dot_00_bar__plus_00_dot_90_bar__plus_00_dot_30",
        "StoveBurner",
        STOVE,
    ),
    (
        "StoveBurner_bar__plus_02_dot_00_bar__plus_00_dot_90_bar__plus_00_dot_40",
        "StoveBurner",
        STOVE,
    ),
];

/// (id, class, receptacle index): creditcard 3, 2, 1; pan 2, 1; remotecontrol 1.
const OBJECTS: &[(&str, &str, usize)] = &[
    (
        "CreditCard_bar__plus_01_dot_00_bar__plus_00_dot_10_bar__plus_00_dot_10",
        "CreditCard",
        0,
    ),
    (
        "CreditCard_bar__plus_01_dot_00_bar__plus_00_dot_40_bar__plus_00_dot_10",
        "CreditCard",
        3,
    ),
    (
        "CreditCard_bar__plus_01_dot_00_bar__plus_00_dot_41_bar__plus_00_dot_10",
        "CreditCard",
        3,
    ),
    (
        "Pan_bar__plus_02_dot_00_bar__plus_00_dot_90_bar__plus_00_dot_30",
        "Pan",
        7,
    ),
    (
        "Pan_bar__plus_02_dot_00_bar__plus_00_dot_90_bar__plus_00_dot_40",
        "Pan",
        8,
    ),
    (
        "RemoteControl_bar__plus_01_dot_00_bar__plus_00_dot_20_bar__plus_00_dot_10",
        "RemoteControl",
        1,
    ),
];

fn problem() -> String {
    let mut p = String::from(
        "(define (problem plan_look)\n (:domain alfred)\n (:objects\n  agent1 - agent\n",
    );
    p += "  CreditCardType PanType RemoteControlType - otype\n  ShelfType TVStandType StoveBurnerType - rtype\n";
    for (id, _, _) in OBJECTS {
        p += &format!("  {id} - object\n");
    }
    for (id, _, _) in RECEPTACLES {
        p += &format!("  {id} - receptacle\n");
    }
    p +=
        &format!("  loc_bar_0_bar_0_bar_0_bar_30 {SPOT} {OTHER} {STOVE} - location\n )\n (:init\n");
    p += "  (atLocation agent1 loc_bar_0_bar_0_bar_0_bar_30)\n";
    for (id, class, loc) in RECEPTACLES {
        p += &format!("  (receptacleType {id} {class}Type)\n  (receptacleAtLocation {id} {loc})\n");
    }
    for (id, class, r) in OBJECTS {
        let (rid, _, loc) = RECEPTACLES[*r];
        p += &format!(
            "  (objectType {id} {class}Type)\n  (pickupable {id})\n  (inReceptacle {id} {rid})\n  (objectAtLocation {id} {loc})\n"
        );
    }
    for r in ["ShelfType", "TVStandType"] {
        for o in ["CreditCardType", "RemoteControlType"] {
            p += &format!("  (canContain {r} {o})\n");
        }
    }
    p += "  (canContain StoveBurnerType PanType)\n )\n";
    p += " (:goal (and (exists (?r - receptacle) (exists (?o - object) (and (inReceptacle ?o ?r) (objectType ?o CreditCardType) (receptacleType ?r TVStandType))))))\n)";
    p
}

fn env() -> GameEnv {
    let game = Game::from_tw_pddl(&tw_pddl_json(TINY_DOMAIN, TINY_GRAMMAR, &problem())).unwrap();
    let mut env = GameEnv::new(game, Wording::V042);
    env.reset();
    env
}

/// Plays `cmd`, which must be admissible.
fn play(env: &mut GameEnv, cmd: &str) -> String {
    let fb = env.step_text(cmd).feedback.to_string();
    assert_ne!(fb, "Nothing happens.", "{cmd} was refused");
    fb
}

const FACING: &str =
    "You are facing the shelf 4, shelf 3, shelf 2, and tvstand 1. Next to it, you see ";

#[test]
fn names_are_as_the_recorded_game_shows() {
    let mut e = env();
    play(&mut e, "go to shelf 4");
    assert_eq!(play(&mut e, "look"), format!("{FACING}nothing."));
    assert_eq!(
        play(&mut e, "examine shelf 4"),
        "On the shelf 4, you see a creditcard 3."
    );
    assert_eq!(
        play(&mut e, "examine shelf 3"),
        "On the shelf 3, you see a remotecontrol 1."
    );
}

#[test]
fn moving_within_a_spot_is_remembered() {
    let mut e = env();
    play(&mut e, "go to shelf 4");
    play(&mut e, "take creditcard 3 from shelf 4");
    // Held: objectAtLocation is gone, so nothing is listed.
    assert_eq!(play(&mut e, "look"), format!("{FACING}nothing."));
    play(&mut e, "move creditcard 3 to shelf 2");
    assert_eq!(play(&mut e, "look"), format!("{FACING}a creditcard 3."));
    play(&mut e, "take remotecontrol 1 from shelf 3");
    play(&mut e, "move remotecontrol 1 to shelf 2");
    // The recorded case: by object id, not by move order.
    assert_eq!(
        play(&mut e, "look"),
        format!("{FACING}a creditcard 3, and a remotecontrol 1.")
    );
    // Moved twice between receptacles of the spot: listed once per "not in" receptacle.
    play(&mut e, "take remotecontrol 1 from shelf 2");
    play(&mut e, "move remotecontrol 1 to tvstand 1");
    assert_eq!(
        play(&mut e, "look"),
        format!("{FACING}a creditcard 3, a remotecontrol 1, and a remotecontrol 1.")
    );
    // Back into its first receptacle: that negation goes, "not in shelf 2" and "not in
    // tvstand 1" stay.
    play(&mut e, "take remotecontrol 1 from tvstand 1");
    play(&mut e, "move remotecontrol 1 to shelf 3");
    assert_eq!(
        play(&mut e, "look"),
        format!("{FACING}a creditcard 3, a remotecontrol 1, and a remotecontrol 1.")
    );
    // The state (with its memory) survives clone and restore.
    let saved = e.state().clone();
    let mut f = env();
    f.restore(&saved).unwrap();
    assert_eq!(
        play(&mut f, "look"),
        format!("{FACING}a creditcard 3, a remotecontrol 1, and a remotecontrol 1.")
    );
}

#[test]
fn an_object_taken_elsewhere_is_not_listed() {
    let mut e = env();
    play(&mut e, "go to shelf 1");
    play(&mut e, "take creditcard 2 from shelf 1");
    play(&mut e, "go to shelf 4");
    play(&mut e, "move creditcard 2 to shelf 4");
    // "not in shelf 1" holds, but shelf 1 stands elsewhere.
    assert_eq!(play(&mut e, "look"), format!("{FACING}nothing."));
    play(&mut e, "take creditcard 3 from shelf 4");
    play(&mut e, "go to shelf 1");
    play(&mut e, "move creditcard 3 to shelf 1");
    assert_eq!(
        play(&mut e, "look"),
        "You are facing the shelf 1. Next to it, you see nothing."
    );
    // Back at the first spot, creditcard 2 was taken from nothing here.
    play(&mut e, "go to shelf 4");
    assert_eq!(play(&mut e, "look"), format!("{FACING}nothing."));
}

#[test]
fn put_back_where_it_was_is_forgotten() {
    let mut e = env();
    play(&mut e, "go to shelf 4");
    play(&mut e, "take creditcard 3 from shelf 4");
    play(&mut e, "move creditcard 3 to shelf 4");
    assert_eq!(play(&mut e, "look"), format!("{FACING}nothing."));
}

#[test]
fn stove_burners_sharing_a_spot() {
    let mut e = env();
    play(&mut e, "go to stoveburner 2");
    assert_eq!(
        play(&mut e, "take pan 2 from stoveburner 2"),
        "You pick up the pan 2 from the stoveburner 2."
    );
    play(&mut e, "move pan 2 to stoveburner 4");
    assert_eq!(
        play(&mut e, "look"),
        "You are facing the stoveburner 4, stoveburner 3, stoveburner 2, and stoveburner 1. \
         Next to it, you see a pan 2."
    );
}

#[cfg(feature = "serde")]
#[test]
fn the_memory_survives_serde() {
    let mut e = env();
    play(&mut e, "go to stoveburner 2");
    play(&mut e, "take pan 2 from stoveburner 2");
    play(&mut e, "move pan 2 to stoveburner 4");
    let json = serde_json::to_string(e.state()).unwrap();
    let back: alfworld_core::State = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, e.state());
    let mut f = env();
    f.restore(&back).unwrap();
    assert!(play(&mut f, "look").ends_with("Next to it, you see a pan 2."));
}
