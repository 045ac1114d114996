//! `Game::from_generated` gives the same game as exporting to `game.tw-pddl` +
//! `traj_data.json` and loading the text: same entities, names, facts, goal and wording, and
//! the same intro, feedback and admissible lists along the walkthrough.

use alfworld_core::generator::{GeneratedGame, Split, Wording, export};
use alfworld_core::{Game, GameEnv, LoadOptions};

fn check(g: &GeneratedGame, wording: Wording) {
    let json = export::tw_pddl_json(g, wording).to_string();
    let traj = export::traj_data_json(g).to_string();
    let loaded = Game::load(&json, Some(&traj), LoadOptions::default()).unwrap();
    let direct = Game::from_generated(g, wording).unwrap();
    let who = g.name();
    assert_eq!(format!("{loaded:?}"), format!("{direct:?}"), "{who}");
    let mut a = GameEnv::new(loaded, wording);
    let mut b = GameEnv::new(direct, wording);
    assert_eq!(a.reset(), b.reset(), "{who}");
    assert_eq!(a.admissible_texts(), b.admissible_texts(), "{who}");
    let walk = g.walkthrough(wording);
    for cmd in &walk {
        let (fa, wa) = {
            let o = a.step_text(cmd);
            (o.feedback.to_string(), o.won)
        };
        let o = b.step_text(cmd);
        assert_eq!((fa.as_str(), wa), (o.feedback, o.won), "{who}: {cmd}");
        assert_eq!(a.admissible_texts(), b.admissible_texts(), "{who}: {cmd}");
    }
    assert!(b.won(), "{who}: walkthrough wins");
}

#[test]
fn direct_build_equals_export_then_load() {
    let mut n = 0;
    for split in [Split::Train, Split::ValidSeen, Split::ValidUnseen] {
        let step = (split.len() / 48).max(1);
        let mut i = 0;
        while i < split.len() {
            let g = split.game(i).unwrap();
            check(&g, Wording::V042);
            if i % (2 * step) == 0 {
                check(&g, Wording::V03);
            }
            n += 1;
            i += step;
        }
    }
    for scene in [1u16, 201, 301, 401] {
        if let Some(g) = GeneratedGame::on_scene(scene, None, 7) {
            check(&g, Wording::V042);
            n += 1;
        }
    }
    assert!(n >= 144, "{n} games checked");
}
