//! Traces of exported generated games recorded with ALFWorld 0.4.2's own engine
//! (`tools/record_gen_traces.py`), replayed in Gridhouse: each game is loaded from the exact
//! folder ALFWorld played (`gen_fixtures/games/SET_INDEX_WORDING/`, exported by the generator
//! of the time; see `gen_fixtures/README.md`), and every step's feedback, admissible list and
//! `won` must match what ALFWorld printed.

use alfworld_core::{Game, GameEnv, LoadOptions, Wording};
use std::path::Path;

const TRACES: &str = include_str!("gen_fixtures/traces.jsonl");

#[test]
fn alfworld_traces_of_generated_games_replay_identically() {
    let mut episodes = 0;
    let mut steps_checked = 0;
    for line in TRACES.lines().filter(|l| !l.trim().is_empty()) {
        let ep: serde_json::Value = serde_json::from_str(line).unwrap();
        let dialect = match ep["wording"].as_str().unwrap() {
            "v03" => Wording::V03,
            _ => Wording::V042,
        };
        let gamefile = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/gen_fixtures")
            .join(ep["gamefile"].as_str().unwrap());
        let dir = gamefile.parent().unwrap();
        let json = std::fs::read_to_string(dir.join("game.tw-pddl")).unwrap();
        let traj = std::fs::read_to_string(dir.join("traj_data.json")).unwrap();
        let loaded = Game::load(&json, Some(&traj), LoadOptions::default()).unwrap();
        let mut env = GameEnv::new(loaded, dialect);
        let ctx = format!("{} {}", ep["game"], ep["policy"]);
        for (k, step) in ep["steps"].as_array().unwrap().iter().enumerate() {
            let (feedback, won) = match step["action"].as_str() {
                None => {
                    let obs = env.reset().to_string();
                    (obs, env.won())
                }
                Some(cmd) => {
                    let out = env.step_text(cmd);
                    (out.feedback.to_string(), out.won)
                }
            };
            assert_eq!(feedback, step["obs"].as_str().unwrap(), "{ctx} step {k}");
            assert_eq!(won, step["won"].as_bool().unwrap(), "{ctx} step {k}");
            let texts = env.admissible_texts().to_vec();
            let want: Vec<&str> = step["admissible_commands"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            assert_eq!(texts, want, "{ctx} step {k} admissible");
            steps_checked += 1;
        }
        if ep["policy"] == "walkthrough" {
            assert_eq!(
                ep["won"], true,
                "{ctx}: ALFWorld did not win the walkthrough"
            );
        }
        episodes += 1;
    }
    assert!(episodes >= 10, "{episodes} episodes");
    assert!(steps_checked > 100);
}
