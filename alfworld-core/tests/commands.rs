//! One test per command on the tiny game: feedback text, state change, and refusals
//! ("Nothing happens." with no change).
use alfworld_core::testing::{
    TINY_DOMAIN, TINY_GRAMMAR, TINY_PROBLEM, tiny_game_json, tw_pddl_json,
};
use alfworld_core::{Command, Game, GameEnv, LoadOptions, Wording};

fn env() -> GameEnv {
    let game = Game::from_tw_pddl(&tiny_game_json()).unwrap();
    let mut env = GameEnv::new(game, Wording::V042);
    env.reset();
    env
}

/// Steps and returns the feedback; asserts a refusal leaves the state unchanged.
fn say(env: &mut GameEnv, cmd: &str) -> String {
    let before = env.state().clone();
    let fb = env.step_text(cmd).feedback.to_string();
    if fb == "Nothing happens." {
        assert_eq!(&before, env.state(), "{cmd} changed the state");
    }
    fb
}

fn admissible(env: &mut GameEnv) -> Vec<String> {
    env.admissible_texts().to_vec()
}

#[test]
fn intro_lists_every_receptacle_and_the_task() {
    let game = Game::from_tw_pddl(&tiny_game_json()).unwrap();
    let mut env = GameEnv::new(game, Wording::V042);
    assert_eq!(
        env.reset(),
        "-= Welcome to TextWorld, ALFRED! =-\n\nYou are in the middle of a room. Looking quickly around you, you see a countertop 1, a fridge 1, a microwave 1, and a sinkbasin 1.\n\nYour task is to: put some apple in fridge."
    );
    assert_eq!(env.game().task(), "put some apple in fridge");
}

#[test]
fn look() {
    let mut e = env();
    assert_eq!(
        say(&mut e, "look"),
        "You are in the middle of a room. Looking quickly around you, you see nothing."
    );
    say(&mut e, "go to countertop 1");
    assert_eq!(
        say(&mut e, "look"),
        "You are facing the countertop 1. Next to it, you see nothing."
    );
}

#[test]
fn inventory_and_help() {
    let mut e = env();
    assert_eq!(say(&mut e, "inventory"), "You are not carrying anything.");
    say(&mut e, "go to countertop 1");
    say(&mut e, "take apple 1 from countertop 1");
    assert_eq!(say(&mut e, "inventory"), "You are carrying: a apple 1.");
    let help = say(&mut e, "help");
    assert!(help.starts_with("Available commands:\n  look:"));
    assert!(help.ends_with("slice an object using a sharp object\n"));
}

#[test]
fn go_to() {
    let mut e = env();
    assert_eq!(
        say(&mut e, "go to sinkbasin 1"),
        "You arrive at sinkbasin 1. On the sinkbasin 1, you see a apple 2, and a knife 1."
    );
    assert_eq!(say(&mut e, "go to sinkbasin 1"), "Nothing happens.");
    assert!(!admissible(&mut e).contains(&"go to sinkbasin 1".to_string()));
    assert_eq!(
        say(&mut e, "go to microwave 1"),
        "You arrive at microwave 1. The microwave 1 is closed."
    );
}

#[test]
fn open_and_close() {
    let mut e = env();
    assert_eq!(say(&mut e, "open microwave 1"), "Nothing happens."); // not there
    say(&mut e, "go to microwave 1");
    assert_eq!(
        say(&mut e, "open microwave 1"),
        "You open the microwave 1. The microwave 1 is open. In it, you see a mug 1."
    );
    assert_eq!(say(&mut e, "open microwave 1"), "Nothing happens.");
    assert_eq!(
        say(&mut e, "close microwave 1"),
        "You close the microwave 1."
    );
    assert_eq!(say(&mut e, "close microwave 1"), "Nothing happens.");
    say(&mut e, "go to countertop 1");
    assert_eq!(say(&mut e, "open countertop 1"), "Nothing happens."); // not openable
}

#[test]
fn take() {
    let mut e = env();
    say(&mut e, "go to microwave 1");
    assert_eq!(
        say(&mut e, "take mug 1 from microwave 1"),
        "Nothing happens."
    ); // closed
    say(&mut e, "open microwave 1");
    assert_eq!(
        say(&mut e, "take mug 1 from microwave 1"),
        "You pick up the mug 1 from the microwave 1."
    );
    say(&mut e, "go to countertop 1");
    assert_eq!(
        say(&mut e, "take apple 1 from countertop 1"),
        "Nothing happens."
    ); // hands full
    assert_eq!(
        say(&mut e, "take desklamp 1 from countertop 1"),
        "Nothing happens."
    ); // not pickupable
}

#[test]
fn put_checks_can_contain_and_doors() {
    let mut e = env();
    say(&mut e, "go to sinkbasin 1");
    say(&mut e, "take knife 1 from sinkbasin 1");
    say(&mut e, "go to fridge 1");
    assert_eq!(say(&mut e, "move knife 1 to fridge 1"), "Nothing happens."); // closed
    say(&mut e, "open fridge 1");
    assert_eq!(say(&mut e, "move knife 1 to fridge 1"), "Nothing happens."); // canContain
    say(&mut e, "go to countertop 1");
    assert_eq!(
        say(&mut e, "put knife 1 in/on countertop 1"),
        "Nothing happens."
    ); // wording
    assert_eq!(
        say(&mut e, "move knife 1 to countertop 1"),
        "You move the knife 1 to the countertop 1."
    );
    assert_eq!(
        say(&mut e, "examine countertop 1"),
        "On the countertop 1, you see a apple 1, a desklamp 1, and a knife 1."
    );
}

#[test]
fn heat_cool_clean_and_examine_object() {
    let mut e = env();
    say(&mut e, "go to countertop 1");
    say(&mut e, "take apple 1 from countertop 1");
    assert_eq!(
        say(&mut e, "examine apple 1"),
        "There's nothing special about apple 1."
    );
    say(&mut e, "go to microwave 1");
    assert_eq!(
        say(&mut e, "heat apple 1 with microwave 1"),
        "You heat the apple 1 using the microwave 1."
    ); // closed door does not matter
    assert_eq!(say(&mut e, "examine apple 1"), "This is a hot apple 1.");
    say(&mut e, "go to fridge 1");
    assert_eq!(
        say(&mut e, "cool apple 1 with fridge 1"),
        "You cool the apple 1 using the fridge 1."
    );
    assert_eq!(say(&mut e, "examine apple 1"), "This is a cold apple 1.");
    assert_eq!(
        say(&mut e, "heat apple 1 with fridge 1"),
        "Nothing happens."
    );
    say(&mut e, "go to sinkbasin 1");
    assert_eq!(
        say(&mut e, "clean apple 1 with sinkbasin 1"),
        "You clean the apple 1 using the sinkbasin 1."
    );
    assert_eq!(
        say(&mut e, "examine apple 1"),
        "This is a cool and clean apple 1."
    );
    assert_eq!(say(&mut e, "examine knife 1"), "Nothing happens."); // only the held object
    assert_eq!(
        say(&mut e, "examine sinkbasin 1"),
        "On the sinkbasin 1, you see a apple 2, and a knife 1."
    );
}

#[test]
fn examine_receptacle_object() {
    let mut e = env();
    say(&mut e, "go to microwave 1");
    say(&mut e, "open microwave 1");
    say(&mut e, "take mug 1 from microwave 1");
    say(&mut e, "heat mug 1 with microwave 1");
    assert_eq!(
        say(&mut e, "examine mug 1"),
        "This is a normal mug 1. In it, you see nothing."
    );
}

#[test]
fn slice() {
    let mut e = env();
    say(&mut e, "go to sinkbasin 1");
    assert_eq!(
        say(&mut e, "slice apple 2 with knife 1"),
        "Nothing happens."
    ); // not held
    say(&mut e, "take knife 1 from sinkbasin 1");
    assert_eq!(
        say(&mut e, "slice apple 2 with knife 1"),
        "You sliced the apple 2 with the knife 1."
    );
    assert_eq!(
        say(&mut e, "slice apple 2 with knife 1"),
        "You sliced the apple 2 with the knife 1."
    );
    assert_eq!(
        say(&mut e, "examine sinkbasin 1"),
        "On the sinkbasin 1, you see a apple 2."
    );
}

#[test]
fn use_lamp_is_sticky() {
    let mut e = env();
    assert_eq!(say(&mut e, "use desklamp 1"), "Nothing happens.");
    say(&mut e, "go to countertop 1");
    assert_eq!(say(&mut e, "use desklamp 1"), "You turn on the desklamp 1.");
    assert_eq!(say(&mut e, "use desklamp 1"), "You turn on the desklamp 1.");
    assert_eq!(say(&mut e, "use apple 1"), "Nothing happens.");
}

#[test]
fn exact_matching_and_lenient_mode() {
    let mut e = env();
    assert_eq!(
        say(&mut e, "  go to fridge 1 \n"),
        "You arrive at fridge 1. The fridge 1 is closed."
    );
    for bad in [
        "Go to sinkbasin 1",
        "go  to sinkbasin 1",
        "go to sinkbasin",
        "go to sinkbasin 01",
        "",
        "xyzzy",
    ] {
        assert_eq!(say(&mut e, bad), "Nothing happens.", "{bad:?}");
    }
    e.set_lenient(true);
    assert_eq!(
        say(&mut e, "Go  TO SinkBasin 1"),
        "You arrive at sinkbasin 1. On the sinkbasin 1, you see a apple 2, and a knife 1."
    );
}

#[test]
fn admissible_order_is_byte_order_without_repeats() {
    let mut e = env();
    say(&mut e, "go to sinkbasin 1");
    say(&mut e, "take knife 1 from sinkbasin 1");
    let adm = admissible(&mut e);
    let mut sorted = adm.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(adm, sorted);
    assert_eq!(
        adm,
        [
            "clean knife 1 with sinkbasin 1",
            "examine knife 1",
            "examine sinkbasin 1",
            "go to countertop 1",
            "go to fridge 1",
            "go to microwave 1",
            "help",
            "inventory",
            "look",
            "move knife 1 to sinkbasin 1",
            "slice apple 2 with knife 1",
        ]
    );
    // Every admissible command parses back to itself and is accepted.
    let cmds: Vec<Command> = e.admissible().to_vec();
    for c in cmds {
        let mut s = String::new();
        e.render_command(c, &mut s);
        assert_eq!(e.parse(&s), Some(c));
        assert!(e.is_admissible(c));
    }
}

#[test]
fn v03_wording() {
    let game = Game::from_tw_pddl(&tiny_game_json()).unwrap();
    let mut e = GameEnv::new(game, Wording::V03);
    e.reset();
    assert_eq!(
        say(&mut e, "go to countertop 1"),
        "You arrive at loc 3. On the countertop 1, you see a apple 1, and a desklamp 1."
    );
    say(&mut e, "take apple 1 from countertop 1");
    assert_eq!(
        say(&mut e, "move apple 1 to countertop 1"),
        "Nothing happens."
    );
    assert!(admissible(&mut e).contains(&"put apple 1 in/on countertop 1".to_string()));
    assert_eq!(
        say(&mut e, "put apple 1 in/on countertop 1"),
        "You put the apple 1 in/on the countertop 1."
    );
    // Detected from the grammar, and overridable.
    let grammar = TINY_GRAMMAR.replace("move {o} to {r}", "put {o} in/on {r}");
    let json = tw_pddl_json(TINY_DOMAIN, &grammar, TINY_PROBLEM);
    assert_eq!(Game::from_tw_pddl(&json).unwrap().wording(), Wording::V03);
    let forced = Game::load(
        &json,
        None,
        LoadOptions {
            dialect: Some(Wording::V042),
        },
    )
    .unwrap();
    assert_eq!(forced.wording(), Wording::V042);
}

#[test]
fn step_limit_truncates() {
    let mut e = env();
    e.set_step_limit(Some(2));
    e.reset();
    let out = e.step_text("look");
    assert!(!out.done && !out.truncated);
    let out = e.step_text("look");
    assert!(out.done && out.truncated && !out.won);
}

#[test]
fn clone_is_a_snapshot() {
    let mut a = env();
    say(&mut a, "go to countertop 1");
    let mut b = a.clone();
    for cmd in [
        "take apple 1 from countertop 1",
        "go to fridge 1",
        "open fridge 1",
        "move apple 1 to fridge 1",
    ] {
        let x = a.step_text(cmd).feedback.to_string();
        let y = b.step_text(cmd).feedback.to_string();
        assert_eq!(x, y);
    }
    assert!(a.won() && b.won());
}

#[test]
fn env_api_trait() {
    let game = Game::from_tw_pddl(&tiny_game_json()).unwrap();
    let mut e = GameEnv::new(game, Wording::V042);
    env_api::Env::reset(&mut e, 7);
    let g = e.game().clone();
    let r = |name: &str| match g.find(name) {
        Some(alfworld_core::Named::Receptacle(i)) => i,
        _ => panic!("{name}"),
    };
    let o = |name: &str| match g.find(name) {
        Some(alfworld_core::Named::Object(i)) => i,
        _ => panic!("{name}"),
    };
    let plan = [
        Command::GoTo(r("countertop 1")),
        Command::Take(o("apple 1"), r("countertop 1")),
        Command::GoTo(r("fridge 1")),
        Command::Open(r("fridge 1")),
    ];
    for c in plan {
        let s = env_api::Env::step(&mut e, c);
        assert_eq!((s.reward, s.terminated), (0.0, false));
    }
    let s = env_api::Env::step(&mut e, Command::Put(o("apple 1"), r("fridge 1")));
    assert_eq!((s.reward, s.terminated, s.truncated), (1.0, true, false));
}

/// ALFWorld strips a command with Python's `str.strip()`: Unicode White_Space plus the
/// separators U+001C..U+001F (recorded: `"\u001cmove box 1 to sidetable 2"` moves the box).
#[test]
fn commands_are_stripped_as_python_strips() {
    let strip_set = [
        '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{1c}', '\u{1d}', '\u{1e}', '\u{1f}', ' ', '\u{85}',
        '\u{a0}', '\u{1680}', '\u{2000}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}',
        '\u{205f}', '\u{3000}',
    ];
    for c in strip_set {
        let mut e = env();
        let cmd = format!("{c}go to countertop 1{c}{c}");
        assert!(
            say(&mut e, &cmd).starts_with("You arrive at countertop 1."),
            "U+{:04X} not stripped",
            c as u32
        );
        assert!(alfworld_core::commands::is_py_space(c));
    }
    // Not whitespace for Python: zero-width space, U+001B, U+180E.
    for c in ['\u{200b}', '\u{1b}', '\u{180e}'] {
        let mut e = env();
        assert_eq!(
            say(&mut e, &format!("{c}go to countertop 1")),
            "Nothing happens.",
            "U+{:04X} stripped",
            c as u32
        );
        assert!(!alfworld_core::commands::is_py_space(c));
    }
    // Inner separators are not whitespace runs to collapse in the exact parser.
    let mut e = env();
    assert_eq!(say(&mut e, "go\u{1c}to countertop 1"), "Nothing happens.");
}
