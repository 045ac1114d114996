//! The ALFWorld parts of the CLI: which games an env id names (a generated task set, a
//! directory of ALFWorld game folders, one game file), rollouts with the random policy, the
//! oracle expert or the searcher, a person playing by typing commands, and export of a
//! generated game as an ALFWorld game folder.

use alfworld_core::expert::{Oracle, Searcher};
use alfworld_core::generator::{TaskSet, Wording, export};
use alfworld_core::taskset_dir::{DirTaskSet, load_game_file};
use alfworld_core::{Command, Dialect, Env, Game};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// ALFWorld's evaluation budget (steps per episode).
pub const DEFAULT_MAX_STEPS: u32 = 50;

/// Where the games of a run come from.
pub enum Games {
    /// A generated task set (`alfworld/SET[/TASK_TYPE][/ROOM_KIND]`).
    Set(String, TaskSet),
    /// Real ALFWorld game folders under a directory.
    Dir(DirTaskSet),
    /// One game file.
    File(PathBuf),
}

impl Games {
    /// The games an env id names: `alfworld/...` or `alfworld-dir:PATH`.
    pub fn from_env_id(id: &str) -> Result<Games, String> {
        if let Some(path) = id.strip_prefix("alfworld-dir:") {
            return Games::from_dir(Path::new(path));
        }
        let set = TaskSet::from_env_id(id).map_err(|e| e.to_string())?;
        if set.is_empty() {
            return Err(format!("the task set {id} has no games"));
        }
        Ok(Games::Set(id.to_string(), set))
    }

    /// Every game folder under `dir`.
    pub fn from_dir(dir: &Path) -> Result<Games, String> {
        DirTaskSet::open(dir, None)
            .map(Games::Dir)
            .map_err(|e| e.to_string())
    }

    /// Number of games.
    pub fn len(&self) -> usize {
        match self {
            Games::Set(_, s) => s.len(),
            Games::Dir(d) => d.len(),
            Games::File(_) => 1,
        }
    }

    /// Game `i` (wrapping around), in its own wording (`wording` applies to generated games).
    pub fn game(&self, i: usize, wording: Wording) -> Result<Game, String> {
        let i = i % self.len().max(1);
        match self {
            Games::Set(id, s) => {
                let g = s
                    .game(i)
                    .ok_or_else(|| format!("{id}: no game at index {i}"))?;
                Game::from_generated(&g, wording).map_err(|e| format!("{id} game {i}: {e}"))
            }
            Games::Dir(d) => d.game(i).map_err(|e| e.to_string()),
            Games::File(p) => load_game_file(p).map_err(|e| e.to_string()),
        }
    }
}

/// A wording by its CLI name (`0.4.2` or `0.3`).
pub fn parse_wording(s: &str) -> Result<Wording, String> {
    match s {
        "0.4.2" | "0.4" | "v042" => Ok(Wording::V042),
        "0.3" | "v03" => Ok(Wording::V03),
        _ => Err(format!("unknown wording `{s}` (expected 0.4.2 or 0.3)")),
    }
}

/// Who acts in an ALFWorld rollout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlfPolicy {
    /// Uniform over the admissible commands (`ChaCha8Rng` seeded with the episode's index).
    Random,
    /// The oracle expert (knows the state, plays shortest plans).
    Expert,
    /// The searcher expert (uses only what it has observed).
    Searcher,
}

/// One episode's result: (won, steps).
pub fn episode(
    game: Game,
    policy: AlfPolicy,
    seed: u64,
    max_steps: u32,
) -> Result<(bool, u32), String> {
    let dialect = game.dialect();
    let mut env = Env::new(game, dialect);
    env.set_step_limit(Some(max_steps));
    env.reset();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut oracle = match policy {
        AlfPolicy::Expert => Some(Oracle::new(env.game()).map_err(|e| e.to_string())?),
        _ => None,
    };
    let mut searcher = match policy {
        AlfPolicy::Searcher => Some(Searcher::new(env.game()).map_err(|e| e.to_string())?),
        _ => None,
    };
    if env.won() {
        return Ok((true, 0));
    }
    loop {
        let cmd = if let Some(o) = oracle.as_mut() {
            o.next(env.game(), env.state()).unwrap_or(Command::Look)
        } else if let Some(s) = searcher.as_mut() {
            s.act(&mut env)
        } else {
            let adm = env.admissible();
            if adm.is_empty() {
                Command::Look
            } else {
                adm[rng.random_range(0..adm.len())]
            }
        };
        let out = env.step(cmd);
        let (won, done) = (out.won, out.done);
        if let Some(s) = searcher.as_mut() {
            let fb = env.feedback().to_string();
            s.observe(env.game(), cmd, &fb);
        }
        if done {
            return Ok((won, env.steps()));
        }
    }
}

/// Arguments of `gridhouse play` for ALFWorld.
pub struct PlayOptions<'a> {
    /// The games.
    pub games: &'a Games,
    /// Which game.
    pub index: usize,
    /// The wording of generated games.
    pub wording: Wording,
}

/// A person plays one game: prints the intro, reads one command per line, prints the
/// feedback. `admissible` lists the commands; `help` plays ALFWorld's help (or explains the
/// CLI when the game has none); `quit` ends. Returns whether the game was won.
pub fn play(
    opts: &PlayOptions<'_>,
    input: impl BufRead,
    mut out: impl Write,
) -> Result<bool, String> {
    let game = opts.games.game(opts.index, opts.wording)?;
    let dialect: Dialect = game.dialect();
    let mut env = Env::new(game, dialect);
    env.set_lenient(true);
    let io = |e: std::io::Error| format!("cannot write: {e}");
    let intro = env.reset().to_string();
    writeln!(out, "{intro}").map_err(io)?;
    writeln!(
        out,
        "(type a command; `admissible` lists the commands, `help` explains them, `quit` ends)"
    )
    .map_err(io)?;
    for line in input.lines() {
        let line = line.map_err(|e| format!("cannot read input: {e}"))?;
        let cmd = line.trim();
        if cmd.is_empty() {
            continue;
        }
        if cmd.eq_ignore_ascii_case("quit") || cmd.eq_ignore_ascii_case("exit") {
            writeln!(out, "quit after {}", steps(env.steps())).map_err(io)?;
            return Ok(false);
        }
        if cmd.eq_ignore_ascii_case("admissible") || cmd.eq_ignore_ascii_case("commands") {
            for t in env.admissible_texts() {
                writeln!(out, "  {t}").map_err(io)?;
            }
            continue;
        }
        if cmd.eq_ignore_ascii_case("help") && !env.is_admissible(Command::Help) {
            writeln!(
                out,
                "This game has no `help` action. Commands: go to X, open X, close X, take O from X, \
                 {}, heat/cool/clean O with X, use O, examine X, look, inventory. Type `admissible` \
                 for the exact list.",
                match dialect {
                    Dialect::V03 => "put O in/on X",
                    _ => "move O to X",
                }
            )
            .map_err(io)?;
            continue;
        }
        writeln!(out, "> {cmd}").map_err(io)?;
        let o = env.step_text(cmd);
        let (fb, won) = (o.feedback.to_string(), o.won);
        writeln!(out, "{fb}").map_err(io)?;
        if won {
            writeln!(out, "You won in {}.", steps(env.steps())).map_err(io)?;
            return Ok(true);
        }
    }
    writeln!(out, "end of input after {}", steps(env.steps())).map_err(io)?;
    Ok(false)
}

/// Arguments of `gridhouse export alfworld`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The split: train, valid_seen or valid_unseen (optionally `SET/TASK_TYPE[/ROOM_KIND]`:
    /// the index is then within the filtered set).
    #[arg(long)]
    pub set: String,
    /// Game index in the set.
    #[arg(long)]
    pub index: usize,
    /// Output folder (created; `game.tw-pddl` and `traj_data.json` are written there).
    #[arg(long)]
    pub out: PathBuf,
    /// Wording: 0.4.2 (`move`, `help`) or 0.3 (`put … in/on`, `You arrive at loc N`).
    #[arg(long, default_value = "0.4.2")]
    pub dialect: String,
}

/// `gridhouse export alfworld`.
pub fn cmd_export(args: &ExportArgs) -> Result<std::process::ExitCode, String> {
    let wording = parse_wording(&args.dialect)?;
    let id = format!("alfworld/{}", args.set);
    let set = TaskSet::from_env_id(&id).map_err(|e| e.to_string())?;
    let game = set
        .game(args.index)
        .ok_or_else(|| format!("{id} has {} games: no index {}", set.len(), args.index))?;
    export::write_game_folder(&game, wording, &args.out).map_err(|e| e.to_string())?;
    println!(
        "wrote {} ({}) to {}",
        game.name(),
        game.task.sentence,
        args.out.display()
    );
    Ok(std::process::ExitCode::SUCCESS)
}

/// `"1 step"`, `"N steps"`.
fn steps(n: u32) -> String {
    let mut s = String::new();
    text_render::steps(&mut s, u64::from(n));
    s
}
