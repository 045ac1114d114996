//! Generated games through the engine's own loader: export to text, load with
//! [`Game::load`], play the walkthrough with [`GameEnv`]: every command admissible, the game not won
//! before the last step and won after it. Prints per-room-kind statistics next to the authored
//! reference games (`--nocapture`).

use alfworld_core::generator::{GeneratedGame, RoomKind, Split, TaskType, Wording, export};
use alfworld_core::{Game, GameEnv, LoadOptions};

mod reference;

#[derive(Default, Clone, Copy)]
struct Stats {
    games: usize,
    receptacles: usize,
    objects: usize,
    admissible_sum: usize,
    admissible_states: usize,
    walkthrough_steps: usize,
}

impl Stats {
    fn row(&self, label: &str) -> String {
        let g = self.games.max(1) as f64;
        format!(
            "{label:<12} {:>5} {:>11.1} {:>7.1} {:>15.1} {:>16.1}",
            self.games,
            self.receptacles as f64 / g,
            self.objects as f64 / g,
            self.admissible_sum as f64 / self.admissible_states.max(1) as f64,
            self.walkthrough_steps as f64 / g,
        )
    }
}

/// Loads `json` (and `traj`) with the engine, plays `commands`; returns (admissible lengths
/// summed, states counted). Panics if a command is not admissible or the game is not won
/// exactly at the end.
fn play(
    json: &str,
    traj: &str,
    dialect: Wording,
    commands: &[String],
    ctx: &str,
) -> (usize, usize) {
    let game = Game::load(json, Some(traj), LoadOptions::default())
        .unwrap_or_else(|e| panic!("{ctx}: load failed: {e}"));
    assert_eq!(game.wording(), dialect, "{ctx}");
    let mut env = GameEnv::new(game, dialect);
    env.reset();
    assert!(!env.won(), "{ctx}: won at reset");
    let (mut sum, mut states) = (0, 0);
    for (k, cmd) in commands.iter().enumerate() {
        let texts = env.admissible_texts().to_vec();
        sum += texts.len();
        states += 1;
        assert!(
            texts.contains(cmd),
            "{ctx}: `{cmd}` not admissible in {texts:?}"
        );
        let out = env.step_text(cmd);
        assert_eq!(
            out.won,
            k + 1 == commands.len(),
            "{ctx}: won after `{cmd}`: {}",
            out.feedback
        );
    }
    (sum, states)
}

fn check(game: &GeneratedGame, wording: Wording, stats: &mut Stats) {
    let dialect = wording;
    let json = export::tw_pddl_json(game, wording).to_string();
    let traj = export::traj_data_json(game).to_string();
    let walkthrough = game.walkthrough(wording);
    let ctx = format!("{} {:?}", game.name(), game.split);
    let (sum, states) = play(&json, &traj, dialect, &walkthrough, &ctx);
    let loaded = Game::load(&json, Some(&traj), LoadOptions::default()).unwrap();
    assert_eq!(
        loaded.receptacles().len(),
        game.household.receptacles.len(),
        "{ctx}"
    );
    assert_eq!(
        loaded.objects().len(),
        game.household.objects.len(),
        "{ctx}"
    );
    assert_eq!(loaded.task(), game.task.sentence, "{ctx}");
    assert_eq!(loaded.task_type(), Some(game.task.task_type), "{ctx}");
    // The demangled names the walkthrough uses are the engine's names for every entity.
    let names = game.names();
    for name in names.receptacles.iter().chain(&names.objects) {
        assert!(loaded.find(name).is_some(), "{ctx}: engine has no `{name}`");
    }
    stats.games += 1;
    stats.receptacles += game.household.receptacles.len();
    stats.objects += game.household.objects.len();
    stats.admissible_sum += sum;
    stats.admissible_states += states;
    stats.walkthrough_steps += walkthrough.len();
}

#[test]
fn generated_games_load_and_their_walkthroughs_win_in_the_engine() {
    let mut per_kind = [Stats::default(); 4];
    for split in Split::ALL {
        let step = if split == Split::Train { 5 } else { 1 };
        for i in (0..split.len()).step_by(step) {
            let game = split.game(i).unwrap();
            let k = game.household.kind.index();
            check(&game, Wording::V042, &mut per_kind[k]);
            if i % 10 == 0 {
                check(&game, Wording::V03, &mut Stats::default());
            }
        }
    }
    for kind in RoomKind::ALL {
        for seed in 0..15u64 {
            for t in TaskType::ALL {
                if let Some(g) = GeneratedGame::procedural(kind, Some(t), seed) {
                    check(&g, Wording::V042, &mut Stats::default());
                }
            }
        }
    }
    println!("generated (train every 5th, all valid_seen and valid_unseen), means per game:");
    println!("kind         games receptacles objects admissible/step walkthrough_len");
    for kind in RoomKind::ALL {
        println!("{}", per_kind[kind.index()].row(kind.name()));
    }
    let Some(dir) = reference::path("alfworld/games/authored_v042") else {
        return;
    };
    println!("authored reference games (their expert-free probe: admissible at reset only):");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let json = std::fs::read_to_string(path.join("game.tw-pddl")).unwrap();
        let traj = std::fs::read_to_string(path.join("traj_data.json")).unwrap();
        let game = Game::load(&json, Some(&traj), LoadOptions::default()).unwrap();
        let mut env = GameEnv::new(game.clone(), game.wording());
        env.reset();
        let texts = env.admissible_texts().to_vec();
        println!(
            "{:<62} receptacles {:>3} objects {:>3} admissible_at_reset {:>3}",
            path.file_name().unwrap().to_string_lossy(),
            game.receptacles().len(),
            game.objects().len(),
            texts.len()
        );
    }
}
